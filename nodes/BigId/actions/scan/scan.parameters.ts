import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DEFAULT_TERMINAL_STATES,
	EMPTY_TERMINAL_STATES,
	terminalStateKeysOf,
} from '../../model/scan';
import { requireObjectId } from '../parameters';

export function readScanId(this: IExecuteFunctions, itemIndex: number): string {
	return requireObjectId.call(this, this.getNodeParameter('scanId', itemIndex), 'Scan', itemIndex);
}

/** Terminal States as comparison keys: BigID's set of states is open and its spelling varies. */
export function readTerminalStateKeys(this: IExecuteFunctions, itemIndex: number): Set<string> {
	const keys = terminalStateKeysOf(
		this.getNodeParameter('options.terminalStates', itemIndex, DEFAULT_TERMINAL_STATES),
	);
	if (keys.size === 0) {
		const { message, description } = EMPTY_TERMINAL_STATES;
		throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
	}
	return keys;
}
