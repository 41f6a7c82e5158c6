import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the tag/value pairs of the data catalog, with the IDs BigID gives each tag and value',
				action: 'Get many tags',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
