import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as search from './search.operation';

export const operations = { count, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['catalogObject'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description: 'Count the catalog objects that match the filters',
				action: 'Count catalog objects',
			},
			{
				name: 'Search',
				value: 'search',
				description:
					'Find the objects (tables, files...) of the data catalog that hold sensitive data, with the attributes found in each',
				action: 'Search catalog objects',
			},
		],
		default: 'search',
	},
	...count.description,
	...search.description,
];
