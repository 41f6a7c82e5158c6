import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listRoles } from '../api/roles';
import { searchResults } from './search';

export async function searchRoles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const roles = await listRoles.call(this);
	return searchResults(
		roles,
		filter,
		(role) => [role.name],
		(role) => ({ name: String(role.name), value: String(role.id) }),
	);
}
