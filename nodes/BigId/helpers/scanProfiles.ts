import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BigIdContext, ListResult } from '../transport';
import {
	bigIdApiRequest,
	bigIdApiRequestAllItems,
	normalizeObject,
	unwrapEnvelope,
} from '../transport';
import type { EndpointOutcome } from './unconfirmedEndpoints';
import { endpointNotOffered, unlessMissing } from './unconfirmedEndpoints';
import {
	enabledDataSourceIds,
	requireDataSourceIds,
	requireExistingDataSources,
} from './dataSources';
import type { ListQuery } from './listQuery';
import { requireObjectId, requireText } from './parameters';
import { CRON_FORMAT_HINT, cronExpressionProblem, timeZoneProblem } from '../model/schedule';

export const SCAN_PROFILE_LIST_KEY = 'scanProfiles';

export const PROFILE_NOT_FOUND_FIX =
	'Make sure the ID is valid: choose the scan profile from the list, or copy the ID that Scan Profile > Create or Get Many returned.';

/** `POST`, `GET` and `PUT` answer the profile bare, wrapped, or inside `scanProfile`. */
export function scanProfileOf(body: IDataObject): IDataObject {
	const content = unwrapEnvelope(body);
	const nested = content.scanProfile;
	return normalizeObject(
		nested && typeof nested === 'object' && !Array.isArray(nested)
			? (nested as IDataObject)
			: content,
	);
}

export async function getScanProfile(
	this: IExecuteFunctions,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	const profileId = requireObjectId.call(this, id, 'Scan profile', itemIndex);
	const body = await bigIdApiRequest.call(
		this,
		{ path: ['scanProfiles', profileId], hints: { 404: PROFILE_NOT_FOUND_FIX } },
		itemIndex,
	);
	return scanProfileOf(body);
}

async function readScanProfiles(
	this: BigIdContext,
	{ limit, pageSize }: ListQuery,
	itemIndex: number,
): Promise<EndpointOutcome<ListResult>> {
	return await unlessMissing(
		this,
		async () =>
			await bigIdApiRequestAllItems.call(
				this,
				{ path: ['scanProfiles'], listKey: SCAN_PROFILE_LIST_KEY, limit, pageSize },
				itemIndex,
			),
		itemIndex,
	);
}

export async function listScanProfiles(
	this: BigIdContext,
	query: ListQuery = {},
	itemIndex = 0,
): Promise<ListResult> {
	const outcome = await readScanProfiles.call(this, query, itemIndex);
	if ('missingStatus' in outcome) {
		throw endpointNotOffered(
			this,
			'listing scan profiles',
			'GET /api/v1/scanProfiles',
			outcome.missingStatus,
			itemIndex,
		);
	}
	return { ...outcome.answer, items: outcome.answer.items.map(normalizeObject) };
}

export interface ScanProfileLocator {
	mode: string;
	value: string;
}

export function locatorValue(
	this: IExecuteFunctions,
	locator: ScanProfileLocator,
	itemIndex: number,
): string {
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
	return value;
}

/** A profile by exact name; undefined when this BigID version cannot list profiles. */
export async function findScanProfileByName(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const outcome = await readScanProfiles.call(this, {}, itemIndex);
	if ('missingStatus' in outcome) return undefined;
	const profile = outcome.answer.items
		.map(normalizeObject)
		.find((candidate) => candidate.name === name);
	if (!profile) {
		throw new NodeOperationError(this.getNode(), `Scan profile "${name}" was not found`, {
			itemIndex,
			description: `Scan profile names must match BigID exactly. ${PROFILE_NOT_FOUND_FIX}`,
		});
	}
	return profile;
}

export type RunMode = 'oneTime' | 'scheduled';

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

/** The run mode as BigID stores it: either `isSingleRunScan: true` or a `schedule`, never both. */
export function runModeFields(
	this: IExecuteFunctions,
	runMode: RunMode,
	cronExpression: string,
	timeZone: string,
	itemIndex: number,
): IDataObject {
	if (runMode === 'oneTime') return { isSingleRunScan: true };
	return {
		schedule: {
			cronExpression: requireValidCron.call(this, cronExpression, itemIndex),
			timeZone: requireValidTimeZone.call(this, timeZone, itemIndex),
		},
	};
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

export type DataSourceSelection = 'selected' | 'allEnabled';

/** Input checks first, then one read of the data sources to resolve "all" or to name unknown IDs. */
export async function resolveDataSourceList(
	this: IExecuteFunctions,
	selection: DataSourceSelection,
	selectedIds: unknown,
	itemIndex: number,
): Promise<string[]> {
	if (selection === 'allEnabled') return await enabledDataSourceIds.call(this, itemIndex);
	const ids = requireDataSourceIds.call(this, selectedIds, itemIndex);
	await requireExistingDataSources.call(this, ids, itemIndex);
	return ids;
}

/** Fields the server owns: never sent back in an update. */
const SERVER_FIELDS = ['_id', 'id', 'createdAt', 'updatedAt', 'created_at', 'updated_at'];

export function writableFields(profile: IDataObject): IDataObject {
	const fields = { ...profile };
	for (const field of SERVER_FIELDS) delete fields[field];
	return fields;
}

/** Other fields a BigID version takes, given as JSON; the node's own fields win over them. */
export function readExtraFields(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			parsed = undefined;
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(this.getNode(), 'Other Fields must be a JSON object', {
			itemIndex,
			description:
				'Enter the extra scan profile fields as a JSON object, for example {"owners": ["alice"]}.',
		});
	}
	return parsed as IDataObject;
}
