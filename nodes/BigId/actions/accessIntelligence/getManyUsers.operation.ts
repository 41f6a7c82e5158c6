import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listAciUsers } from '../../api/accessIntelligence';
import { aciUserFields, aciUserOf, isAciUserOf } from '../../model/accessIntelligence';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';
import {
	aciSortOption,
	dataSourceFilter,
	getManyFiltered,
	isOfDataSource,
} from './accessIntelligence.parameters';

export const description: INodeProperties[] = showFor('accessIntelligence', 'getManyUsers', [
	...getManyProperties([aciSortOption], aciUserFields),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			"BigID's access intelligence user list has no public filter parameter, so the node applies these to each page it reads. Limit counts the accounts that match.",
		options: [
			dataSourceFilter,
			{
				displayName: 'Email or Name',
				name: 'emailOrName',
				type: 'string',
				default: '',
				placeholder: 'e.g. jdoe@example.com',
				description:
					"Only the accounts with this e-mail address or account name (case does not matter): a person's accounts in every data source. None match: no items.",
			},
		],
	},
]);

/**
 * A person unknown to access intelligence has no accounts: no items, as for any list that
 * matches nothing, so an offboarding workflow reports "no accounts" rather than failing.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getManyFiltered.call(
		this,
		itemIndex,
		async (options) => await listAciUsers.call(this, options, itemIndex),
		aciUserOf,
		aciUserFields,
		{ emailOrName: isAciUserOf, dataSource: isOfDataSource },
	);
}
