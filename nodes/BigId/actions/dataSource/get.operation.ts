import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	FIND_DATA_SOURCE_IDS,
	getDataSourceIfOffered,
	listDataSources,
} from '../../api/dataSources';
import type { DataSourceLocator } from '../../model/dataSource';
import { dataSourceMatches } from '../../model/dataSource';
import { resourceLocator, showFor } from '../common.descriptions';
import { requireObjectId } from '../parameters';

export const description: INodeProperties[] = showFor('dataSource', 'get', [
	resourceLocator({
		displayName: 'Data Source',
		name: 'dataSource',
		description: 'The BigID data source to get',
		searchListMethod: 'searchDataSources',
		byName: {
			placeholder: 'e.g. marketing-db-1',
			hint: 'The exact data source name, as BigID lists it',
		},
	}),
]);

/**
 * Reading one data source by ID or name is not documented (docs/bigid-api.md): when a BigID version does not answer it
 * or answers with another object, the confirmed list is searched instead.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const locator = this.getNodeParameter('dataSource', itemIndex) as DataSourceLocator;
	const value = String(locator.value ?? '').trim();
	const wanted = { mode: locator.mode, value };
	if (value === '') {
		throw new NodeOperationError(this.getNode(), 'No data source given', {
			itemIndex,
			description: 'Choose a data source from the list, or enter its ID or exact name.',
		});
	}
	if (locator.mode !== 'name') requireObjectId.call(this, value, 'Data source', itemIndex);
	const direct = await getDataSourceIfOffered.call(this, value, itemIndex);
	if (direct && dataSourceMatches(direct, wanted)) return direct;
	const { items } = await listDataSources.call(this, {}, itemIndex);
	const found = items.find((source) => dataSourceMatches(source, wanted));
	if (!found) {
		throw new NodeOperationError(
			this.getNode(),
			`Data source ${locator.mode === 'name' ? `"${value}"` : value} was not found`,
			{
				itemIndex,
				description: `BigID has no data source with this ${locator.mode === 'name' ? 'exact name' : 'ID'}. ${FIND_DATA_SOURCE_IDS}`,
			},
		);
	}
	return found;
}
