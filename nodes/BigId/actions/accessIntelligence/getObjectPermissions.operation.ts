import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listAciPermissions } from '../../api/accessIntelligence';
import { aciPermissionFields } from '../../model/accessIntelligence';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';
import { readOutputChoice, shapeOutputs } from '../output';
import { readConcurrency, readLimit, readPageSize, requireText } from '../parameters';

export const description: INodeProperties[] = showFor(
	'accessIntelligence',
	'getObjectPermissions',
	[
		{
			displayName: 'Object Path',
			name: 'objectPath',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. finance-bucket-1.Shared Documents/',
			description:
				"The object's fully qualified name, as Get Many Objects outputs it in fullPath; slashes and spaces are sent as part of it",
		},
		...getManyProperties([], aciPermissionFields),
	],
);

/** One item per principal that may reach the object, each with the object's path. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const choice = readOutputChoice.call(this, itemIndex);
	// Not trimmed: a path may end in a space as well as in a slash.
	const objectPath = String(this.getNodeParameter('objectPath', itemIndex, ''));
	requireText.call(this, objectPath, itemIndex, {
		message: 'Object Path is empty',
		description:
			'Enter the fully qualified name of the object, as Access Intelligence > Get Many Objects outputs it in fullPath.',
	});
	const { items } = await listAciPermissions.call(
		this,
		objectPath,
		{
			limit: readLimit.call(this, itemIndex),
			pageSize: readPageSize.call(this, itemIndex),
			concurrency: readConcurrency.call(this, itemIndex),
		},
		itemIndex,
	);
	return shapeOutputs(choice, aciPermissionFields, items);
}
