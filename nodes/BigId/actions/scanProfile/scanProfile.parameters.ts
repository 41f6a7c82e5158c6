import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FIND_DATA_SOURCE_IDS, listDataSourcesOnce } from '../../api/dataSources';
import { getScanProfile } from '../../api/scanProfiles';
import { dataSourceIdsOf } from '../../model/dataSource';
import { CRON_FORMAT_HINT, cronExpressionProblem, timeZoneProblem } from '../../model/schedule';
import { readJsonObject, requireObjectId, requireText } from '../parameters';

export interface ScanProfileLocator {
	mode: string;
	value: string;
}

/** The `scanProfile` resource locator's value: an ID, or (where the operation takes it) an exact name. */
export function readScanProfileLocator(
	this: IExecuteFunctions,
	itemIndex: number,
): ScanProfileLocator {
	const locator = this.getNodeParameter('scanProfile', itemIndex) as ScanProfileLocator;
	const value = String(locator?.value ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(this.getNode(), 'No scan profile given', {
			itemIndex,
			description:
				locator?.mode === 'name'
					? 'Enter the exact name of the scan profile.'
					: 'Choose a scan profile from the list, or enter its ID.',
		});
	}
	return { mode: locator.mode, value };
}

/** The profile an ID names, the ID checked before the request. */
export async function getScanProfileById(
	this: IExecuteFunctions,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	const profileId = requireObjectId.call(this, id, 'Scan profile', itemIndex);
	return await getScanProfile.call(this, profileId, itemIndex);
}

export function requireProfileName(
	this: IExecuteFunctions,
	name: unknown,
	itemIndex: number,
): string {
	return requireText.call(this, name, itemIndex, {
		message: 'The scan profile name is empty',
		description: 'Enter a name for the scan profile, for example "Targeted Marketing Data Scan".',
	});
}

export function requireScanTemplateId(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string {
	return requireText.call(this, value, itemIndex, {
		message: 'The scan template ID is empty',
		description:
			'Enter the ID of the scan template (classifier set) the profile should use, for example "standard-privacy-template-001". It is shown with the scan templates in the BigID UI.',
	});
}

export function requireValidCron(
	this: IExecuteFunctions,
	cronExpression: string,
	itemIndex: number,
): string {
	const cron = cronExpression.trim().replace(/\s+/g, ' ');
	const problem = cronExpressionProblem(cron);
	if (problem) {
		throw new NodeOperationError(
			this.getNode(),
			`Invalid cron expression "${cronExpression}": ${problem}`,
			{ itemIndex, description: CRON_FORMAT_HINT },
		);
	}
	return cron;
}

export function requireValidTimeZone(
	this: IExecuteFunctions,
	timeZone: string,
	itemIndex: number,
): string {
	const zone = timeZone.trim();
	const problem = timeZoneProblem(zone);
	if (problem) {
		throw new NodeOperationError(this.getNode(), `Invalid time zone: ${problem}`, {
			itemIndex,
			description: 'Enter an IANA time zone name such as UTC, Europe/Berlin or America/New_York.',
		});
	}
	return zone;
}

export function requireDataSourceIds(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string[] {
	const ids = dataSourceIdsOf(value);
	if (ids.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No data sources selected for the scan profile', {
			itemIndex,
			description: `Choose at least one data source, map their IDs with an expression, or set Data Sources to "All Enabled Data Sources". ${FIND_DATA_SOURCE_IDS}`,
		});
	}
	return ids.map((id) => requireObjectId.call(this, id, 'Data source', itemIndex));
}

/** BigID's own answer to an unknown data source ID does not always say which one: this does, before the write. */
export async function requireExistingDataSources(
	this: IExecuteFunctions,
	ids: string[],
	itemIndex: number,
): Promise<void> {
	const known = new Set(
		(await listDataSourcesOnce.call(this, itemIndex)).map((source) => source._id),
	);
	const missing = ids.filter((id) => !known.has(id));
	if (missing.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Data source ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} not found`,
			{ itemIndex, description: `The scan profile was not sent to BigID. ${FIND_DATA_SOURCE_IDS}` },
		);
	}
}

/** Other fields a BigID version takes, given as JSON; the node's own fields win over them. */
export function readExtraFields(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): IDataObject {
	return readJsonObject.call(this, value, itemIndex, {
		message: 'Other Fields must be a JSON object',
		description:
			'Enter the extra scan profile fields as a JSON object, for example {"owners": ["alice"]}.',
	});
}
