import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listScanProfiles } from '../api/scanProfiles';
import { containsText } from '../model/object';

export async function searchScanProfiles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { items } = await listScanProfiles.call(this);
	return {
		results: items
			.filter((profile) => containsText(filter, profile.name, profile._id))
			.map((profile) => ({ name: String(profile.name), value: String(profile._id) })),
	};
}
