import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getLastScan from './getLastScan.operation';
import * as getMany from './getMany.operation';
import * as scan from './scan.operation';

export const operations = { get, getLastScan, getMany, scan };

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
				name: 'Get Last Scan',
				value: 'getLastScan',
				description:
					'Get the last scan of a data source, with whether it has finished and succeeded',
				action: 'Get the last scan of a data source',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List the data sources (connections) of BigID; a scan profile needs their _id values',
				action: 'Get many data sources',
			},
			{
				name: 'Scan',
				value: 'scan',
				description:
					'Start a scan of one data source and return its scan ID and state, ready for Scan > Wait for Completion',
				action: 'Scan a data source',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getLastScan.description,
	...getMany.description,
	...scan.description,
];
