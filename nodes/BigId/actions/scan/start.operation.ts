import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listScanProfilesIfOffered, PROFILE_NOT_FOUND_FIX } from '../../api/scanProfiles';
import { startScan } from '../../api/scans';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';
import { scanProfileLocator } from '../scanProfile/common.descriptions';
import { getScanProfileById, readScanProfileLocator } from '../scanProfile/scanProfile.parameters';

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

/** A profile by exact name; undefined when this BigID version cannot list profiles. */
async function findScanProfileByName(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const profiles = await listScanProfilesIfOffered.call(this, {}, itemIndex);
	if (!profiles) return undefined;
	const profile = profiles.items.find((candidate) => candidate.name === name);
	if (!profile) {
		throw new NodeOperationError(this.getNode(), `Scan profile "${name}" was not found`, {
			itemIndex,
			description: `Scan profile names must match BigID exactly. ${PROFILE_NOT_FOUND_FIX}`,
		});
	}
	return profile;
}

/**
 * The scans API guide (docs/bigid-api.md) starts a scan with `{scanProfileId}`, real deployments with `{scanType,
 * scanProfileName, scanOrigin}`: the body carries everything the chosen profile gives.
 */
async function profileReference(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { mode, value } = readScanProfileLocator.call(this, itemIndex);
	if (mode !== 'name') {
		const profile = await getScanProfileById.call(this, value, itemIndex);
		return { scanProfileId: profile._id ?? value, scanProfileName: profile.name };
	}
	const profile = await findScanProfileByName.call(this, value, itemIndex);
	// Without a list endpoint the name alone is sent: real deployments start scans by name.
	return profile
		? { scanProfileId: profile._id, scanProfileName: profile.name }
		: { scanProfileName: value };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const scanType = this.getNodeParameter('scanType', itemIndex) as string;
	const scanOrigin = this.getNodeParameter(
		'options.scanOrigin',
		itemIndex,
		DEFAULT_SCAN_ORIGIN,
	) as string;
	const reference = await profileReference.call(this, itemIndex);
	const body: IDataObject = { ...reference, scanType, scanOrigin };
	const { scanId, message } = await startScan.call(this, body, itemIndex);
	return { scanId, ...body, message };
}
