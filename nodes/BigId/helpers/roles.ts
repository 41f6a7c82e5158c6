import type { IDataObject } from 'n8n-workflow';

import type { BigIdContext } from '../transport';
import { bigIdApiRequest, normalizeObject, readListPage } from '../transport';

/** `GET /roles` answers every role at once, bare or wrapped. */
export async function listRoles(this: BigIdContext, itemIndex = 0): Promise<IDataObject[]> {
	const body = await bigIdApiRequest.call(this, { path: ['roles'] }, itemIndex);
	return (readListPage(body, 'roles')?.items ?? []).map(normalizeObject);
}
