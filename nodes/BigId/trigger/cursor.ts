/**
 * The cursor of the objects the trigger reads newest `updated_at` first (scans, cases): which
 * listed objects changed since the last poll, and what to remember. No n8n, no HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { updatedAtOf } from '../model/object';

export interface UpdatedAtCursor {
	/** The newest `updated_at` processed, in epoch milliseconds. */
	updatedAt: number;
	/** The keys of the objects processed at exactly `updatedAt`, so a tie is neither lost nor repeated. */
	boundary: string[];
}

/** Where a baseline starts: before everything. */
export const BEFORE_EVERYTHING: UpdatedAtCursor = { updatedAt: -Infinity, boundary: [] };

/**
 * The listed objects changed after the cursor (at it, when the cursor's boundary lacks their
 * key). An object without a readable date is never new.
 */
export function changedSince(
	cursor: UpdatedAtCursor,
	items: IDataObject[],
	boundaryKey: (item: IDataObject) => string,
): IDataObject[] {
	return items.filter((item) => {
		const updatedAt = updatedAtOf(item);
		if (!Number.isFinite(updatedAt)) return false;
		if (updatedAt > cursor.updatedAt) return true;
		return updatedAt === cursor.updatedAt && !cursor.boundary.includes(boundaryKey(item));
	});
}

/** The cursor after processing `fresh` (what `changedSince` returned). */
export function cursorAfter(
	cursor: UpdatedAtCursor,
	fresh: IDataObject[],
	boundaryKey: (item: IDataObject) => string,
): UpdatedAtCursor {
	const newest = Math.max(cursor.updatedAt, ...fresh.map(updatedAtOf));
	const boundary = new Set(newest === cursor.updatedAt ? cursor.boundary : []);
	for (const item of fresh) if (updatedAtOf(item) === newest) boundary.add(boundaryKey(item));
	return { updatedAt: Number.isFinite(newest) ? newest : 0, boundary: [...boundary].sort() };
}
