import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listDataSources } from '../../api/dataSources';
import { showFor } from '../common.descriptions';
import { filterOption, getManyProperties, sortOption } from '../list.descriptions';
import { readListOptions } from '../parameters';

export const description: INodeProperties[] = showFor(
	'dataSource',
	'getMany',
	getManyProperties([
		filterOption(
			'e.g. {"type":"s3"}',
			'Only data sources whose fields have these values, as BigID takes it in the filter query parameter',
		),
		{
			displayName: 'Include Total Count',
			name: 'includeTotalCount',
			type: 'boolean',
			default: false,
			description:
				'Whether to return one item holding the data sources and the total count BigID reports for the filter, instead of one item per data source',
		},
		sortOption(
			'e.g. name or -updated_at',
			'Field to sort by, as BigID takes it in the sort query parameter; a leading - sorts in descending order',
		),
	]),
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const options = readListOptions.call(
		this,
		itemIndex,
		'BigID takes field names and values, for example name or {"type":"s3"}.',
	);
	const { items, totalCount } = await listDataSources.call(this, options, itemIndex);
	if (this.getNodeParameter('options.includeTotalCount', itemIndex, false) as boolean) {
		// Without BigID's count, only a complete listing knows the total.
		const total = totalCount ?? (options.limit === undefined ? items.length : null);
		return { totalCount: total, returned: items.length, dataSources: items };
	}
	return items;
}
