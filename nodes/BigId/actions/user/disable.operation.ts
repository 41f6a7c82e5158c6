import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { setUserEnabled } from './enabledState';
import { showFor } from '../common.descriptions';
import { userLocator } from './user.descriptions';

export const description: INodeProperties[] = showFor('user', 'disable', [
	userLocator(
		'The BigID user to disable. Disabling keeps the user and its audit history, unlike deleting.',
	),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await setUserEnabled.call(this, itemIndex, false);
}
