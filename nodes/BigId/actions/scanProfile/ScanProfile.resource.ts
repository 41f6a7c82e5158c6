import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteScanProfile from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations = { create, delete: deleteScanProfile, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['scanProfile'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a scan profile: which data sources to scan, with which template, once or on a schedule',
				action: 'Create a scan profile',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a scan profile (not offered by every BigID version)',
				action: 'Delete a scan profile',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a scan profile by ID, for example to verify one just created',
				action: 'Get a scan profile',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the scan profiles (not offered by every BigID version)',
				action: 'Get many scan profiles',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change fields of a scan profile, such as its data sources or schedule (not offered by every BigID version)',
				action: 'Update a scan profile',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteScanProfile.description,
	...get.description,
	...getMany.description,
	...update.description,
];
