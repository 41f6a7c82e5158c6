import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listScanProfiles } from '../api/scanProfiles';
import { byNameWithId, searchResults } from './search';

export async function searchScanProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { items } = await listScanProfiles.call(this);
	return searchResults(items, filter, (profile) => [profile.name, profile._id], byNameWithId);
}
