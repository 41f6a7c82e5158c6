import type { INodeProperties } from 'n8n-workflow';

import * as getManyGroups from './getManyGroups.operation';
import * as getManyObjects from './getManyObjects.operation';
import * as getManyUsers from './getManyUsers.operation';
import * as getObjectPermissions from './getObjectPermissions.operation';

export const operations = { getManyGroups, getManyObjects, getManyUsers, getObjectPermissions };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['accessIntelligence'] } },
		options: [
			{
				name: 'Get Many Groups',
				value: 'getManyGroups',
				description:
					'List the groups of the data sources, with their members and shared objects counts',
				action: 'Get many access intelligence groups',
			},
			{
				name: 'Get Many Objects',
				value: 'getManyObjects',
				description:
					'List the files, folders and tables access intelligence knows, such as those a person owns or that are shared with them or open to everyone',
				action: 'Get many access intelligence objects',
			},
			{
				name: 'Get Many Users',
				value: 'getManyUsers',
				description:
					"List the accounts people have in the data sources, such as a person's accounts by e-mail, with their groups, shared objects count and last login",
				action: 'Get many access intelligence users',
			},
			{
				name: 'Get Object Permissions',
				value: 'getObjectPermissions',
				description: 'List who may do what on one object, directly or inherited',
				action: 'Get the permissions of an object',
			},
		],
		default: 'getManyUsers',
	},
	...getManyGroups.description,
	...getManyObjects.description,
	...getManyUsers.description,
	...getObjectPermissions.description,
];
