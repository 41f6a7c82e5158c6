import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { listParentScans } from '../api/scans';
import type { TriggerEvent } from './events';
import type { ScanCursor, ScanDetection, ScanDetectionOptions } from './scanChanges';
import {
	detectFinishedScans,
	matchesScanFilters,
	reachesPastCursor,
	scanFinishedEvent,
	scanUpdatedAt,
} from './scanChanges';

/** Small pages: a poll where nothing happened reads one of them. */
export const SCAN_PAGE_SIZE = 50;
const NEWEST_FIRST = JSON.stringify([{ field: 'updated_at', order: 'desc' }]);

function isNewestFirst(page: IDataObject[]): boolean {
	return page.every(
		(scan, index) => index === 0 || scanUpdatedAt(page[index - 1]) >= scanUpdatedAt(scan),
	);
}

/**
 * Parent scans newest `updated_at` first, read until a page reaches back past the cursor (the
 * baseline: one page). A BigID that ignored the sort would make stopping early lose scans, so
 * a page out of order means reading to the end.
 */
async function listParentScansSince(
	this: IPollFunctions,
	cursor: ScanCursor | undefined,
): Promise<IDataObject[]> {
	let ordered = true;
	const { items } = await listParentScans.call(this, {
		qs: { sort: NEWEST_FIRST },
		pageSize: SCAN_PAGE_SIZE,
		stopWhen: (page) => {
			ordered &&= isNewestFirst(page);
			return ordered && reachesPastCursor(cursor, page);
		},
	});
	return items;
}

export async function pollScans(
	this: IPollFunctions,
	cursor: ScanCursor | undefined,
	options: ScanDetectionOptions,
): Promise<ScanDetection> {
	const parents = await listParentScansSince.call(this, cursor);
	return detectFinishedScans(cursor, parents, options);
}

/** Manual mode: the newest finished scan on the first page that passes the filters. */
export async function sampleFinishedScan(
	this: IPollFunctions,
	options: ScanDetectionOptions,
): Promise<TriggerEvent | undefined> {
	const { items } = await listParentScans.call(this, {
		qs: { sort: NEWEST_FIRST },
		limit: SCAN_PAGE_SIZE,
	});
	const finished = items.find((scan) => matchesScanFilters(scan, options));
	return finished ? scanFinishedEvent(finished) : undefined;
}
