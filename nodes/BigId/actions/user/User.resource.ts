import type { INodeProperties } from 'n8n-workflow';
import { userEndpointOptions } from '../../descriptions/user.descriptions';

import * as create from './create.operation';
import * as deleteUser from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as findByEmailOrName from './findByEmailOrName.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations = {
	create,
	delete: deleteUser,
	disable,
	enable,
	findByEmailOrName,
	get,
	getMany,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a local user with a role',
				action: 'Create a user',
			},
			{
				name: 'Delete (Permanent)',
				value: 'delete',
				description:
					'Delete a user for good, losing its audit history; needs an explicit confirmation. Prefer Disable.',
				action: 'Permanently delete a user',
			},
			{
				name: 'Disable',
				value: 'disable',
				description:
					'Stop a user from signing in while keeping it and its audit history, and confirm by reading it back',
				action: 'Disable a user',
			},
			{
				name: 'Enable',
				value: 'enable',
				description: 'Let a disabled user sign in again, and confirm by reading it back',
				action: 'Enable a user',
			},
			{
				name: 'Find by Email or Name',
				value: 'findByEmailOrName',
				description:
					'Find one user by email address or login name, reading only as many pages as needed',
				action: 'Find a user by email or name',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a user by ID',
				action: 'Get a user',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List users, all of them or up to a limit, optionally filtered, for example for an access review',
				action: 'Get many users',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a user without losing the others',
				action: 'Update a user',
			},
		],
		default: 'getMany',
	},
	{
		displayName: 'API Endpoint',
		name: 'apiEndpoint',
		type: 'options',
		displayOptions: { show: { resource: ['user'] } },
		options: userEndpointOptions,
		default: 'users',
		description:
			'Where BigID lists users: Get Many, Find by Email or Name and the user dropdowns read this list, and the output looks the same either way. Single users are read and written at /api/v1/users/{ID} with both.',
	},
	...create.description,
	...deleteUser.description,
	...disable.description,
	...enable.description,
	...findByEmailOrName.description,
	...get.description,
	...getMany.description,
	...update.description,
];
