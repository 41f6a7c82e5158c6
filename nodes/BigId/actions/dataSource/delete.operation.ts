import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deleteDataSource } from '../../api/dataSources';
import { showFor } from '../common.descriptions';
import { dataSourceLocator, requireDataSource } from './dataSource.parameters';

export const description: INodeProperties[] = showFor('dataSource', 'delete', [
	dataSourceLocator(
		'The BigID data source to delete for good. Its scan results and catalog objects go with it; Update with Enabled off keeps them and stops scanning it.',
	),
	{
		displayName: 'Confirm Deletion',
		name: 'confirmDeletion',
		type: 'boolean',
		required: true,
		noDataExpression: true,
		default: false,
		description:
			'Whether to really delete the data source. Without it the node stops before sending anything.',
	},
]);

/**
 * A data source that is not there fails the item (as n8n's own nodes do for a delete of a missing
 * record), so a typo in the name is never reported as done; Continue On Fail lets a workflow go on.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	if (this.getNodeParameter('confirmDeletion', itemIndex, false) !== true) {
		throw new NodeOperationError(this.getNode(), 'Deletion was not confirmed', {
			itemIndex,
			description:
				'Deleting a data source is permanent. Turn on Confirm Deletion to delete it, or use Update with Enabled off to stop scanning it instead.',
		});
	}
	const source = await requireDataSource.call(this, itemIndex);
	const name = String(source.name);
	const answer = await deleteDataSource.call(this, name, itemIndex);
	return { ...answer, _id: source._id, id: source._id, name, deleted: true };
}
