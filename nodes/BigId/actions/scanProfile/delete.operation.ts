import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ScanProfileLocator } from '../../helpers/scanProfiles';
import { getScanProfile, locatorValue } from '../../helpers/scanProfiles';
import { requireOffered } from '../../helpers/unconfirmedEndpoints';
import { unwrapEnvelope } from '../../transport';
import { showFor } from '../common.descriptions';
import { scanProfileLocator } from './common.descriptions';

export const description: INodeProperties[] = showFor('scanProfile', 'delete', [
	scanProfileLocator('The scan profile to delete', false),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const locator = this.getNodeParameter('scanProfile', itemIndex) as ScanProfileLocator;
	// Read first: a 404 on the DELETE itself could mean either "no such profile" or "no such endpoint".
	const profile = await getScanProfile.call(
		this,
		locatorValue.call(this, locator, itemIndex),
		itemIndex,
	);
	const request = { method: 'DELETE' as const, path: ['scanProfiles', String(profile._id)] };
	const answer = await requireOffered(this, 'deleting scan profiles', request, itemIndex);
	const { message } = unwrapEnvelope(answer);
	return { id: profile._id, _id: profile._id, name: profile.name, deleted: true, message };
}
