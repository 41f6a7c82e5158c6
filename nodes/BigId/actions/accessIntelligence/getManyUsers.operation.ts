import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { aciUserFields, isAciUserOf } from '../../model/accessIntelligence';
import {
	directoryDescription,
	getManyOfDirectory,
	isOfDataSource,
} from './accessIntelligence.parameters';

export const description: INodeProperties[] = directoryDescription(
	'getManyUsers',
	'users',
	aciUserFields,
	{
		displayName: 'Email or Name',
		name: 'emailOrName',
		type: 'string',
		default: '',
		placeholder: 'e.g. jdoe@example.com',
		description:
			"Only the accounts with this e-mail address or account name (case does not matter): a person's accounts in every data source. None match: no items.",
	},
);

/**
 * A person unknown to access intelligence has no accounts: no items, as for any list that
 * matches nothing, so an offboarding workflow reports "no accounts" rather than failing.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getManyOfDirectory.call(this, itemIndex, 'users', aciUserFields, {
		emailOrName: isAciUserOf,
		dataSource: isOfDataSource,
	});
}
