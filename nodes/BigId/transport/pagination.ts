import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { idOf } from '../model/object';
import type { ListPage } from './envelope';
import { listPageOf } from './envelope';
import { afterPage, readAheadDoubt } from './pageContract';
import type { BigIdContext, BigIdRequest } from './request';
import { bigIdApiRequest } from './request';

export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 10;

export interface ListRequest extends Omit<BigIdRequest, 'method' | 'body'> {
	/**
	 * Key of the array in the answer: `users`, `ds_connections`, `scanParents`...; several keys
	 * where BigID versions name the list differently (the first that holds an array is read).
	 */
	listKey: string | readonly string[];
	pageSize?: number;
	/** Stop after this many items; all of them when absent. */
	limit?: number;
	/**
	 * Called for each page; return true to stop paging (the items of that page are kept). Such a
	 * listing reads one page at a time: it usually stops on its first pages, and a page read ahead
	 * of the stopping one would be a request for nothing.
	 */
	stopWhen?: (page: IDataObject[]) => boolean;
	/**
	 * Pages requested at once once the first page has told the size of the list (1 to 10, default
	 * 4). The first 429 drops the rest of the listing to one request at a time.
	 */
	concurrency?: number;
	/** The query parameter that says where a page starts: `skip` (documented), or `offset` (data catalog, some DSPM clients). */
	offsetParameter?: 'skip' | 'offset';
	/** Key of the total in the answer: `totalCount`, or `totalRowsCounter` (data catalog). */
	totalCountKey?: string;
	/** What else to try when BigID answers the same page again, added to the error's advice. */
	repeatedPageHint?: string;
	/** Position of the first item to read: a dropdown's next batch starts where the last one ended. */
	startAt?: number;
	/**
	 * Told the items each page adds, and the position of the first one in the result, as the page
	 * is taken while later pages are still in flight: work done on them here overlaps BigID's work
	 * on those pages. After a doubt, positions are told again; the last telling of each holds.
	 */
	onItems?: (items: IDataObject[], firstPosition: number) => void;
}

export interface ListResult {
	items: IDataObject[];
	/** The last `totalCount` BigID announced, if it did. */
	totalCount?: number;
	pages: number;
	/**
	 * Whether BigID announced different totals while the list was read: items were created or
	 * deleted meanwhile, so the positions shifted and an item may have been passed over.
	 */
	totalCountChanged: boolean;
}

interface PagePosition {
	skip: number;
	limit: number;
}

interface FetchedPage extends PagePosition {
	page: ListPage;
	/** The ID of each item of the page, read once: checks for repeats look at every one. */
	ids: Array<string | undefined>;
	/** Ticks of the listing's clock, to tell a page BigID surely answered before another. */
	requestedAt: number;
	answeredAt: number;
}

type Settled = { ok: true; fetched: FetchedPage } | { ok: false; error: unknown };

/** What a page read ahead added, so that it can be taken back when a later page puts it in doubt. */
interface Commitment {
	itemCount: number;
	skip: number;
	ids: string[];
	answeredAt: number;
}

interface Doubt {
	reason: string;
	/** Index, among the pages read ahead, of the first one that cannot be trusted. */
	from: number;
}

/**
 * Reads a `skip`/`limit` list. `skip` advances by what actually arrived (servers cap page sizes
 * silently), paging stops at `totalCount` or an empty page, and an item already seen (the list
 * shifted between two pages) is dropped.
 *
 * After the first page, which tells how many items there are and how many BigID puts on a page,
 * the pages left are requested several at a time and taken in order. Each page read ahead must be
 * the one the one-page-at-a-time reader would have read next: a full page, the same `totalCount`,
 * no item seen before. Any other page means the list changed or BigID does not page as it says,
 * so the listing goes back to where the doubt starts and reads on one page at a time.
 */
export async function bigIdApiRequestAllItems(
	this: BigIdContext,
	request: ListRequest,
	itemIndex = 0,
): Promise<ListResult> {
	const listing = new Listing(this, request, itemIndex);
	try {
		await listing.read();
	} finally {
		// Pages read ahead and no longer needed still finish, so no request outlives the listing.
		await listing.settle();
	}
	return listing.result();
}

class Listing {
	private readonly items: IDataObject[] = [];
	private readonly seen = new Set<string>();
	private skip = 0;
	private pages = 0;
	private pagesWithoutNewItems = 0;
	private totalCountChanged = false;
	private totalCount: number | undefined;
	private totalCountIsTrustworthy = true;
	private throttled = false;
	private clock = 0;
	private readonly inFlight = new Set<Promise<unknown>>();

	private readonly listKey: string | readonly string[];
	private readonly pageSize: number;
	private readonly limit: number | undefined;
	private readonly stopWhen: ListRequest['stopWhen'];
	private readonly onItems: ListRequest['onItems'];
	private readonly concurrency: number;
	private readonly offsetParameter: string;
	private readonly totalCountKey: string | undefined;
	private readonly repeatedPageHint: string | undefined;
	private readonly pageRequest: Omit<
		ListRequest,
		| 'listKey'
		| 'pageSize'
		| 'limit'
		| 'stopWhen'
		| 'offsetParameter'
		| 'totalCountKey'
		| 'repeatedPageHint'
		| 'startAt'
		| 'onItems'
	>;

	constructor(
		private readonly context: BigIdContext,
		request: ListRequest,
		private readonly itemIndex: number,
	) {
		const {
			listKey,
			pageSize = DEFAULT_PAGE_SIZE,
			limit,
			stopWhen,
			concurrency,
			offsetParameter = 'skip',
			totalCountKey,
			repeatedPageHint,
			startAt = 0,
			onItems,
			...rest
		} = request;
		this.onItems = onItems;
		this.skip = startAt;
		this.listKey = listKey;
		this.offsetParameter = offsetParameter;
		this.totalCountKey = totalCountKey;
		this.repeatedPageHint = repeatedPageHint;
		this.pageSize = pageSize;
		this.limit = limit;
		this.stopWhen = stopWhen;
		this.concurrency = Math.min(
			MAX_CONCURRENCY,
			Math.max(1, Math.floor(concurrency ?? DEFAULT_CONCURRENCY)),
		);
		this.pageRequest = {
			...rest,
			onThrottle: () => {
				if (!this.throttled) {
					this.context.logger.debug(
						`BigID ${this.pathText()}: answered 429; reading the rest one page at a time`,
					);
				}
				this.throttled = true;
				rest.onThrottle?.();
			},
		};
	}

	result(): ListResult {
		return {
			items: this.items,
			totalCount: this.totalCount,
			pages: this.pages,
			totalCountChanged: this.totalCountChanged,
		};
	}

	async settle(): Promise<void> {
		await Promise.allSettled([...this.inFlight]);
	}

	async read(): Promise<void> {
		let ended = !this.wantsMore();
		let firstPage = true;
		while (!ended) {
			const settled = await this.fetch({
				skip: this.skip,
				limit: this.pageLimit(this.items.length),
			});
			if (!settled.ok) throw settled.error;
			const { fetched } = settled;
			ended = this.consume(fetched);
			if (!ended && firstPage && this.mayReadAhead(fetched)) {
				ended = await this.readAhead(fetched.page.items.length);
			}
			firstPage = false;
		}
	}

	private wantsMore(): boolean {
		return this.limit === undefined || this.items.length < this.limit;
	}

	private pageLimit(itemsBefore: number): number {
		return this.limit === undefined
			? this.pageSize
			: Math.min(this.pageSize, this.limit - itemsBefore);
	}

	/** The step of the one-page-at-a-time reader; true when the listing has ended. */
	private consume({ page, ids }: FetchedPage): boolean {
		if (page.totalCount !== undefined && this.totalCount !== undefined) {
			this.totalCountChanged ||= page.totalCount !== this.totalCount;
		}
		this.totalCount = page.totalCount ?? this.totalCount;

		let newItems = 0;
		const itemsBefore = this.items.length;
		for (let index = 0; index < page.items.length; index++) {
			const item = page.items[index];
			const id = ids[index];
			if (id !== undefined) {
				if (this.seen.has(id)) continue;
				this.seen.add(id);
			}
			this.items.push(item);
			newItems++;
			if (!this.wantsMore()) break;
		}
		if (newItems > 0) this.onItems?.(this.items.slice(itemsBefore), itemsBefore);
		const outcome = afterPage(
			{
				itemCount: this.items.length,
				skip: this.skip,
				totalCount: this.totalCount,
				totalCountIsTrustworthy: this.totalCountIsTrustworthy,
				pagesWithoutNewItems: this.pagesWithoutNewItems,
				limit: this.limit,
			},
			{
				length: page.items.length,
				newItems,
				callerStops: () => this.stopWhen?.(page.items) ?? false,
			},
		);
		if (outcome.ended) {
			if (outcome.reason === 'repeated page') {
				throw this.apiError(`repeated page of ${this.listKeyText()}`, {
					message: `BigID answered the same page of ${this.pathText()} again instead of the next one: ${this.items.length} of ${this.totalCount} read`,
					description: [
						`BigID, or a proxy or cache in front of it, ignores the ${this.offsetParameter} parameter. Run the node again; if it persists, make sure nothing between n8n and BigID caches API answers.`,
						this.repeatedPageHint,
					]
						.filter(Boolean)
						.join(' '),
				});
			}
			return true;
		}
		this.skip = outcome.skip;
		this.pagesWithoutNewItems = outcome.pagesWithoutNewItems;
		this.totalCountIsTrustworthy = outcome.totalCountIsTrustworthy;
		return false;
	}

	/** Reading ahead needs a count to plan by and a first page that shows BigID's page size. */
	private mayReadAhead(first: FetchedPage): boolean {
		const applied = first.page.items.length;
		return (
			this.concurrency > 1 &&
			!this.throttled &&
			this.stopWhen === undefined &&
			this.totalCount !== undefined &&
			this.totalCountIsTrustworthy &&
			this.pagesWithoutNewItems === 0 &&
			applied > 0 &&
			applied <= first.limit
		);
	}

	/**
	 * Requests the pages left at the positions a full page of `appliedPageSize` leads to, a few at
	 * a time, and takes them in order while they are the pages the one-page-at-a-time reader would
	 * have read. True when the listing has ended; false when a doubt sent it back to one page at a
	 * time from `this.skip`.
	 */
	private async readAhead(appliedPageSize: number): Promise<boolean> {
		const announced = this.totalCount!;
		const end =
			this.limit === undefined
				? announced
				: Math.min(announced, this.skip + this.limit - this.items.length);
		const positions: PagePosition[] = [];
		for (let skip = this.skip; skip < end; skip += appliedPageSize) {
			positions.push({ skip, limit: this.pageLimit(this.items.length + skip - this.skip) });
		}

		const requests: Array<Promise<Settled>> = [];
		const commitments: Commitment[] = [];
		for (let index = 0; index < positions.length; index++) {
			const width = this.throttled ? 1 : this.concurrency;
			while (requests.length < positions.length && requests.length - index < width) {
				requests.push(this.fetch(positions[requests.length]));
			}
			const settled = await requests[index];
			// Met in order, as the one-page-at-a-time reader would have met it.
			if (!settled.ok) throw settled.error;
			const { fetched } = settled;

			const doubt = this.doubtAbout(fetched, index, announced, appliedPageSize, commitments);
			if (doubt) {
				this.takeBack(commitments, doubt.from);
				this.context.logger.debug(
					`BigID ${this.pathText()}: the page read ahead at skip ${fetched.skip} ${doubt.reason}; reading on one page at a time from skip ${this.skip}`,
				);
				return false;
			}
			const commitment: Commitment = {
				itemCount: this.items.length,
				skip: this.skip,
				ids: fetched.ids.filter((id): id is string => id !== undefined),
				answeredAt: fetched.answeredAt,
			};
			commitments.push(commitment);
			if (this.consume(fetched)) return true;
		}
		return false;
	}

	/** Why this page read ahead is not the one the one-page-at-a-time reader would have read. */
	private doubtAbout(
		fetched: FetchedPage,
		index: number,
		announced: number,
		appliedPageSize: number,
		commitments: Commitment[],
	): Doubt | undefined {
		const repeated = fetched.ids.filter(
			(id): id is string => id !== undefined && this.seen.has(id),
		);
		const doubt = readAheadDoubt(
			{
				skip: fetched.skip,
				limit: fetched.limit,
				length: fetched.page.items.length,
				totalCount: fetched.page.totalCount,
				repeatedItems: repeated.length,
			},
			{ announced, appliedPageSize },
		);
		if (!doubt?.shifted) return doubt && { reason: doubt.reason, from: index };
		// An earlier page read ahead that BigID may have answered after this one may be the wrong one.
		const suspect = commitments.findIndex(
			(commitment) =>
				commitment.answeredAt > fetched.requestedAt &&
				commitment.ids.some((id) => repeated.includes(id)),
		);
		return { reason: doubt.reason, from: suspect >= 0 ? suspect : index };
	}

	private takeBack(commitments: Commitment[], from: number): void {
		const first = commitments[from];
		if (!first) return;
		for (const commitment of commitments.slice(from)) {
			for (const id of commitment.ids) this.seen.delete(id);
		}
		this.items.length = first.itemCount;
		this.skip = first.skip;
	}

	private fetch(position: PagePosition): Promise<Settled> {
		const requestedAt = ++this.clock;
		const request = bigIdApiRequest
			.call(
				this.context,
				{
					...this.pageRequest,
					qs: {
						...this.pageRequest.qs,
						[this.offsetParameter]: position.skip,
						limit: position.limit,
						requireTotalCount: true,
					},
				},
				this.itemIndex,
			)
			.then(
				(body): Settled => {
					const page = listPageOf(body, this.listKey, this.totalCountKey);
					if (!page) {
						return {
							ok: false,
							error: this.apiError(`missing ${this.listKeyText()}`, {
								message: `BigID answered without the "${this.listKeyText()}" list that ${this.pathText()} should return`,
								description:
									'This BigID version may shape its answers differently. Check the Base URL and the API version of your deployment.',
							}),
						};
					}
					return {
						ok: true,
						fetched: {
							...position,
							page,
							ids: page.items.map(idOf),
							requestedAt,
							answeredAt: ++this.clock,
						},
					};
				},
				(error: unknown): Settled => ({ ok: false, error }),
			)
			.finally(() => this.inFlight.delete(request));
		this.inFlight.add(request);
		this.pages++;
		return request;
	}

	private pathText(): string {
		return this.pageRequest.path.join('/');
	}

	private listKeyText(): string {
		return [this.listKey].flat().join('" or "');
	}

	private apiError(
		cause: string,
		{ message, description }: { message: string; description: string },
	) {
		return new NodeApiError(
			this.context.getNode(),
			{ message: cause },
			{ message, description, itemIndex: this.itemIndex },
		);
	}
}
