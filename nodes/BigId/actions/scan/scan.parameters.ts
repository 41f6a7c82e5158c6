import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_TERMINAL_STATES, terminalStateKeysOf } from '../../model/scan';
import { requireObjectId } from '../parameters';

export function readScanId(this: IExecuteFunctions, itemIndex: number): string {
	return requireObjectId.call(this, this.getNodeParameter('scanId', itemIndex), 'Scan', itemIndex);
}

/** Terminal States as comparison keys: BigID's set of states is open and its spelling varies. */
export function readTerminalStateKeys(this: IExecuteFunctions, itemIndex: number): Set<string> {
	const text = this.getNodeParameter('options.terminalStates', itemIndex, DEFAULT_TERMINAL_STATES);
	const keys = terminalStateKeysOf(typeof text === 'string' ? text : DEFAULT_TERMINAL_STATES);
	if (keys.size === 0) {
		throw new NodeOperationError(this.getNode(), 'Terminal States is empty', {
			itemIndex,
			description: `List the scan states that end a scan, separated by commas, for example: ${DEFAULT_TERMINAL_STATES}.`,
		});
	}
	return keys;
}
