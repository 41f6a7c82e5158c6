import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteDataSource from './delete.operation';
import * as get from './get.operation';
import * as getLastScan from './getLastScan.operation';
import * as getMany from './getMany.operation';
import * as scan from './scan.operation';
import * as testConnection from './testConnection.operation';
import * as update from './update.operation';

export const operations = {
	create,
	delete: deleteDataSource,
	get,
	getLastScan,
	getMany,
	scan,
	testConnection,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dataSource'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a data source from the fields a CMDB item has: name, type, host or URL, credential ID, enabled',
				action: 'Create a data source',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a data source for good; needs an explicit confirmation',
				action: 'Delete a data source',
			},
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
			{
				name: 'Test Connection',
				value: 'testConnection',
				description:
					'Test whether BigID can connect to a data source; a failed connection is output with connectionOk false',
				action: 'Test the connection of a data source',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a data source without losing the others',
				action: 'Update a data source',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...deleteDataSource.description,
	...get.description,
	...getLastScan.description,
	...getMany.description,
	...scan.description,
	...testConnection.description,
	...update.description,
];
