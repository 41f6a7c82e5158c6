import type { INodeProperties } from 'n8n-workflow';

import * as role from './role/Role.resource';

/** The resource selector and every operation's parameters; the node class holds the rest of the description. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Role', value: 'role' }],
		default: 'role',
	},
	...role.description,
];
