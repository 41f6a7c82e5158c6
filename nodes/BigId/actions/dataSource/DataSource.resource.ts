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
		displayOptions: { show: { resource: ['dataSource'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a data source by ID or exact name',
				action: 'Get a data source',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the data sources (ds-connections) of BigID; a scan profile needs their _id values',
				action: 'Get many data sources',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
