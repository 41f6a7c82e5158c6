import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listRoles } from '../api/roles';
import { containsText } from '../model/object';

export async function searchRoles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const roles = await listRoles.call(this);
	return {
		results: roles
			.filter((role) => containsText(filter, role.name))
			.map((role) => ({ name: String(role.name), value: String(role.id) })),
	};
}
