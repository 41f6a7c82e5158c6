import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as getManyParentScans from './getManyParentScans.operation';
import * as getStatus from './getStatus.operation';
import * as start from './start.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export const operations = { getMany, getManyParentScans, getStatus, start, waitForCompletion };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['scan'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List scan executions, parents and children alike',
				action: 'Get many scans',
			},
			{
				name: 'Get Many Parent Scans',
				value: 'getManyParentScans',
				description:
					'List parent scans (the roll-up of a profile run) with the IDs of their child scans, newest first',
				action: 'Get many parent scans',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the status and progress of a scan, and whether it has finished',
				action: 'Get the status of a scan',
			},
			{
				name: 'Start',
				value: 'start',
				description: 'Start a scan of a scan profile and return the new scan ID',
				action: 'Start a scan',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				description:
					'Poll a scan until it reaches a terminal state such as Completed or Failed, or until a timeout',
				action: 'Wait for a scan to complete',
			},
		],
		default: 'start',
	},
	...getMany.description,
	...getManyParentScans.description,
	...getStatus.description,
	...start.description,
	...waitForCompletion.description,
];
