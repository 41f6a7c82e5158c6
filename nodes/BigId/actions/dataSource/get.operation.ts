import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import { dataSourceLocator, requireDataSource } from './dataSource.parameters';

export const description: INodeProperties[] = showFor('dataSource', 'get', [
	dataSourceLocator('The BigID data source to get'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await requireDataSource.call(this, itemIndex);
}
