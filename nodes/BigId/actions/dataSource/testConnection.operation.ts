import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { testDataSourceConnection } from '../../api/dataSources';
import { connectionTestOutcomeOf } from '../../model/dataSource';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';
import { dataSourceLocator, requireDataSource } from './dataSource.parameters';

export const description: INodeProperties[] = showFor('dataSource', 'testConnection', [
	dataSourceLocator('The BigID data source whose connection to test, with its stored settings'),
	optionsCollection([
		{
			displayName: 'Fail on Connection Failure',
			name: 'failOnConnectionFailure',
			type: 'boolean',
			default: false,
			description:
				'Whether a connection that fails stops the item with an error. Off, it is output with connectionOk false, so an If node can branch on it.',
		},
	]),
]);

/** BigID's test endpoint is unconfirmed: a version without it says so; its answer is read tolerantly. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const source = await requireDataSource.call(this, itemIndex);
	const name = String(source.name);
	const outcome = connectionTestOutcomeOf(
		await testDataSourceConnection.call(this, source, itemIndex),
	);
	if (
		!outcome.connectionOk &&
		this.getNodeParameter('options.failOnConnectionFailure', itemIndex, false)
	) {
		throw new NodeOperationError(
			this.getNode(),
			`BigID could not connect to data source "${name}"${outcome.message ? `: ${outcome.message}` : ''}`,
			{
				itemIndex,
				description:
					'Check the host, the credential and that the scanner can reach the data source, then test again.',
			},
		);
	}
	return { name, ...outcome };
}
