import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['auditLog'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'Read the audit log (who did what, from where) line by line: timestamp, user, IP, action, endpoint, resource and user agent',
				action: 'Get many audit log entries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
