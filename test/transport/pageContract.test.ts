/** The page-by-page contract as a table: each rule of a listing's end, and each read-ahead doubt. */
import type {
	ListingPosition,
	PageFacts,
	PageOutcome,
} from '../../nodes/BigId/transport/pageContract';
import {
	afterPage,
	MAX_PAGES_WITHOUT_NEW_ITEMS,
	readAheadDoubt,
} from '../../nodes/BigId/transport/pageContract';

const position: ListingPosition = {
	itemCount: 100,
	skip: 0,
	totalCount: 250,
	totalCountIsTrustworthy: true,
	pagesWithoutNewItems: 0,
	limit: undefined,
};
const page = (facts: Partial<Omit<PageFacts, 'callerStops'>> & { stops?: boolean } = {}) => {
	const { stops = false, ...rest } = facts;
	return { length: 100, newItems: 100, callerStops: () => stops, ...rest };
};
const more = (skip: number, extra: Partial<PageOutcome> = {}) => ({
	ended: false,
	skip,
	pagesWithoutNewItems: 0,
	totalCountIsTrustworthy: true,
	...extra,
});

describe('afterPage', () => {
	it.each<[string, Partial<ListingPosition>, ReturnType<typeof page>, object]>([
		[
			'an empty page ends the list, whatever was announced',
			{},
			page({ length: 0, newItems: 0 }),
			{ ended: true, reason: 'empty page' },
		],
		['a full page moves skip by what arrived', {}, page(), more(100)],
		[
			'a page capped by BigID moves skip by its own length',
			{},
			page({ length: 40, newItems: 40 }),
			more(40),
		],
		[
			'a page of repeats is read again at the same position',
			{},
			page({ newItems: 0 }),
			more(0, { pagesWithoutNewItems: 1 }),
		],
		[
			`${MAX_PAGES_WITHOUT_NEW_ITEMS} pages of repeats short of the count: BigID ignores skip, an error`,
			{ pagesWithoutNewItems: 1 },
			page({ newItems: 0 }),
			{ ended: true, reason: 'repeated page' },
		],
		[
			'repeats once everything announced was read end the list quietly',
			{ pagesWithoutNewItems: 1, itemCount: 250 },
			page({ newItems: 0 }),
			{ ended: true, reason: 'repeats at the end' },
		],
		[
			'the caller stops it (an Updated Since reached)',
			{},
			page({ stops: true }),
			{ ended: true, reason: 'caller stopped' },
		],
		[
			'the announced count reached ends it',
			{ skip: 200, itemCount: 250 },
			page({ length: 50, newItems: 50 }),
			{ ended: true, reason: 'count reached' },
		],
		[
			'more items than announced: the count is not trusted, reading goes on to an empty page',
			{ skip: 200, totalCount: 220, itemCount: 300 },
			page(),
			more(300, { totalCountIsTrustworthy: false }),
		],
		['without a count only an empty page ends it', { totalCount: undefined }, page(), more(100)],
		['the limit reached ends it', { limit: 100 }, page(), { ended: true, reason: 'limit reached' }],
	])('%s', (_rule, at, facts, outcome) => {
		expect(afterPage({ ...position, ...at }, facts)).toEqual(outcome);
	});

	it('asks the caller only about a page that counts', () => {
		const callerStops = jest.fn(() => true);
		afterPage({ ...position, pagesWithoutNewItems: 1 }, { length: 100, newItems: 0, callerStops });
		afterPage(position, { length: 0, newItems: 0, callerStops });
		expect(callerStops).not.toHaveBeenCalled();
	});
});

describe('readAheadDoubt', () => {
	const plan = { announced: 250, appliedPageSize: 100 };
	const ahead = { skip: 100, limit: 100, length: 100, totalCount: 250, repeatedItems: 0 };
	it.each<[string, Partial<typeof ahead>, ReturnType<typeof readAheadDoubt>]>([
		['the page the one-page reader would have read', {}, undefined],
		['an empty page ends both readers alike', { length: 0, totalCount: undefined }, undefined],
		['the last, shorter page', { skip: 200, length: 50 }, undefined],
		[
			'a new count: the list changed',
			{ totalCount: 251 },
			{ reason: 'counts 251 items where the first page counted 250', shifted: false },
		],
		[
			'no count',
			{ totalCount: undefined },
			{ reason: 'counts no items where the first page counted 250', shifted: false },
		],
		[
			'another page size than the first page showed',
			{ length: 80 },
			{ reason: 'holds 80 items where 100 were expected', shifted: false },
		],
		[
			'items already read: the list shifted',
			{ repeatedItems: 3 },
			{ reason: 'repeats 3 items already read', shifted: true },
		],
	])('%s', (_rule, page, doubt) => {
		expect(readAheadDoubt({ ...ahead, ...page }, plan)).toEqual(doubt);
	});
});
