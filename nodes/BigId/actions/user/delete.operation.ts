import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deleteUser } from '../../api/users';
import { showFor } from '../common.descriptions';
import { userLocator } from './user.descriptions';
import { readUserId } from './user.parameters';

export const description: INodeProperties[] = showFor('user', 'delete', [
	userLocator(
		'The BigID user to delete for good. Deletion is permanent and loses the audit history of the user: Disable keeps both and is recommended.',
	),
	{
		displayName: 'Confirm Permanent Deletion',
		name: 'confirmPermanentDeletion',
		type: 'boolean',
		required: true,
		noDataExpression: true,
		default: false,
		description:
			'Whether to really delete the user. Without it the node stops before sending anything. Prefer the Disable operation, which keeps the user and its audit history.',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	if (this.getNodeParameter('confirmPermanentDeletion', itemIndex, false) !== true) {
		throw new NodeOperationError(this.getNode(), 'Permanent deletion was not confirmed', {
			itemIndex,
			description:
				'Deleting a BigID user is permanent and loses its audit history. Use the Disable operation instead (recommended), or turn on Confirm Permanent Deletion to delete for good.',
		});
	}
	const id = readUserId.call(this, itemIndex);
	return { ...(await deleteUser.call(this, id, itemIndex)), id, _id: id, deleted: true };
}
