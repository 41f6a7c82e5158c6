import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listAciGroups } from '../../api/accessIntelligence';
import { aciGroupFields, aciGroupOf } from '../../model/accessIntelligence';
import { sameText } from '../../model/object';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';
import {
	aciSortOption,
	dataSourceFilter,
	getManyFiltered,
	isOfDataSource,
} from './accessIntelligence.parameters';

export const description: INodeProperties[] = showFor('accessIntelligence', 'getManyGroups', [
	...getManyProperties([aciSortOption], aciGroupFields),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			"BigID's access intelligence group list has no public filter parameter, so the node applies these to each page it reads. Limit counts the groups that match.",
		options: [
			dataSourceFilter,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. finance-team',
				description: 'Only the groups of this name (case does not matter)',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getManyFiltered.call(
		this,
		itemIndex,
		async (options) => await listAciGroups.call(this, options, itemIndex),
		aciGroupOf,
		aciGroupFields,
		{ name: (group, wanted) => sameText(group.name, wanted), dataSource: isOfDataSource },
	);
}
