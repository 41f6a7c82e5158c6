import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DataSourceLocator } from '../../helpers/dataSources';
import { findDataSource } from '../../helpers/dataSources';
import { resourceLocator, showFor } from '../common.descriptions';

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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const locator = this.getNodeParameter('dataSource', itemIndex) as DataSourceLocator;
	return await findDataSource.call(this, locator, itemIndex);
}
