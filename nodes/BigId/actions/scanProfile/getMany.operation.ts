import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLimit, readPageSize } from '../../helpers/parameters';
import { listScanProfiles } from '../../helpers/scanProfiles';
import { pageSizeOption, returnAllOrLimit, showFor } from '../common.descriptions';

export const description: INodeProperties[] = showFor('scanProfile', 'getMany', [
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
	const { items } = await listScanProfiles.call(
		this,
		{ limit: readLimit.call(this, itemIndex), pageSize: readPageSize.call(this, itemIndex) },
		itemIndex,
	);
	return items;
}
