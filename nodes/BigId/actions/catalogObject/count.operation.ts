import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { countCatalog } from '../../api/catalog';
import { showFor } from '../common.descriptions';
import { catalogFilters, readCatalogQuery } from './catalogObject.parameters';

export const description: INodeProperties[] = showFor('catalogObject', 'count', [catalogFilters]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const query = readCatalogQuery.call(this, itemIndex);
	return { count: await countCatalog.call(this, query, itemIndex), query };
}
