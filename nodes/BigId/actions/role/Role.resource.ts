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
		displayOptions: { show: { resource: ['role'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a role by ID or exact name',
				action: 'Get a role',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the roles of BigID; user create and update need one of these names',
				action: 'Get many roles',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
