import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getUser, toUserOutputs } from '../../api/users';
import { userFields } from '../../model/user';
import { showFor } from '../common.descriptions';
import { readOutputChoice, shapeOutput } from '../output';
import { outputProperties } from '../output.descriptions';
import { userLocator } from './user.descriptions';
import { readUserId } from './user.parameters';

export const description: INodeProperties[] = showFor('user', 'get', [
	userLocator('The BigID user to get'),
	...outputProperties(userFields),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const choice = readOutputChoice.call(this, itemIndex);
	const user = await getUser.call(this, readUserId.call(this, itemIndex), itemIndex);
	const [output] = await toUserOutputs.call(this, [user], itemIndex);
	return shapeOutput(choice, userFields, output);
}
