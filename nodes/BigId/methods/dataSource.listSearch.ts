import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listDataSources } from '../api/dataSources';
import { containsText } from '../model/object';

/** A data source search offering each source by name, `valueField` as its value, filtered on `searchedFields`. */
function dataSourceSearch(valueField: string, searchedFields: string[]) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const { items } = await listDataSources.call(this);
		const fieldsOf = (source: IDataObject) => searchedFields.map((field) => source[field]);
		return {
			results: items
				.filter((source) => containsText(filter, ...fieldsOf(source)))
				.map((source) => ({ name: String(source.name), value: String(source[valueField]) })),
		};
	};
}

export const searchDataSources = dataSourceSearch('_id', ['name', 'type', '_id']);

/** Data sources by name: the data source scan endpoints address a data source by its name. */
export const searchDataSourceNames = dataSourceSearch('name', ['name', 'type']);
