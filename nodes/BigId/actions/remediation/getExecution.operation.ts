import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getRemediationExecution, listRemediationActions } from '../../api/remediation';
import { ifOffered } from '../../api/unconfirmed';
import { showFor } from '../common.descriptions';
import { requireText } from '../parameters';
import { remediationAppProperties } from './remediation.descriptions';
import { readRemediationApp } from './remediation.parameters';

export const description: INodeProperties[] = [
	...remediationAppProperties('getExecution'),
	...showFor('remediation', 'getExecution', [
		{
			displayName: 'Execution ID',
			name: 'executionId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. {{ $json.executionId }}',
			description: 'The executionId Remediation > Execute Action outputs',
		},
	]),
];

/**
 * The execution's audit trail. An unknown execution and a missing app both answer 404, so on a
 * 404 the app's actions are read: if the app answers, the execution is what does not exist.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const executionId = requireText.call(
		this,
		this.getNodeParameter('executionId', itemIndex),
		itemIndex,
		{
			message: 'Execution ID is empty',
			description:
				'Give the executionId Remediation > Execute Action outputs, for example {{ $json.executionId }}.',
		},
	);
	const app = readRemediationApp.call(this, itemIndex);
	const execution = await ifOffered(
		this,
		getRemediationExecution.call(this, app, executionId, itemIndex),
		itemIndex,
	);
	if (execution !== undefined) return execution;
	await listRemediationActions.call(this, app, itemIndex);
	throw new NodeOperationError(
		this.getNode(),
		`The Remediation app has no execution ${executionId}`,
		{
			itemIndex,
			description:
				'Check the execution ID: Remediation > Execute Action outputs it as executionId, for an execution of this app (App ID).',
		},
	);
}
