/**
 * The page-by-page contract of a BigID `skip`/`limit` list, as pure functions: when a listing has
 * ended after a page, and whether a page read ahead is the one the one-page-at-a-time reader would
 * have read. The scheduler that requests pages (pagination.ts) follows these; the table test
 * (test/transport/pageContract.test.ts) gives each rule with its reason.
 */

/**
 * A page with nothing new (a proxy or cache repeated the previous one) is read again at the same
 * position; after this many in a row BigID is taken to ignore `skip` and the listing ends.
 */
export const MAX_PAGES_WITHOUT_NEW_ITEMS = 2;

/** Where a listing stands once a page's new items were taken. */
export interface ListingPosition {
	/** Items read so far, the page's new ones included. */
	itemCount: number;
	/** Where the page started. */
	skip: number;
	/** The newest count BigID announced, if any. */
	totalCount: number | undefined;
	/** False once more items arrived than announced: only an empty page ends such a listing. */
	totalCountIsTrustworthy: boolean;
	/** Pages in a row before this one that added nothing new. */
	pagesWithoutNewItems: number;
	limit: number | undefined;
}

export interface PageFacts {
	/** Items on the page, repeats included. */
	length: number;
	/** Items the page added that had not been read before. */
	newItems: number;
	/** The caller's `stopWhen`, asked only once the page counts (it may keep state of its own). */
	callerStops: () => boolean;
}

export type PageOutcome =
	| {
			ended: true;
			/** `repeated page`: BigID repeated a page before the announced count was read, an error. */
			reason:
				| 'empty page'
				| 'repeated page'
				| 'repeats at the end'
				| 'caller stopped'
				| 'count reached'
				| 'limit reached';
	  }
	| {
			ended: false;
			skip: number;
			pagesWithoutNewItems: number;
			totalCountIsTrustworthy: boolean;
	  };

export function afterPage(position: ListingPosition, page: PageFacts): PageOutcome {
	// BigID's own end of a list, whatever it announced.
	if (page.length === 0) return { ended: true, reason: 'empty page' };
	const pagesWithoutNewItems = page.newItems === 0 ? position.pagesWithoutNewItems + 1 : 0;
	if (pagesWithoutNewItems >= MAX_PAGES_WITHOUT_NEW_ITEMS) {
		// Short of the count, the rest cannot be reached: saying so beats a silently short list.
		const short = position.totalCount !== undefined && position.itemCount < position.totalCount;
		return { ended: true, reason: short ? 'repeated page' : 'repeats at the end' };
	}
	if (page.callerStops()) return { ended: true, reason: 'caller stopped' };
	// `skip` moves by what arrived (BigID caps pages silently); a page of repeats is read again.
	const skip = page.newItems > 0 ? position.skip + page.length : position.skip;
	// More items than announced: the count is wrong, so only an empty page ends the listing.
	const totalCountIsTrustworthy =
		position.totalCountIsTrustworthy &&
		!(position.totalCount !== undefined && skip > position.totalCount);
	if (totalCountIsTrustworthy && position.totalCount !== undefined && skip >= position.totalCount) {
		return { ended: true, reason: 'count reached' };
	}
	if (position.limit !== undefined && position.itemCount >= position.limit) {
		return { ended: true, reason: 'limit reached' };
	}
	return { ended: false, skip, pagesWithoutNewItems, totalCountIsTrustworthy };
}

/** A page read ahead, at the position a full page of the applied size leads to. */
export interface PageReadAhead {
	skip: number;
	limit: number;
	length: number;
	totalCount: number | undefined;
	/** Its items already read from earlier pages. */
	repeatedItems: number;
}

/**
 * Why a page read ahead is not the page the one-page-at-a-time reader would have read (then the
 * listing goes back and reads on one page at a time), or undefined when it is. `shifted`: the
 * doubt may lie with an earlier page read ahead that BigID answered after this one was asked for.
 */
export function readAheadDoubt(
	page: PageReadAhead,
	plan: { announced: number; appliedPageSize: number },
): { reason: string; shifted: boolean } | undefined {
	// An empty page ends the listing for both readers.
	if (page.length === 0) return undefined;
	// A new count: items were created or deleted meanwhile, so positions shifted.
	if (page.totalCount !== plan.announced) {
		const reason = `counts ${page.totalCount ?? 'no'} items where the first page counted ${plan.announced}`;
		return { reason, shifted: false };
	}
	// Not the page size the first page showed: BigID does not page as it said.
	const expected = Math.min(plan.appliedPageSize, page.limit, plan.announced - page.skip);
	if (page.length !== expected) {
		return { reason: `holds ${page.length} items where ${expected} were expected`, shifted: false };
	}
	// Items seen before: the list shifted between two pages, or an earlier page read ahead is wrong.
	if (page.repeatedItems > 0) {
		return { reason: `repeats ${page.repeatedItems} items already read`, shifted: true };
	}
	return undefined;
}
