import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { setUserEnabled } from './enabledState';
import { showFor } from '../common.descriptions';
import { userLocator } from './user.descriptions';

export const description: INodeProperties[] = showFor('user', 'enable', [
	userLocator('The BigID user to enable'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await setUserEnabled.call(this, itemIndex, true);
}
