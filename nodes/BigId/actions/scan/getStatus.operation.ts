import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getScanStatus } from '../../api/scans';
import { scanStatusOf } from '../../model/scan';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';
import { scanIdProperty } from './common.descriptions';
import { readScanId, readTerminalStateKeys } from './scan.parameters';
import { terminalStatesOption } from '../../descriptions/scan.descriptions';

export const description: INodeProperties[] = showFor('scan', 'getStatus', [
	scanIdProperty,
	optionsCollection([terminalStatesOption]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scanId = readScanId.call(this, itemIndex);
	const terminalKeys = readTerminalStateKeys.call(this, itemIndex);
	return scanStatusOf(scanId, await getScanStatus.call(this, scanId, itemIndex), terminalKeys);
}
