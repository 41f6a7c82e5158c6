import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ScanProfileLocator } from '../../helpers/scanProfiles';
import { getScanProfile, locatorValue } from '../../helpers/scanProfiles';
import { showFor } from '../common.descriptions';
import { scanProfileLocator } from './common.descriptions';

export const description: INodeProperties[] = showFor('scanProfile', 'get', [
	scanProfileLocator('The scan profile to get', false),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const locator = this.getNodeParameter('scanProfile', itemIndex) as ScanProfileLocator;
	return await getScanProfile.call(this, locatorValue.call(this, locator, itemIndex), itemIndex);
}
