import type { INodeProperties } from 'n8n-workflow';

import * as getAttributes from './getAttributes.operation';
import * as getProfiles from './getProfiles.operation';
import * as getReport from './getReport.operation';
import * as getReportStatus from './getReportStatus.operation';
import * as submitAndWait from './submitAndWait.operation';
import * as submitRequest from './submitRequest.operation';

export const operations = {
	getAttributes,
	getProfiles,
	getReport,
	getReportStatus,
	submitAndWait,
	submitRequest,
};

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
			{
				name: 'Get Report',
				value: 'getReport',
				description:
					'Get the report of a data subject access request: where BigID found what about the person',
				action: 'Get a DSAR report',
			},
			{
				name: 'Get Report Status',
				value: 'getReportStatus',
				description:
					'Get the status of a submitted data subject access request (unconfirmed endpoint)',
				action: 'Get the status of a DSAR report',
			},
			{
				name: 'Submit and Wait',
				value: 'submitAndWait',
				description:
					'Start a data subject access request, wait until its report is ready and output the report (unconfirmed endpoints)',
				action: 'Submit a DSAR request and wait for its report',
			},
			{
				name: 'Submit Request',
				value: 'submitRequest',
				description:
					'Start a data subject access request for one person, identified by attributes of a profile (unconfirmed endpoint)',
				action: 'Submit a DSAR request',
			},
		],
		default: 'getProfiles',
	},
	...getAttributes.description,
	...getProfiles.description,
	...getReport.description,
	...getReportStatus.description,
	...submitAndWait.description,
	...submitRequest.description,
];
