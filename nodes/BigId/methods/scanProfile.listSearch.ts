import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listScanProfiles } from '../helpers/scanProfiles';
import { matchesFilter } from '../helpers/search';

export async function searchScanProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { items } = await listScanProfiles.call(this);
	return {
		results: items
			.filter((profile) => matchesFilter(filter, profile.name, profile._id))
			.map((profile) => ({ name: String(profile.name), value: String(profile._id) })),
	};
}
