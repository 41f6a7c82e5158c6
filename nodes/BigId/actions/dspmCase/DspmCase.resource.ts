import type { INodeProperties } from 'n8n-workflow';

import * as assign from './assign.operation';
import * as bulkUpdate from './bulkUpdate.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getMetrics from './getMetrics.operation';
import * as getPolicySummary from './getPolicySummary.operation';
import * as syncTicket from './syncTicket.operation';
import * as updateStatus from './updateStatus.operation';

export const operations = {
	assign,
	bulkUpdate,
	get,
	getMany,
	getMetrics,
	getPolicySummary,
	syncTicket,
	updateStatus,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dspmCase'] } },
		options: [
			{
				name: 'Assign',
				value: 'assign',
				description: 'Assign a case to a BigID user by e-mail, such as the owner of its ticket',
				action: 'Assign a DSPM case',
			},
			{
				name: 'Bulk Update',
				value: 'bulkUpdate',
				description:
					'Set the status or assignee of every case of chosen policies, after counting them against a limit',
				action: 'Update the DSPM cases of policies in bulk',
			},
			{
				name: 'Create or Sync Ticket in BigID',
				value: 'syncTicket',
				description:
					"Have BigID's own Jira or ServiceNow integration create the case's ticket, or fetch it and sync the case",
				action: 'Create or sync the ticket of a DSPM case',
			},
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
				name: 'Get Metrics',
				value: 'getMetrics',
				description:
					"Count cases by policy, severity, status or data source, or read BigID's case trends",
				action: 'Get DSPM case metrics',
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
	...assign.description,
	...bulkUpdate.description,
	...syncTicket.description,
	...get.description,
	...getMany.description,
	...getMetrics.description,
	...getPolicySummary.description,
	...updateStatus.description,
];
