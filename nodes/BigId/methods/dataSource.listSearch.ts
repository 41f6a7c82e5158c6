import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listDataSources } from '../api/dataSources';
import { containsText } from '../model/object';

/** The data sources the filter finds in `searched`, each offered by its name with `value` as the value. */
async function searchDataSourcesBy(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	value: (source: IDataObject) => unknown,
	searched: (source: IDataObject) => unknown[],
): Promise<INodeListSearchResult> {
	const { items } = await listDataSources.call(context);
	return {
		results: items
			.filter((source) => containsText(filter, ...searched(source)))
			.map((source) => ({ name: String(source.name), value: String(value(source)) })),
	};
}

export async function searchDataSources(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchDataSourcesBy(
		this,
		filter,
		(source) => source._id,
		(source) => [source.name, source.type, source._id],
	);
}

/** Data sources by name: the data source scan endpoints address a data source by its name. */
export async function searchDataSourceNames(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchDataSourcesBy(
		this,
		filter,
		(source) => source.name,
		(source) => [source.name, source.type],
	);
}
