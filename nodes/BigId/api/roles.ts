import type { IDataObject } from 'n8n-workflow';

import { normalizeObject } from '../model/object';
import type { BigIdContext } from '../transport';
import { bigIdApiRequest, listPageOf } from '../transport';
import { oncePerRun } from './runCache';

/** `GET /roles` answers every role at once, bare or wrapped. */
export async function listRoles(this: BigIdContext, itemIndex = 0): Promise<IDataObject[]> {
	const body = await bigIdApiRequest.call(this, { path: ['roles'] }, itemIndex);
	return (listPageOf(body, 'roles')?.items ?? []).map(normalizeObject);
}

/** The roles, read once per node run however many items need them. */
export async function listRolesOnce(this: BigIdContext, itemIndex = 0): Promise<IDataObject[]> {
	return await oncePerRun(this, 'roles', async () => await listRoles.call(this, itemIndex));
}
