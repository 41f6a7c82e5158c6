import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listDataSources } from '../../helpers/dataSources';
import { readLimit, readPageSize } from '../../helpers/parameters';
import { pageSizeOption, returnAllOrLimit, showFor } from '../common.descriptions';

export const description: INodeProperties[] = showFor('dataSource', 'getMany', [
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
				placeholder: 'e.g. {"type":"s3"}',
				description:
					'Only data sources whose fields have these values, as BigID takes it in the filter query parameter',
			},
			{
				displayName: 'Include Total Count',
				name: 'includeTotalCount',
				type: 'boolean',
				default: false,
				description:
					'Whether to return one item holding the data sources and the total count BigID reports for the filter, instead of one item per data source',
			},
			pageSizeOption,
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'e.g. name or -updated_at',
				description:
					'Field to sort by, as BigID takes it in the sort query parameter; a leading - sorts in descending order',
			},
		],
	},
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		filter?: string;
		sort?: string;
		includeTotalCount?: boolean;
	};
	const limit = readLimit.call(this, itemIndex);
	const { items, totalCount } = await listDataSources.call(
		this,
		{
			limit,
			pageSize: readPageSize.call(this, itemIndex),
			sort: options.sort?.trim(),
			filter: options.filter?.trim(),
		},
		itemIndex,
	);
	if (options.includeTotalCount) {
		// Without BigID's count, only a complete listing knows the total.
		const total = totalCount ?? (limit === undefined ? items.length : null);
		return { totalCount: total, returned: items.length, dataSources: items };
	}
	return items;
}
