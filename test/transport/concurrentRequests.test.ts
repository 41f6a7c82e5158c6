import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { runNode } from '../harness/actionNode';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { PollHarness } from '../harness/poll';
import { startSandboxSession } from '../harness/sandbox';

const USERS_ROUTE = 'GET /api/v1/users';
const PARENT_SCANS_ROUTE = 'GET /api/v1/scans/parent-scans';

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;
afterEach(async () => await sandbox.close());

/**
 * Holds each request in the sandbox until `expected` requests are held together (or a quarter of a
 * second has passed without that happening), then lets them all go: the most requests held at once
 * is how many the pack had in flight, whatever the machine's speed.
 */
function countRequestsInFlight(box: Sandbox, expected: number): { max: number } {
	const seen = { max: 0 };
	let held: Array<() => void> = [];
	const releaseAll = () => {
		const releasing = held;
		held = [];
		for (const release of releasing) release();
	};
	box.faults.configure({ latencyMs: [1, 1] });
	box.wait = () =>
		new Promise<void>((resolve) => {
			held.push(resolve);
			seen.max = Math.max(seen.max, held.length);
			if (held.length >= expected) setImmediate(releaseAll);
			else setTimeout(releaseAll, 250);
		});
	return seen;
}

describe('Concurrent Requests (Options of Get Many)', () => {
	beforeEach(async () => {
		({ sandbox, credentials } = await startSandboxSession({ users: 1000, parentScans: 300 }));
	});

	it.each([1, 4, 10])(
		'User > Get Many with %i: every user once in BigID order, one request per page',
		async (concurrency) => {
			// The first page tells the size of the list; the nine after it go out together.
			const expected = Math.min(concurrency, 9);
			const inFlight = countRequestsInFlight(sandbox, expected);
			const { items, error } = await runNode(credentials, 'user', {
				operation: 'getMany',
				returnAll: true,
				options: { pageSize: 100, concurrency },
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.id)).toEqual(sandbox.store.users.map((user) => user.id));
			expect(sandbox.stats.byRoute[USERS_ROUTE]).toBe(10);
			expect(inFlight.max).toBe(expected);
		},
	);

	it('Scan > Get Many Parent Scans reads its pages four at a time by default', async () => {
		const inFlight = countRequestsInFlight(sandbox, 4);
		const { items, error } = await runNode(credentials, 'scan', {
			operation: 'getManyParentScans',
			returnAll: true,
			options: { pageSize: 50 },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(300);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(300);
		expect(sandbox.stats.byRoute[PARENT_SCANS_ROUTE]).toBe(6);
		expect(inFlight.max).toBe(4);
	});

	it.each([0, 11, 2.5])('refuses %p before any request is sent', async (concurrency) => {
		const { error } = await runNode(credentials, 'user', {
			operation: 'getMany',
			returnAll: true,
			options: { concurrency },
		} as INodeParameters);
		expect(error?.message).toBe(
			`Concurrent Requests must be a whole number from 1 to 10, not ${concurrency}`,
		);
		expect(sandbox.stats.byRoute[USERS_ROUTE]).toBeUndefined();
	});
});

describe('Concurrent Requests (User Options of the trigger)', () => {
	beforeEach(async () => {
		({ sandbox, credentials } = await startSandboxSession({ users: 1000 }));
	});

	it('a user poll reads its pages as many at a time as set', async () => {
		const harness = new PollHarness({
			credentials,
			parameters: { events: ['userCreated'], userOptions: { pageSize: 100, concurrency: 5 } },
			saveModel: 'emitOnly',
		});
		const inFlight = countRequestsInFlight(sandbox, 5);
		const { error } = await harness.activate();
		expect(error).toBeUndefined();
		expect(sandbox.stats.byRoute[USERS_ROUTE]).toBe(10);
		expect(inFlight.max).toBe(5);
	});

	it('refuses a number out of range with the option to fix', async () => {
		const harness = new PollHarness({
			credentials,
			parameters: { events: ['userCreated'], userOptions: { concurrency: 20 } },
			saveModel: 'emitOnly',
		});
		const outcome = await harness.activate();
		expect(outcome.error?.message).toBe(
			'Concurrent Requests must be a whole number from 1 to 10, not 20',
		);
		expect(sandbox.stats.byRoute[USERS_ROUTE]).toBeUndefined();
	});
});
