import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deleteScanProfile } from '../../api/scanProfiles';
import { showFor } from '../common.descriptions';
import { scanProfileLocator } from './common.descriptions';
import { getScanProfileById, readScanProfileLocator } from './scanProfile.parameters';

export const description: INodeProperties[] = showFor('scanProfile', 'delete', [
	scanProfileLocator('The scan profile to delete', false),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { value } = readScanProfileLocator.call(this, itemIndex);
	// Read first: a 404 on the DELETE itself could mean either "no such profile" or "no such endpoint".
	const profile = await getScanProfileById.call(this, value, itemIndex);
	const { message } = await deleteScanProfile.call(this, String(profile._id), itemIndex);
	return { id: profile._id, _id: profile._id, name: profile.name, deleted: true, message };
}
