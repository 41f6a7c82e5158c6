import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listSarProfiles } from '../api/dsar';
import { byNameWithId, searchResults } from './search';

export async function searchSarProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const profiles = await listSarProfiles.call(this);
	return searchResults(profiles, filter, (profile) => [profile.name, profile._id], byNameWithId);
}
