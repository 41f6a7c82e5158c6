import type { IDataObject } from 'n8n-workflow';

import type { ObjectFields } from './fields';
import { comparisonKey, idOf, listedValues, normalizeObject } from './object';

/** BigID's set of scan states is open: these end a scan unless the user configures others. */
export const DEFAULT_TERMINAL_STATES = 'Completed, Failed, Stopped, Aborted, CompletedWithErrors';

/** The comparison key of a scan state: 'Completed With Errors' is 'completedwitherrors'. */
export { comparisonKey as scanStateKey } from './object';

const SUCCEEDED_KEY = comparisonKey('Completed');

/**
 * The keys of Terminal States (comma-separated text, or a list from an expression), as Wait for
 * Completion and Scan Finished take them; empty when none is given.
 */
export function terminalStateKeysOf(value: unknown): Set<string> {
	return new Set(
		listedValues(value)
			.map(comparisonKey)
			.filter((key) => key !== ''),
	);
}

/** What to tell a user whose Terminal States lists no state. */
export const EMPTY_TERMINAL_STATES = {
	message: 'Terminal States is empty',
	description: `List the scan states that end a scan, separated by commas, for example: ${DEFAULT_TERMINAL_STATES}.`,
};

export function isScanFinished(state: unknown, terminalKeys: ReadonlySet<string>): boolean {
	const key = comparisonKey(state);
	return key !== '' && terminalKeys.has(key);
}

/** When the scan completed: `completed_at`, on some versions `completedAt`. */
export function completedAtValueOf(scan: IDataObject): unknown {
	return scan.completed_at ?? scan.completedAt;
}

/** Only Completed is a success: Completed With Errors, Failed, Stopped... are not. */
export function isScanSucceeded(state: unknown): boolean {
	return comparisonKey(state) === SUCCEEDED_KEY;
}

export interface ScanStatus extends IDataObject {
	scanId: string;
	status: string;
	progress: number | null;
	isFinished: boolean;
	/** Whether the scan ended Completed: the name Data Source > Get Last Scan and the trigger use. */
	isSucceeded: boolean;
	/** `isSucceeded` under the name Scan > Get Status first gave it; kept for saved workflows. */
	isSuccessful: boolean;
}

/** What `GET /scans/{id}/status` answered, classified. Unknown states pass through as BigID spells them. */
export function scanStatusOf(
	scanId: string,
	answer: IDataObject,
	terminalKeys: ReadonlySet<string>,
): ScanStatus {
	const status = String(answer.status ?? answer.state ?? '');
	const progress = Number(answer.progress);
	const isSucceeded = isScanSucceeded(status);
	return {
		...answer,
		scanId,
		status,
		progress: answer.progress === undefined || !Number.isFinite(progress) ? null : progress,
		isFinished: isScanFinished(status, terminalKeys),
		isSucceeded,
		isSuccessful: isSucceeded,
	};
}

/** The IDs of a scan's `scanChildren` (none when it has none). */
function childScanIdsOf(scan: IDataObject): string[] {
	const children = Array.isArray(scan.scanChildren) ? (scan.scanChildren as IDataObject[]) : [];
	return children
		.map((child) => (child && typeof child === 'object' ? idOf(child) : undefined))
		.filter((id): id is string => id !== undefined);
}

/** A parent scan as the node outputs it: both ID spellings, and its child scan IDs ready for a Split Out or a loop. */
export function parentScanOutputOf(parent: IDataObject): IDataObject {
	const output = normalizeObject(parent);
	output.childScanIds = childScanIdsOf(parent);
	return output;
}

/** The fields of a scan as Get Many (`normalizeObject`) and Get Many Parent Scans (`parentScanOutputOf`) output it. */
export const SCAN_FIELDS = [
	'id',
	'name',
	'type',
	'state',
	'progress',
	'scanProfileId',
	'scanProfileName',
	'childScanIds',
	'scanChildren',
	'createdAt',
	'updatedAt',
	'completed_at',
] as const;

/**
 * A simplified scan: its ID (Get Status and Wait for Completion take it), name and type, how far
 * it is (state, progress), the profile that ran it (Start takes its ID), its child scans' IDs
 * for a loop, and when it started, changed and completed.
 */
export const SIMPLIFIED_SCAN_FIELDS = [
	'id',
	'name',
	'type',
	'state',
	'progress',
	'scanProfileId',
	'childScanIds',
	'createdAt',
	'updatedAt',
	'completed_at',
] as const satisfies ReadonlyArray<(typeof SCAN_FIELDS)[number]>;

export const scanFields: ObjectFields = {
	all: SCAN_FIELDS,
	simplified: SIMPLIFIED_SCAN_FIELDS,
	// Get Many's scans carry their children but not `childScanIds`: both operations give them.
	viewOf: (scan) =>
		scan.childScanIds === undefined ? { ...scan, childScanIds: childScanIdsOf(scan) } : scan,
};

/** Keys a BigID scan must never carry out of the trigger, whatever the version answers. */
const SCAN_SECRET_KEY = /password|token|secret/i;

export function scanWithoutSecrets(scan: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(scan).filter(([key]) => !SCAN_SECRET_KEY.test(key)));
}

/** The new scan's ID in a start answer: `scanId` in the scans API guide's (docs/bigid-api.md), `_id`/`id` on others, at the top or nested. */
export function startedScanIdOf(...candidates: unknown[]): string | undefined {
	for (const candidate of candidates) {
		if (!candidate || typeof candidate !== 'object' || Array.isArray(candidate)) continue;
		const record = candidate as IDataObject;
		const id = record.scanId ?? record._id ?? record.id;
		if (typeof id === 'string' || typeof id === 'number') return String(id);
	}
	return undefined;
}

/** The scan of one data source (api/dataSources.ts), with its ID and derived flags. */
export function dataSourceScanOutputOf(
	dataSourceName: string,
	scan: IDataObject,
	terminalKeys: ReadonlySet<string>,
): IDataObject {
	const state = scan.state ?? scan.status ?? null;
	return {
		...normalizeObject(scan),
		scanId: startedScanIdOf(scan) ?? null,
		dataSourceName: scan.dsConnectionName ?? dataSourceName,
		state,
		isFinished: isScanFinished(state, terminalKeys),
		isSucceeded: isScanSucceeded(state),
	};
}

/** The fields of `dataSourceScanOutputOf`, one spelling each (`scanId`, not also `_id` and `id`). */
export const DATA_SOURCE_SCAN_FIELDS = [
	'scanId',
	'parentScanId',
	'dataSourceName',
	'scanType',
	'isSampleScan',
	'state',
	'progress',
	'isFinished',
	'isSucceeded',
	'createdAt',
	'updatedAt',
	'completed_at',
] as const;

/**
 * A simplified data source scan: its ID and its parent's (Get Status takes either), the data
 * source, the kind of scan, how it went (state, progress, isFinished, isSucceeded for an IF
 * node) and when it started and completed.
 */
export const SIMPLIFIED_DATA_SOURCE_SCAN_FIELDS = [
	'scanId',
	'parentScanId',
	'dataSourceName',
	'scanType',
	'state',
	'progress',
	'isFinished',
	'isSucceeded',
	'createdAt',
	'completed_at',
] as const satisfies ReadonlyArray<(typeof DATA_SOURCE_SCAN_FIELDS)[number]>;

export const dataSourceScanFields: ObjectFields = {
	all: DATA_SOURCE_SCAN_FIELDS,
	simplified: SIMPLIFIED_DATA_SOURCE_SCAN_FIELDS,
};
