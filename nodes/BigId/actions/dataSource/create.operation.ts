import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createDataSource, findDataSource } from '../../api/dataSources';
import type { DataSourceChanges } from '../../model/dataSource';
import { dataSourceFieldsOf, hostFieldOf } from '../../model/dataSource';
import { showFor } from '../common.descriptions';
import { requireText } from '../parameters';
import {
	connectionFields,
	credentialIdProperty,
	dataSourceTypeOptions,
	enabledProperty,
	hostProperty,
} from './dataSource.descriptions';
import { readConnectionFields, readHost, requireDataSourceName } from './dataSource.parameters';

export const description: INodeProperties[] = showFor('dataSource', 'create', [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. crm-db-prod',
		description:
			'Name of the new data source: BigID addresses it by this exact name, so it must not exist yet',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: dataSourceTypeOptions,
		default: 'rdb-mysql',
		description:
			'The connector type. Choose from the list, or specify another type BigID has installed (such as s3-v2) using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	hostProperty,
	credentialIdProperty,
	enabledProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: connectionFields,
	},
]);

async function readNewDataSource(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<{ name: string; type: string; changes: DataSourceChanges }> {
	const name = requireDataSourceName.call(
		this,
		this.getNodeParameter('name', itemIndex),
		itemIndex,
	);
	const type = requireText.call(this, this.getNodeParameter('type', itemIndex), itemIndex, {
		message: 'Type is empty',
		description: 'Choose the connector type of the data source, for example rdb-mysql.',
	});
	const host = readHost.call(this, this.getNodeParameter('host', itemIndex, ''), type, itemIndex);
	if (hostFieldOf(type) !== undefined && host === undefined) {
		throw new NodeOperationError(this.getNode(), 'Host or URL is empty', {
			itemIndex,
			description: `A data source of type ${type} needs the address BigID connects to, for example mysql.internal:3306.`,
		});
	}
	const credentialId = String(this.getNodeParameter('credentialId', itemIndex, '') ?? '').trim();
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const changes: DataSourceChanges = {
		scannerStrategy: 'SCAN_ALL',
		...readConnectionFields.call(this, additionalFields, itemIndex),
		name,
		type,
		host,
		enabled: this.getNodeParameter('enabled', itemIndex, true) as boolean,
	};
	if (credentialId !== '') changes.credentialId = credentialId;
	return { name, type, changes };
}

/**
 * A data source name is unique in BigID, so an existing one fails the item before anything is
 * written; the POST is never sent twice, and a lost answer says it may have happened.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { name, type, changes } = await readNewDataSource.call(this, itemIndex);
	if (await findDataSource.call(this, { mode: 'name', value: name }, itemIndex)) {
		throw new NodeOperationError(this.getNode(), `A data source named "${name}" already exists`, {
			itemIndex,
			description:
				'Nothing was sent to BigID. Use Data Source > Update to change it, or choose another name.',
		});
	}
	return await createDataSource.call(this, dataSourceFieldsOf(changes, type), itemIndex);
}
