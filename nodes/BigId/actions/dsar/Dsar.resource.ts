import type { INodeProperties } from 'n8n-workflow';

import * as getAttributes from './getAttributes.operation';
import * as getProfiles from './getProfiles.operation';

export const operations = { getAttributes, getProfiles };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dsar'] } },
		options: [
			{
				name: 'Get Attributes',
				value: 'getAttributes',
				description:
					'List the identity attributes (email, name...) a data subject access request of a profile searches by',
				action: 'Get the attributes of a DSAR profile',
			},
			{
				name: 'Get Profiles',
				value: 'getProfiles',
				description: 'List the profiles of data subject access requests',
				action: 'Get DSAR profiles',
			},
		],
		default: 'getProfiles',
	},
	...getAttributes.description,
	...getProfiles.description,
];
