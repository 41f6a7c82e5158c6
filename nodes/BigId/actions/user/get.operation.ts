import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizeUsers, readUser, userIdParameter } from '../../helpers/users';
import { showFor } from '../common.descriptions';
import { userLocator } from './user.descriptions';

export const description: INodeProperties[] = showFor('user', 'get', [
	userLocator('The BigID user to get'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = userIdParameter.call(this, itemIndex);
	const [user] = await normalizeUsers.call(
		this,
		[await readUser.call(this, id, itemIndex)],
		itemIndex,
	);
	return user;
}
