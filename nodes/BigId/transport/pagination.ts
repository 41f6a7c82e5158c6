import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { idOf, readListPage } from './envelope';
import type { BigIdContext, BigIdRequest } from './request';
import { bigIdApiRequest } from './request';

export const DEFAULT_PAGE_SIZE = 100;
/**
 * A page with nothing new (a proxy or cache repeated the previous one) is read again at the same
 * position; after this many in a row BigID is taken to ignore `skip` and the listing ends.
 */
const MAX_PAGES_WITHOUT_NEW_ITEMS = 2;

export interface ListRequest extends Omit<BigIdRequest, 'method' | 'body'> {
	/** Key of the array in the answer: `users`, `ds_connections`, `scanParents`... */
	listKey: string;
	pageSize?: number;
	/** Stop after this many items; all of them when absent. */
	limit?: number;
	/** Called for each page; return true to stop paging (the items of that page are kept). */
	stopWhen?: (page: IDataObject[]) => boolean;
}

export interface ListResult {
	items: IDataObject[];
	/** The last `totalCount` BigID announced, if it did. */
	totalCount?: number;
	pages: number;
}

/**
 * Reads a `skip`/`limit` list. `skip` advances by what actually arrived (servers cap page sizes
 * silently), paging stops at `totalCount` or an empty page, and an item already seen (the list
 * shifted between two pages) is dropped.
 */
export async function bigIdApiRequestAllItems(
	this: BigIdContext,
	request: ListRequest,
	itemIndex = 0,
): Promise<ListResult> {
	const { listKey, pageSize = DEFAULT_PAGE_SIZE, limit, stopWhen, ...rest } = request;
	const seen = new Set<string>();
	const items: IDataObject[] = [];
	let skip = 0;
	let pages = 0;
	let pagesWithoutNewItems = 0;
	let totalCount: number | undefined;
	let totalCountIsTrustworthy = true;

	while (limit === undefined || items.length < limit) {
		const pageLimit = limit === undefined ? pageSize : Math.min(pageSize, limit - items.length);
		const body = await bigIdApiRequest.call(
			this,
			{ ...rest, qs: { ...rest.qs, skip, limit: pageLimit, requireTotalCount: true } },
			itemIndex,
		);
		pages++;
		const page = readListPage(body, listKey);
		if (!page) {
			throw new NodeApiError(
				this.getNode(),
				{ message: `missing ${listKey}` },
				{
					message: `BigID answered without the "${listKey}" list that ${rest.path.join('/')} should return`,
					description:
						'This BigID version may shape its answers differently. Check the Base URL and the API version of your deployment.',
					itemIndex,
				},
			);
		}
		totalCount = page.totalCount ?? totalCount;
		if (page.items.length === 0) break;

		let newItems = 0;
		for (const item of page.items) {
			const id = idOf(item);
			if (id !== undefined) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			items.push(item);
			newItems++;
			if (limit !== undefined && items.length >= limit) break;
		}
		pagesWithoutNewItems = newItems === 0 ? pagesWithoutNewItems + 1 : 0;
		if (pagesWithoutNewItems >= MAX_PAGES_WITHOUT_NEW_ITEMS) {
			if (totalCount !== undefined && items.length < totalCount) {
				throw new NodeApiError(
					this.getNode(),
					{ message: `repeated page of ${listKey}` },
					{
						message: `BigID answered the same page of ${rest.path.join('/')} again instead of the next one: ${items.length} of ${totalCount} read`,
						description:
							'BigID, or a proxy or cache in front of it, ignores the skip parameter. Run the node again; if it persists, make sure nothing between n8n and BigID caches API answers.',
						itemIndex,
					},
				);
			}
			break;
		}
		if (stopWhen?.(page.items)) break;
		if (newItems > 0) skip += page.items.length;
		// More items than announced: the count is wrong, so only an empty page ends the listing.
		if (totalCount !== undefined && skip > totalCount) totalCountIsTrustworthy = false;
		if (totalCountIsTrustworthy && totalCount !== undefined && skip >= totalCount) break;
	}
	return { items, totalCount, pages };
}
