import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listRoles } from '../api/roles';

/** Role names as values: user create and update send BigID the exact name. */
export async function getRoleNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const roles = await listRoles.call(this);
	return roles.map((role) => ({
		name: String(role.name),
		value: String(role.name),
		description: typeof role.description === 'string' ? role.description : undefined,
	}));
}
