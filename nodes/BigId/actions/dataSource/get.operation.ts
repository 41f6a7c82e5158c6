import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DataSourceLocator } from '../../helpers/dataSources';
import { findDataSource } from '../../helpers/dataSources';
import { showFor } from '../common.descriptions';

export const description: INodeProperties[] = showFor('dataSource', 'get', [
	{
		displayName: 'Data Source',
		name: 'dataSource',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The BigID data source to get',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDataSources', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 64f7df00cc834f0001a44e85',
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. marketing-db-1',
				hint: 'The exact data source name, as BigID lists it',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const locator = this.getNodeParameter('dataSource', itemIndex) as DataSourceLocator;
	return await findDataSource.call(this, locator, itemIndex);
}
