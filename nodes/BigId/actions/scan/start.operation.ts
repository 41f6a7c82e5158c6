import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ScanProfileLocator } from '../../helpers/scanProfiles';
import {
	findScanProfileByName,
	getScanProfile,
	locatorValue,
	PROFILE_NOT_FOUND_FIX,
} from '../../helpers/scanProfiles';
import { startedScanIdOf } from '../../helpers/scans';
import { bigIdApiRequest, unwrapEnvelope } from '../../transport';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';
import { scanProfileLocator } from '../scanProfile/common.descriptions';

const DEFAULT_SCAN_ORIGIN = 'Invoked manually';

export const description: INodeProperties[] = showFor('scan', 'start', [
	scanProfileLocator('The scan profile to run', true),
	{
		displayName: 'Scan Type',
		name: 'scanType',
		type: 'options',
		options: [
			{ name: 'Data in Motion', value: 'dataInMotion' },
			{
				name: 'Data Source Scan',
				value: 'dsScan',
				description: 'Classify the data in the profile’s data sources',
			},
			{ name: 'Lineage Scan', value: 'lineageScan' },
			{ name: 'Metadata Scan', value: 'metadataScan' },
		],
		default: 'dsScan',
		description: 'Kind of scan to run (scanType)',
	},
	optionsCollection([
		{
			displayName: 'Scan Origin',
			name: 'scanOrigin',
			type: 'string',
			default: DEFAULT_SCAN_ORIGIN,
			description: 'How BigID records who started the scan (scanOrigin)',
		},
	]),
]);

/**
 * The seed starts a scan with `{scanProfileId}`, real deployments with `{scanType,
 * scanProfileName, scanOrigin}`: the body carries everything the chosen profile gives.
 */
async function profileReference(
	this: IExecuteFunctions,
	locator: ScanProfileLocator,
	itemIndex: number,
): Promise<IDataObject> {
	const value = locatorValue.call(this, locator, itemIndex);
	if (locator.mode !== 'name') {
		const profile = await getScanProfile.call(this, value, itemIndex);
		return { scanProfileId: profile._id ?? value, scanProfileName: profile.name };
	}
	const profile = await findScanProfileByName.call(this, value, itemIndex);
	// Without a list endpoint the name alone is sent: real deployments start scans by name.
	return profile
		? { scanProfileId: profile._id, scanProfileName: profile.name }
		: { scanProfileName: value };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const locator = this.getNodeParameter('scanProfile', itemIndex) as ScanProfileLocator;
	const scanType = this.getNodeParameter('scanType', itemIndex) as string;
	const scanOrigin = this.getNodeParameter(
		'options.scanOrigin',
		itemIndex,
		DEFAULT_SCAN_ORIGIN,
	) as string;
	const reference = await profileReference.call(this, locator, itemIndex);
	const body: IDataObject = { ...reference, scanType, scanOrigin };
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'POST',
			path: ['scans'],
			body,
			hints: { 404: PROFILE_NOT_FOUND_FIX },
		},
		itemIndex,
	);
	const message = answer.message ?? unwrapEnvelope(answer).message ?? null;
	return { scanId: startedScanIdOf(answer) ?? null, ...body, message };
}
