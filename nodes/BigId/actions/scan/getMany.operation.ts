import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLimit, readPageSize } from '../../helpers/parameters';
import { bigIdApiRequestAllItems, normalizeObject } from '../../transport';
import { pageSizeOption, returnAllOrLimit, showFor } from '../common.descriptions';

export const description: INodeProperties[] = showFor('scan', 'getMany', [
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pageSizeOption],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { items } = await bigIdApiRequestAllItems.call(
		this,
		{
			path: ['scans'],
			listKey: 'scans',
			limit: readLimit.call(this, itemIndex),
			pageSize: readPageSize.call(this, itemIndex),
		},
		itemIndex,
	);
	return items.map(normalizeObject);
}
