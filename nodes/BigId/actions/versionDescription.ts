import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as role from './role/Role.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'BigID',
	name: 'bigId',
	icon: { light: 'file:bigid.svg', dark: 'file:bigid.dark.svg' },
	group: ['transform'],
	version: 1,
	subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
	description: 'Manage BigID scans, scan profiles, data sources, users and roles',
	defaults: { name: 'BigID' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'bigIdApi', required: true }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [{ name: 'Role', value: 'role' }],
			default: 'role',
		},
		...role.description,
	],
};
