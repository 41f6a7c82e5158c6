import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TERMINAL_STATES } from '../../model/scan';

export const scanIdProperty: INodeProperties = {
	displayName: 'Scan ID',
	name: 'scanId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 64f7df00cc834f0001a44e85',
	description:
		'ID of the scan: the scanId that Start returns, or an ID from Get Many Parent Scans (a parent or one of its childScanIds)',
};

export const terminalStatesOption: INodeProperties = {
	displayName: 'Terminal States',
	name: 'terminalStates',
	type: 'string',
	default: DEFAULT_TERMINAL_STATES,
	description:
		'Scan states that mean the scan has ended, separated by commas and compared without case, spaces or underscores (Completed With Errors is CompletedWithErrors). BigID has more states than it documents; add any your version uses.',
};
