import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLimit, readPageSize } from '../../helpers/parameters';
import { listParentScans } from '../../helpers/scans';
import { pageSizeOption, returnAllOrLimit, showFor } from '../common.descriptions';

export const description: INodeProperties[] = showFor('scan', 'getManyParentScans', [
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				type: 'string',
				default: '',
				placeholder: 'e.g. {"state":"Failed"}',
				description:
					'Only parent scans whose fields have these values, as BigID takes it in the filter query parameter',
			},
			pageSizeOption,
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'e.g. -updated_at',
				description:
					'Sort order as BigID takes it in the sort query parameter; empty means BigID’s default, the most recently updated first',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		filter?: string;
		sort?: string;
	};
	const { items } = await listParentScans.call(
		this,
		{
			limit: readLimit.call(this, itemIndex),
			pageSize: readPageSize.call(this, itemIndex),
			sort: options.sort?.trim(),
			filter: options.filter?.trim(),
		},
		itemIndex,
	);
	return items;
}
