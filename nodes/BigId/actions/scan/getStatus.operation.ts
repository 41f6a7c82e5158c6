import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_TERMINAL_STATES,
	getScanStatus,
	readTerminalStates,
	requireScanId,
} from '../../helpers/scans';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';
import { scanIdProperty, terminalStatesOption } from './common.descriptions';

export const description: INodeProperties[] = showFor('scan', 'getStatus', [
	scanIdProperty,
	optionsCollection([terminalStatesOption]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scanId = requireScanId.call(this, this.getNodeParameter('scanId', itemIndex), itemIndex);
	const terminalStates = readTerminalStates.call(
		this,
		this.getNodeParameter('options.terminalStates', itemIndex, DEFAULT_TERMINAL_STATES),
		itemIndex,
	);
	return await getScanStatus.call(this, scanId, terminalStates, itemIndex);
}
