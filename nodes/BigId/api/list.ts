import type { IDataObject } from 'n8n-workflow';

import { updatedAtOf } from '../model/object';
import type { BigIdContext, ListRequest, ListResult } from '../transport';
import { bigIdApiRequestAllItems } from '../transport';

/** What a caller asks of a BigID list: query (sort, filter...), page size, limit, when to stop. */
export type ListOptions = Pick<
	ListRequest,
	'qs' | 'pageSize' | 'limit' | 'stopWhen' | 'concurrency' | 'startAt' | 'hints' | 'onItems'
>;

/** A list read through the shared pagination, each item in the shape `outputOf` gives it. */
export async function listOf(
	this: BigIdContext,
	request: ListRequest,
	outputOf: (item: IDataObject) => IDataObject,
	itemIndex: number,
): Promise<ListResult> {
	const result = await bigIdApiRequestAllItems.call(this, request, itemIndex);
	return { ...result, items: result.items.map(outputOf) };
}

/** The `sort` query of a list read newest `updated_at` first. */
export const NEWEST_FIRST = JSON.stringify([{ field: 'updated_at', order: 'desc' }]);

function isNewestFirst(page: IDataObject[]): boolean {
	return page.every(
		(item, index) => index === 0 || updatedAtOf(page[index - 1]) >= updatedAtOf(item),
	);
}

/**
 * A list sorted newest `updated_at` first and, with `sinceMs`, read only until a page reaches
 * back before it (with `Infinity`: the first page only). A BigID that ignored the sort would make
 * stopping early lose items, so a page out of order means reading to the end. The caller drops
 * the older items.
 */
export function newestFirst(options: ListOptions, sinceMs?: number): ListOptions {
	const sorted = { ...options, qs: { ...options.qs, sort: NEWEST_FIRST } };
	if (sinceMs === undefined) return sorted;
	let ordered = true;
	return {
		...sorted,
		stopWhen: (page) => {
			ordered &&= isNewestFirst(page);
			return ordered && page.some((item) => updatedAtOf(item) < sinceMs);
		},
	};
}
