import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { replaceDataSource } from '../../api/dataSources';
import { replacementDataSource } from '../../model/dataSource';
import { showFor } from '../common.descriptions';
import {
	connectionFields,
	credentialIdProperty,
	enabledProperty,
	hostProperty,
} from './dataSource.descriptions';
import {
	dataSourceLocator,
	readConnectionFields,
	readHost,
	requireDataSource,
} from './dataSource.parameters';

export const description: INodeProperties[] = showFor('dataSource', 'update', [
	dataSourceLocator('The BigID data source to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only these fields change. BigID may replace the whole data source on update, so the node reads it first and sends it back whole with these changes: nothing else is lost.',
		options: [credentialIdProperty, ...connectionFields, enabledProperty, hostProperty].sort(
			(left, right) => left.displayName.localeCompare(right.displayName),
		),
	},
]);

/** Reads the data source, applies only the Update Fields and sends it back whole with `PUT`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = readConnectionFields.call(this, fields, itemIndex);
	const givenHost = typeof fields.host === 'string' ? fields.host.trim() : '';
	if (Object.keys(changes).length === 0 && givenHost === '') {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add the fields to change under Update Fields, with a value.',
		});
	}
	const current = await requireDataSource.call(this, itemIndex);
	// Where the host goes depends on the stored type.
	const host = readHost.call(this, givenHost, String(current.type ?? ''), itemIndex);
	if (host !== undefined) changes.host = host;
	return await replaceDataSource.call(
		this,
		String(current.name),
		replacementDataSource(current, changes),
		itemIndex,
	);
}
