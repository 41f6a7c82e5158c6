import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listDataSources } from '../api/dataSources';
import { containsText } from '../model/object';

export async function searchDataSources(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { items } = await listDataSources.call(this);
	return {
		results: items
			.filter((source) => containsText(filter, source.name, source.type, source._id))
			.map((source) => ({ name: String(source.name), value: String(source._id) })),
	};
}

/** Data sources by name: the data source scan endpoints address a data source by its name. */
export async function searchDataSourceNames(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { items } = await listDataSources.call(this);
	return {
		results: items
			.filter((source) => containsText(filter, source.name, source.type))
			.map((source) => ({ name: String(source.name), value: String(source.name) })),
	};
}
