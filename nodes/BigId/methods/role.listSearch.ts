import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listRoles } from '../helpers/roles';
import { matchesFilter } from '../helpers/search';

export async function searchRoles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const roles = await listRoles.call(this);
	return {
		results: roles
			.filter((role) => matchesFilter(filter, role.name))
			.map((role) => ({ name: String(role.name), value: String(role.id) })),
	};
}
