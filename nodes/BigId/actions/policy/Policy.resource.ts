import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations = { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['policy'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one policy by its name, such as the policyName of a DSPM case',
				action: 'Get a policy',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the policies (compliance rules) whose violations open DSPM cases',
				action: 'Get many policies',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
