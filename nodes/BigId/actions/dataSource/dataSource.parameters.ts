import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireText } from '../parameters';

/** The data source scan endpoints take a data source's name, so the list gives names. */
export const dataSourceNameLocator: INodeProperties = {
	displayName: 'Data Source',
	name: 'dataSourceName',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The data source, by its exact name as BigID lists it',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchDataSourceNames', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. marketing-db-1',
			hint: 'The exact data source name, as BigID lists it',
		},
	],
};

export function readDataSourceName(this: IExecuteFunctions, itemIndex: number): string {
	const locator = this.getNodeParameter('dataSourceName', itemIndex, '', {
		extractValue: true,
	}) as unknown;
	return requireText.call(this, locator, itemIndex, {
		message: 'No data source given',
		description: 'Choose a data source from the list, or enter its exact name.',
	});
}
