import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getScanStatus } from '../../api/scans';
import type { ScanStatus } from '../../model/scan';
import { scanStatusOf } from '../../model/scan';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';
import { pollUntil, readWaitSettings, waitProperties } from '../wait';
import { scanIdProperty } from './common.descriptions';
import { readScanId, readTerminalStateKeys } from './scan.parameters';
import { terminalStatesOption } from '../../descriptions/scan.descriptions';

export const description: INodeProperties[] = showFor('scan', 'waitForCompletion', [
	scanIdProperty,
	...waitProperties('the scan'),
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

function describeStatus(status: ScanStatus): string {
	return `${status.status || 'no status'}${status.progress === null ? '' : `, progress ${status.progress}%`}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scanId = readScanId.call(this, itemIndex);
	const settings = readWaitSettings.call(this, itemIndex);
	const onTimeout = this.getNodeParameter('onTimeout', itemIndex) as 'error' | 'output';
	const failOnUnsuccessfulScan = this.getNodeParameter(
		'options.failOnUnsuccessfulScan',
		itemIndex,
		false,
	) as boolean;
	const terminalKeys = readTerminalStateKeys.call(this, itemIndex);

	const {
		last: status,
		finished,
		polls,
	} = await pollUntil(
		this,
		itemIndex,
		settings,
		async () =>
			scanStatusOf(scanId, await getScanStatus.call(this, scanId, itemIndex), terminalKeys),
		(answer) => answer.isFinished,
		{
			message: `The execution was cancelled while waiting for scan ${scanId}`,
			description: 'The scan keeps running in BigID.',
		},
	);
	if (finished) {
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
	if (onTimeout === 'output') return { ...status, timedOut: true, polls };
	throw new NodeOperationError(
		this.getNode(),
		`Scan ${scanId} did not finish within ${settings.timeoutSeconds} seconds; last status: ${describeStatus(status)}`,
		{
			itemIndex,
			description:
				'The scan keeps running in BigID. Raise Timeout, or set On Timeout to "Output the Last Status" to carry on while it runs.',
		},
	);
}
