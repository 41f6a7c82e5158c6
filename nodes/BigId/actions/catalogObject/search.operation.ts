import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { searchCatalog } from '../../api/catalog';
import { catalogObjectFields } from '../../model/catalogObject';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';
import { readOutputChoice, shapeOutputs } from '../output';
import { readConcurrency, readLimit, readPageSize } from '../parameters';
import { catalogFilters, readCatalogQuery } from './catalogObject.parameters';

export const description: INodeProperties[] = showFor('catalogObject', 'search', [
	...getManyProperties([], catalogObjectFields),
	catalogFilters,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const choice = readOutputChoice.call(this, itemIndex);
	const query = readCatalogQuery.call(this, itemIndex);
	const { items } = await searchCatalog.call(
		this,
		query,
		{
			limit: readLimit.call(this, itemIndex),
			pageSize: readPageSize.call(this, itemIndex),
			concurrency: readConcurrency.call(this, itemIndex),
		},
		itemIndex,
	);
	return shapeOutputs(choice, catalogObjectFields, items);
}
