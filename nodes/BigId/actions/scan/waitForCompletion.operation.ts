import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { getScanStatus } from '../../api/scans';
import type { ScanStatus } from '../../model/scan';
import { scanStatusOf } from '../../model/scan';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';
import { scanIdProperty } from './common.descriptions';
import { readScanId, readTerminalStateKeys } from './scan.parameters';
import { terminalStatesOption } from '../../descriptions/scan.descriptions';

export const description: INodeProperties[] = showFor('scan', 'waitForCompletion', [
	scanIdProperty,
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 30,
		description: 'How long to wait between two status checks',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 3600,
		description: 'How long to wait for the scan at most',
	},
	{
		displayName: 'On Timeout',
		name: 'onTimeout',
		type: 'options',
		options: [
			{
				name: 'Fail With an Error',
				value: 'error',
				description: 'Stop with an error that gives the last status',
			},
			{
				name: 'Output the Last Status',
				value: 'output',
				description: 'Carry on with the last status and timedOut set to true',
			},
		],
		default: 'error',
		description:
			'What to do when the scan has not finished within the timeout; the scan itself keeps running',
	},
	optionsCollection([
		{
			displayName: 'Fail If the Scan Does Not Succeed',
			name: 'failOnUnsuccessfulScan',
			type: 'boolean',
			default: false,
			description:
				'Whether a scan that ends in any state other than Completed (Failed, Aborted...) stops the node with an error, instead of being output',
		},
		terminalStatesOption,
	]),
]);

function requirePositiveSeconds(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	const seconds = this.getNodeParameter(name, itemIndex) as number;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
		throw new NodeOperationError(
			this.getNode(),
			`${label} must be more than 0 seconds, not ${String(seconds)}`,
			{
				itemIndex,
				description: `Enter ${label} in seconds, for example 30; fractions such as 0.5 are allowed.`,
			},
		);
	}
	return seconds;
}

function describeStatus(status: ScanStatus): string {
	return `${status.status || 'no status'}${status.progress === null ? '' : `, progress ${status.progress}%`}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scanId = readScanId.call(this, itemIndex);
	const intervalMs =
		requirePositiveSeconds.call(this, 'pollInterval', 'Poll Interval', itemIndex) * 1000;
	const timeoutSeconds = requirePositiveSeconds.call(this, 'timeout', 'Timeout', itemIndex);
	const onTimeout = this.getNodeParameter('onTimeout', itemIndex) as 'error' | 'output';
	const failOnUnsuccessfulScan = this.getNodeParameter(
		'options.failOnUnsuccessfulScan',
		itemIndex,
		false,
	) as boolean;
	const terminalKeys = readTerminalStateKeys.call(this, itemIndex);

	const deadline = Date.now() + timeoutSeconds * 1000;
	for (let polls = 1; ; polls++) {
		const answer = await getScanStatus.call(this, scanId, itemIndex);
		const status = scanStatusOf(scanId, answer, terminalKeys);
		if (status.isFinished) {
			if (failOnUnsuccessfulScan && !status.isSucceeded) {
				throw new NodeOperationError(
					this.getNode(),
					`Scan ${scanId} finished without success: ${describeStatus(status)}`,
					{
						itemIndex,
						description:
							'Look at the scan in BigID (Scans > Activity) for the failed data sources. Turn off "Fail If the Scan Does Not Succeed" to output such scans instead.',
					},
				);
			}
			return { ...status, timedOut: false, polls };
		}
		const remainingMs = deadline - Date.now();
		if (remainingMs <= 0) {
			if (onTimeout === 'output') return { ...status, timedOut: true, polls };
			throw new NodeOperationError(
				this.getNode(),
				`Scan ${scanId} did not finish within ${timeoutSeconds} seconds; last status: ${describeStatus(status)}`,
				{
					itemIndex,
					description:
						'The scan keeps running in BigID. Raise Timeout, or set On Timeout to "Output the Last Status" to carry on while it runs.',
				},
			);
		}
		await sleep(Math.min(intervalMs, remainingMs));
		if (this.getExecutionCancelSignal()?.aborted) {
			throw new NodeOperationError(
				this.getNode(),
				`The execution was cancelled while waiting for scan ${scanId}`,
				{ itemIndex, description: 'The scan keeps running in BigID.' },
			);
		}
	}
}
