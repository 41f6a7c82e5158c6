import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listSarProfiles } from '../api/dsar';
import { containsText } from '../model/object';

export async function searchSarProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const profiles = await listSarProfiles.call(this);
	return {
		results: profiles
			.filter((profile) => containsText(filter, profile.name, profile._id))
			.map((profile) => ({ name: String(profile.name), value: String(profile._id) })),
	};
}
