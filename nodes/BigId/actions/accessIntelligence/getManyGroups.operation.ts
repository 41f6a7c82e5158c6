import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { aciGroupFields } from '../../model/accessIntelligence';
import { sameText } from '../../model/object';
import {
	directoryDescription,
	getManyOfDirectory,
	isOfDataSource,
} from './accessIntelligence.parameters';

export const description: INodeProperties[] = directoryDescription(
	'getManyGroups',
	'groups',
	aciGroupFields,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. finance-team',
		description: 'Only the groups of this name (case does not matter)',
	},
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getManyOfDirectory.call(this, itemIndex, 'groups', aciGroupFields, {
		name: (group, wanted) => sameText(group.name, wanted),
		dataSource: isOfDataSource,
	});
}
