import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listDataSources } from '../api/dataSources';
import { byNameWithId, searchResults } from './search';

export async function searchDataSources(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { items } = await listDataSources.call(this);
	return searchResults(
		items,
		filter,
		(source) => [source.name, source.type, source._id],
		byNameWithId,
	);
}

/** Data sources by name: the data source scan endpoints address a data source by its name. */
export async function searchDataSourceNames(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { items } = await listDataSources.call(this);
	return searchResults(
		items,
		filter,
		(source) => [source.name, source.type],
		(source) => ({ name: String(source.name), value: String(source.name) }),
	);
}
