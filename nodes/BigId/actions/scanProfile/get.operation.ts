import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import { scanProfileLocator } from './common.descriptions';
import { getScanProfileById, readScanProfileLocator } from './scanProfile.parameters';

export const description: INodeProperties[] = showFor('scanProfile', 'get', [
	scanProfileLocator('The scan profile to get', false),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { value } = readScanProfileLocator.call(this, itemIndex);
	return await getScanProfileById.call(this, value, itemIndex);
}
