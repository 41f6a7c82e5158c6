import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { terminalStatesOption } from '../../descriptions/scan.descriptions';

export const SCAN_FINISHED = 'scanFinished';

export const scanEventOptions: Array<INodePropertyOptions & { value: typeof SCAN_FINISHED }> = [
	{
		name: 'Scan Finished',
		value: SCAN_FINISHED,
		description: 'A parent scan reached a terminal state (Completed, Failed, Stopped...)',
	},
];

export const scanOptions: INodeProperties = {
	displayName: 'Scan Options',
	name: 'scanOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { events: [SCAN_FINISHED] } },
	options: [
		{
			displayName: 'Outcome',
			name: 'outcome',
			type: 'options',
			default: 'any',
			description: 'Which finished scans to emit',
			options: [
				{ name: 'Any', value: 'any', description: 'Every finished scan' },
				{
					name: 'Failed',
					value: 'failed',
					description:
						'Every terminal state except Completed (Failed, Stopped, Aborted, CompletedWithErrors...)',
				},
				{ name: 'Succeeded', value: 'succeeded', description: 'Only scans that ended Completed' },
			],
		},
		{
			displayName: 'Scan Profile Names',
			name: 'scanProfileNames',
			type: 'string',
			default: '',
			placeholder: 'e.g. Nightly PII scan, Weekly HR scan',
			description:
				'Only emit scans of these scan profiles, separated by commas and compared without case. Empty for every profile.',
		},
		terminalStatesOption,
	],
};
