import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listRoles } from '../helpers/roles';

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

export async function searchRoles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const roles = await listRoles.call(this);
	return {
		results: roles
			.filter((role) => matches(filter, role.name))
			.map((role) => ({ name: String(role.name), value: String(role.id) })),
	};
}
