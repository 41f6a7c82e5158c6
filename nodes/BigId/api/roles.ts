import type { IDataObject } from 'n8n-workflow';

import { normalizeObject } from '../model/object';
import type { BigIdContext } from '../transport';
import { bigIdApiRequest, readListPage } from '../transport';

/** `GET /roles` answers every role at once, bare or wrapped. */
export async function listRoles(this: BigIdContext, itemIndex = 0): Promise<IDataObject[]> {
	const body = await bigIdApiRequest.call(this, { path: ['roles'] }, itemIndex);
	return (readListPage(body, 'roles')?.items ?? []).map(normalizeObject);
}

const rolesByExecution = new WeakMap<object, Promise<IDataObject[]>>();

/** The roles, read once per node execution however many items need them. */
export async function listRolesOnce(this: BigIdContext, itemIndex = 0): Promise<IDataObject[]> {
	let roles = rolesByExecution.get(this);
	if (!roles) {
		roles = listRoles.call(this, itemIndex);
		rolesByExecution.set(this, roles);
		// A failed read must not answer for the next item too; the caller still gets the error.
		roles.then(undefined, () => rolesByExecution.delete(this));
	}
	return await roles;
}
