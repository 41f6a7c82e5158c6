import { subscribe, unsubscribe } from 'diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'http';

import type { IDataObject } from 'n8n-workflow';

import type { ApiResponse, Sandbox, SandboxOptions } from '../../sandbox';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { runWorkflow } from '../harness/engine';
import type { ListingParameters } from '../harness/listingNode';
import { listingNode } from '../harness/listingNode';
import { capturedLogs } from '../harness/logs';
import { startSandboxSession } from '../harness/sandbox';

const USERS_ROUTE = 'GET /api/v1/users';
const CONCURRENCIES = [1, 4, 10];
const FALLBACK_LOG =
	/the page read ahead at skip \d+ .*; reading on one page at a time from skip \d+/;

let sandbox: Sandbox | undefined;
let credentials: TestCredentialsHelper;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

async function useSandbox(options: SandboxOptions): Promise<Sandbox> {
	({ sandbox, credentials } = await startSandboxSession(options));
	return sandbox!;
}

async function list(parameters: ListingParameters) {
	const result = await runWorkflow({ credentials, nodes: [listingNode(parameters)] });
	return { ...result, ids: result.items.map((item) => item.json.id as string) };
}

const storeIds = (box: Sandbox) => box.store.users.map((user) => user.id);
const listRequests = (box: Sandbox) => box.stats.byRoute[USERS_ROUTE] ?? 0;
const fallbackLogged = (mark: number) =>
	capturedLogs.lines.slice(mark).some((line) => FALLBACK_LOG.test(line.message));

/** The two pages asked for after the first one are answered 50 ms late, after the ones asked with them. */
function holdBackTheNextTwoPages(box: Sandbox) {
	box.beforeHandling = (route, count) => {
		if (route === USERS_ROUTE && count === 1) {
			box.faults.inject({ route: USERS_ROUTE, kind: 'delay', delayMs: 50, times: 2 });
		}
	};
}

/** Reshapes every answer of the user list, as a BigID (or a proxy) that lies would. */
function lie(
	box: Sandbox,
	change: (answer: ApiResponse, body: IDataObject, skip: number) => ApiResponse,
) {
	box.transformAnswer = (route, answer, query) =>
		route === USERS_ROUTE && 'json' in answer
			? change(answer, answer.json as IDataObject, Number(query.get('skip')))
			: answer;
}

describe.each(CONCURRENCIES)(
	'pagination at concurrency %i: the same items in the same order',
	(concurrency) => {
		test('1,000 users in 100-item pages: every user in BigID order, one request per page', async () => {
			const box = await useSandbox({ users: 1000 });

			const result = await list({ pageSize: 100, concurrency });

			expect(result.error).toBeUndefined();
			expect(result.ids).toEqual(storeIds(box));
			expect(listRequests(box)).toBe(10);
			expect(box.stats.logins).toBe(1);
		});

		test('a page cap BigID applies silently (500 asked, 100 given): 13 pages, nothing skipped', async () => {
			const box = await useSandbox({ users: 1250, pageCap: 100 });

			const result = await list({ pageSize: 500, concurrency });

			expect(result.ids).toEqual(storeIds(box));
			expect(listRequests(box)).toBe(13);
		});

		test.each([
			[250, 100, 3],
			[1, 100, 1],
			[100, 100, 1],
			[101, 100, 2],
		])('a limit of %i (pages of %i) asks for %i pages, no more', async (limit, pageSize, pages) => {
			const box = await useSandbox({ users: 1000, pageCap: 100 });

			const result = await list({ pageSize, limit, concurrency });

			expect(result.ids).toEqual(storeIds(box).slice(0, limit));
			expect(listRequests(box)).toBe(pages);
		});

		test('a user created at the front while the list is read: every user that was there, once, in order', async () => {
			const box = await useSandbox({ users: 1000 });
			const before = storeIds(box);
			holdBackTheNextTwoPages(box);
			let inserted = false;
			// Page 300, answered before pages 100 and 200, is the last one from before the change.
			lie(box, (answer, _body, skip) => {
				if (skip === 300 && !inserted) {
					inserted = true;
					box.store.users.unshift({ ...box.store.users[0], id: 'f'.repeat(24), name: 'new' });
				}
				return answer;
			});

			const result = await list({ pageSize: 100, concurrency });

			expect(inserted).toBe(true);
			expect(result.error).toBeUndefined();
			expect(result.ids).toEqual(before);
		});

		test('a cache that answers a page once with a later page it already served: every user once, in order', async () => {
			const box = await useSandbox({ users: 250 });
			holdBackTheNextTwoPages(box);
			const served = new Map<number, ApiResponse>();
			let repeated = false;
			lie(box, (answer, _body, skip) => {
				const later = [...served.keys()].find((servedSkip) => servedSkip > skip);
				served.set(skip, answer);
				if (later === undefined || repeated) return answer;
				repeated = true;
				return served.get(later)!;
			});

			const result = await list({ pageSize: 50, concurrency });

			// Read one at a time, no page is served before an earlier one.
			expect(repeated).toBe(concurrency > 1);
			expect(result.ids).toEqual(storeIds(box));
		});

		test('a proxy that repeats the previous answer once: every user once, in order', async () => {
			const box = await useSandbox({ users: 250 });
			let previous: ApiResponse | undefined;
			let repeated = false;
			lie(box, (answer, _body, skip) => {
				if (skip === 100 && !repeated && previous) {
					repeated = true;
					return previous;
				}
				previous = answer;
				return answer;
			});

			const result = await list({ pageSize: 50, concurrency });

			expect(repeated).toBe(true);
			expect(result.ids).toEqual(storeIds(box));
		});

		test('a totalCount 500 too high: every user once, read up to the empty page', async () => {
			const box = await useSandbox({ users: 250 });
			lie(box, (answer, body) => ({ ...answer, json: { ...body, totalCount: 750 } }));

			const result = await list({ pageSize: 50, concurrency });

			expect(result.ids).toEqual(storeIds(box));
			// 5 pages and the empty one; read ahead, the pages planned after it were asked for too.
			expect(listRequests(box)).toBe(6 + Math.min(concurrency - 1, 9));
		});

		test('a totalCount 30 too low: every user once, the doubt read one page at a time and logged', async () => {
			const box = await useSandbox({ users: 250 });
			lie(box, (answer, body) => ({ ...answer, json: { ...body, totalCount: 220 } }));
			const mark = capturedLogs.lines.length;

			const result = await list({ pageSize: 50, concurrency });

			expect(result.ids).toEqual(storeIds(box));
			expect(fallbackLogged(mark)).toBe(concurrency > 1);
		});

		test('a BigID that ignores skip is named, not read as one page', async () => {
			const box = await useSandbox({ users: 250 });
			let firstPage: ApiResponse | undefined;
			box.transformAnswer = (route, answer) => {
				if (route !== USERS_ROUTE) return answer;
				firstPage ??= answer;
				return firstPage;
			};

			const result = await list({ pageSize: 50, concurrency });

			expect(result.error?.message).toMatch(/same page .*: 50 of 250 read/);
			expect(result.error?.description).toMatch(/skip/);
		});

		test('stop when found: the stopping page is the last one asked for and read', async () => {
			const box = await useSandbox({ users: 1000 });
			const target = box.store.users[345].id;

			const result = await list({ pageSize: 100, concurrency, stopAtId: target });

			expect(result.ids).toEqual(storeIds(box).slice(0, 400));
			expect(listRequests(box)).toBe(4);
		});

		test('a session that expires mid-listing: every user, one new login for all requests in flight', async () => {
			const box = await useSandbox({ users: 1000, tokenMaxUses: 5 });

			const result = await list({ pageSize: 100, concurrency });

			expect(result.ids).toEqual(storeIds(box));
			expect(box.stats.logins).toBe(2);
			expect(box.stats.rejectedAuth).toBeGreaterThanOrEqual(1);
			expect(box.stats.rejectedAuth).toBeLessThanOrEqual(concurrency);
			expect(listRequests(box)).toBe(10 + box.stats.rejectedAuth);
		});
	},
);

/** How many API requests the sandbox was serving when each one arrived, from Node's own HTTP events. */
function watchServer() {
	/** `newPage`: a page first asked for after the first 429 was answered, not a retry of an earlier one. */
	const arrivals: Array<{ inFlight: number; newPage: boolean }> = [];
	const askedBeforeThrottle = new Set<string>();
	let inFlight = 0;
	let throttled = false;
	const onStart = (message: unknown) => {
		const { request } = message as { request: IncomingMessage };
		if (!request.url?.startsWith('/api/')) return;
		if (!throttled) askedBeforeThrottle.add(request.url);
		arrivals.push({ inFlight, newPage: !askedBeforeThrottle.has(request.url) });
		inFlight++;
	};
	const onFinish = (message: unknown) => {
		const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
		if (!request.url?.startsWith('/api/')) return;
		inFlight--;
		if (response.statusCode === 429) throttled = true;
	};
	subscribe('http.server.request.start', onStart);
	subscribe('http.server.response.finish', onFinish);
	return {
		arrivals,
		stop: () => {
			unsubscribe('http.server.request.start', onStart);
			unsubscribe('http.server.response.finish', onFinish);
		},
	};
}

describe('pagination under load', () => {
	test.each([4, 10])(
		'a 429 storm at concurrency %i: one request at a time after the first 429, every user once',
		async (concurrency) => {
			const box = await useSandbox({ users: 4000 });
			box.faults.configure({
				routes: [USERS_ROUTE],
				rate429: 0.15,
				retryAfterShare: 1,
				retryAfterSeconds: 0,
				latencyMs: [0, 20],
			});
			const server = watchServer();
			const mark = capturedLogs.lines.length;

			const result = await list({ pageSize: 100, concurrency }).finally(server.stop);

			expect(result.error).toBeUndefined();
			expect(result.ids).toEqual(storeIds(box));
			expect(box.stats.faults['429-retry-after']).toBeGreaterThan(0);
			expect(
				capturedLogs.lines
					.slice(mark)
					.filter((line) => /answered 429; reading the rest one page at a time/.test(line.message)),
			).toHaveLength(1);
			// Before the first 429 the pages overlapped; after it no request met another.
			expect(Math.max(...server.arrivals.map((arrival) => arrival.inFlight))).toBeGreaterThan(0);
			const newPages = server.arrivals.filter((arrival) => arrival.newPage);
			expect(newPages.length).toBeGreaterThanOrEqual(concurrency);
			// Pages asked for while the 429 was on its way to the client may still meet others.
			const overlapping = newPages.filter((arrival) => arrival.inFlight > 0);
			expect(overlapping.length).toBeLessThan(concurrency);
			expect(listRequests(box)).toBe(40 + box.stats.faults['429-retry-after']);
		},
	);

	test.each(CONCURRENCIES)(
		'a session revoked while pages are in flight (concurrency %i): one login for all of them',
		async (concurrency) => {
			const box = await useSandbox({ users: 1000 });
			box.faults.configure({ routes: [USERS_ROUTE], latencyMs: [10, 10] });
			let revoked = false;
			box.beforeHandling = (route, count) => {
				if (route === USERS_ROUTE && count >= 3 && !revoked) {
					revoked = true;
					box.revokeAllTokens();
				}
			};

			const result = await list({ pageSize: 100, concurrency });

			expect(result.ids).toEqual(storeIds(box));
			expect(box.stats.logins).toBe(2);
			if (concurrency > 1) expect(box.stats.rejectedAuth).toBeGreaterThan(1);
			expect(credentials.preAuthenticationCalls.filter((call) => call.expired).length).toBe(
				box.stats.rejectedAuth,
			);
		},
	);
});
