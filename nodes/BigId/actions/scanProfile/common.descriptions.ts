import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';

/** A scan profile picked from the list, by ID, and (where the operation can resolve it) by exact name. */
export function scanProfileLocator(description: string, byName: boolean): INodeProperties {
	return resourceLocator({
		displayName: 'Scan Profile',
		name: 'scanProfile',
		description,
		searchListMethod: 'searchScanProfiles',
		byName: byName
			? {
					placeholder: 'e.g. Targeted Marketing Data Scan',
					hint: 'The exact scan profile name, as BigID lists it',
				}
			: undefined,
	});
}

export const dataSourceIdsProperty: INodeProperties = {
	displayName: 'Data Source Names or IDs',
	name: 'dataSourceIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getDataSources' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'The data sources to scan. An expression may give an array of IDs, or IDs separated by commas.',
};

export const runModeOptions = [
	{
		name: 'One-Time',
		value: 'oneTime',
		description: 'Scan once (isSingleRunScan); BigID queues the scan when the profile is saved',
	},
	{
		name: 'Scheduled',
		value: 'scheduled',
		description: 'Scan on a cron schedule in a time zone',
	},
];

export const cronExpressionDescription =
	'When scans run, as five cron fields: minute hour day-of-month month day-of-week (e.g. 0 2 * * 0 is Sundays at 02:00)';

export const timeZoneDescription =
	'IANA time zone the cron expression is read in, e.g. UTC, Europe/Berlin or America/New_York';

export const isCustomScanProfileProperty: INodeProperties = {
	displayName: 'Is Custom Scan Profile',
	name: 'isCustomScanProfile',
	type: 'boolean',
	default: false,
	description:
		'Whether BigID should treat the profile as a custom scan profile (isCustomScanProfile)',
};

export const otherFieldsProperty: INodeProperties = {
	displayName: 'Other Fields (JSON)',
	name: 'otherFields',
	type: 'json',
	default: '{}',
	description:
		'More scan profile fields your BigID version takes, as a JSON object. The fields set above take precedence.',
};
