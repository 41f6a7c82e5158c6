import type { INodeProperties } from 'n8n-workflow';

import * as executeAction from './executeAction.operation';
import * as getActions from './getActions.operation';
import * as getExecution from './getExecution.operation';

export const operations = { executeAction, getActions, getExecution };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['remediation'] } },
		options: [
			{
				name: 'Execute Action',
				value: 'executeAction',
				description:
					'Run an enabled action of the Remediation app (revoke open access, move, tombstone...) on catalog objects, once',
				action: 'Execute a remediation action',
			},
			{
				name: 'Get Actions',
				value: 'getActions',
				description: 'List the enabled actions of the Remediation app, with their parameters',
				action: 'Get the remediation actions',
			},
			{
				name: 'Get Execution',
				value: 'getExecution',
				description: "Read an execution's status and audit trail by its execution ID",
				action: 'Get a remediation execution',
			},
		],
		default: 'getActions',
	},
	...executeAction.description,
	...getActions.description,
	...getExecution.description,
];
