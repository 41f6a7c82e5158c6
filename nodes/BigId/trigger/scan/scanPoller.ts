import type { IPollFunctions } from 'n8n-workflow';

import { listParentScansNewestFirst } from '../../api/scans';
import type { TriggerEvent } from '../events';
import type { ScanCursor, ScanDetection, ScanDetectionOptions } from './scanChanges';
import { detectFinishedScans, matchesScanFilters, scanFinishedEvent } from './scanChanges';

/** Small pages: a poll where nothing happened reads one of them. */
export const SCAN_PAGE_SIZE = 50;
export async function pollScans(
	this: IPollFunctions,
	cursor: ScanCursor | undefined,
	options: ScanDetectionOptions,
): Promise<ScanDetection> {
	// The baseline reads one page: the newest scan becomes the cursor.
	const { items } = await listParentScansNewestFirst.call(this, cursor?.updatedAt ?? Infinity, {
		pageSize: SCAN_PAGE_SIZE,
	});
	return detectFinishedScans(cursor, items, options);
}

/** Manual mode: the newest finished scan on the first page that passes the filters. */
export async function sampleFinishedScan(
	this: IPollFunctions,
	options: ScanDetectionOptions,
): Promise<TriggerEvent | undefined> {
	const { items } = await listParentScansNewestFirst.call(this, undefined, {
		limit: SCAN_PAGE_SIZE,
	});
	const finished = items.find((scan) => matchesScanFilters(scan, options));
	return finished ? scanFinishedEvent(finished) : undefined;
}
