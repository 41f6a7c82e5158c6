import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getPolicySummary from './getPolicySummary.operation';
import * as updateStatus from './updateStatus.operation';

export const operations = { get, getMany, getPolicySummary, updateStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dspmCase'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a DSPM case by its _id or its case ID (e.g. SPC-123)',
				action: 'Get a DSPM case',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					'List DSPM cases (policy violations on data sources), filtered by status, severity, policy, data source, type or date',
				action: 'Get many DSPM cases',
			},
			{
				name: 'Get Policy Summary',
				value: 'getPolicySummary',
				description: 'Count cases by policy and status, for a posture digest',
				action: 'Get the DSPM case summary by policy',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				description:
					'Set the status of a case (acknowledged, remediated, closed...) with the audit reason BigID records',
				action: 'Update the status of a DSPM case',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
	...getPolicySummary.description,
	...updateStatus.description,
];
