import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TERMINAL_STATES } from '../model/scan';

/** Terminal States, of Scan > Get Status and Wait for Completion, Data Source > Scan and Get Last Scan, and the trigger. */
export const terminalStatesOption: INodeProperties = {
	displayName: 'Terminal States',
	name: 'terminalStates',
	type: 'string',
	default: DEFAULT_TERMINAL_STATES,
	description:
		'Scan states that mean the scan has ended, separated by commas and compared without case, spaces or underscores (Completed With Errors is CompletedWithErrors). BigID has more states than it documents; add any your version uses.',
};
