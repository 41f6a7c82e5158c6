import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { runNode, untilRequested } from '../harness/actionNode';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { startSandboxSession } from '../harness/sandbox';
import { byId } from '../harness/items';

const HOUR_MS = 3600 * 1000;
const STATUS_ROUTE = 'GET /api/v1/scans/:id/status';
const UNKNOWN_ID = 'ffffffffffffffffffffffff';

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;

async function useSandbox(options: Parameters<typeof startSandboxSession>[0] = {}) {
	({ sandbox, credentials } = await startSandboxSession({ scanDurationMs: HOUR_MS, ...options }));
}
afterEach(async () => await sandbox.close());

const run = (parameters: INodeParameters, input?: IDataObject[], continueOnFail?: boolean) =>
	runNode(credentials, 'scan', parameters, input, continueOnFail);

const profileNamed = (name: string) => sandbox.store.findScanProfileByName(name)!;
const newestParentScan = () => sandbox.store.parentScans[sandbox.store.parentScans.length - 1];

/** Runs Wait for Completion and, once it has polled `polls` times, lets an hour pass. */
async function waitWhileClockRuns(parameters: INodeParameters, polls: number) {
	const running = run({ operation: 'waitForCompletion', pollInterval: 0.02, ...parameters });
	await untilRequested(sandbox, STATUS_ROUTE, polls, running);
	sandbox.store.advanceClock(HOUR_MS);
	return await running;
}

describe('Scan > Start', () => {
	beforeEach(async () => await useSandbox());

	it('starts by ID with the guide’s body and the real one together, and outputs the new scan ID', async () => {
		const profile = profileNamed('Weekly Full Scan');
		const { items, error } = await run({
			operation: 'start',
			scanProfile: byId(profile._id),
			scanType: 'lineageScan',
		});
		expect(error).toBeUndefined();
		const scan = newestParentScan();
		expect(items.map((item) => item.json)).toEqual([
			{
				scanId: scan._id,
				scanProfileId: profile._id,
				scanProfileName: 'Weekly Full Scan',
				scanType: 'lineageScan',
				scanOrigin: 'Invoked manually',
				message: 'Scan started',
			},
		]);
		expect(scan).toMatchObject({
			scanProfileId: profile._id,
			type: 'lineageScan',
			scanOrigin: 'Invoked manually',
			state: 'Queued',
		});
		expect(sandbox.stats.writes['POST /api/v1/scans']).toBe(1);
	});

	it('starts by exact name, from the list endpoint', async () => {
		const profile = profileNamed('Daily Marketing Scan');
		const { items } = await run({
			operation: 'start',
			scanProfile: { __rl: true, mode: 'name', value: 'Daily Marketing Scan' },
			options: { scanOrigin: 'n8n workflow' },
		});
		expect(items[0].json).toMatchObject({
			scanId: newestParentScan()._id,
			scanProfileId: profile._id,
			scanType: 'dsScan',
		});
		expect(newestParentScan()).toMatchObject({ scanOrigin: 'n8n workflow', type: 'dsScan' });
	});

	it('refuses an unknown name before starting anything', async () => {
		const { error } = await run({
			operation: 'start',
			scanProfile: { __rl: true, mode: 'name', value: 'Nightly Everything' },
		});
		expect(error?.message).toBe('Scan profile "Nightly Everything" was not found');
		expect(sandbox.stats.writes['POST /api/v1/scans']).toBeUndefined();
	});

	it('answers an unknown profile ID with 404 and the fix', async () => {
		const { error } = await run({ operation: 'start', scanProfile: byId(UNKNOWN_ID) });
		expect(error?.message).toBe(`BigID answered 404: Scan profile ${UNKNOWN_ID} was not found`);
		expect(error?.description).toContain('Make sure the ID is valid');
		expect(sandbox.stats.writes['POST /api/v1/scans']).toBeUndefined();
	});

	it('passes BigID’s 400 for bad input through with its reason', async () => {
		const profile = profileNamed('Weekly Full Scan');
		const { error } = await run({
			operation: 'start',
			scanProfile: byId(profile._id),
			scanType: '={{ "fullScan" }}',
		});
		expect(error?.message).toBe(
			"BigID answered 400: Invalid scanType 'fullScan', expected one of dsScan, lineageScan, metadataScan, dataInMotion",
		);
		expect(error?.description).toContain('Bad or malformed');
	});
});

describe('Scan > Start on a BigID version without the scan profile list', () => {
	beforeEach(async () => await useSandbox({ scanProfileCrud: false }));

	it('starts by name with the real body alone', async () => {
		const { items, error } = await run({
			operation: 'start',
			scanProfile: { __rl: true, mode: 'name', value: 'Legacy Source Scan' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			scanId: newestParentScan()._id,
			scanProfileName: 'Legacy Source Scan',
			scanType: 'dsScan',
			scanOrigin: 'Invoked manually',
			message: 'Scan started',
		});
		expect(newestParentScan().scanProfileId).toBe(profileNamed('Legacy Source Scan')._id);
	});
});

describe('Scan > Get Status', () => {
	beforeEach(async () => await useSandbox());

	const statusOf = async (scanId: string, options: INodeParameters = {}) =>
		(await run({ operation: 'getStatus', scanId, options })).items[0]?.json;

	it('derives isFinished and isSuccessful, and passes unknown states through unchanged', async () => {
		const scan = sandbox.store.startScan(profileNamed('Weekly Full Scan')._id)!;
		expect(await statusOf(scan._id)).toEqual({
			scanId: scan._id,
			status: 'Queued',
			progress: 0,
			isFinished: false,
			isSucceeded: false,
			isSuccessful: false,
		});

		sandbox.store.setScanState(scan._id, 'PendingApproval', 7);
		expect(await statusOf(scan._id)).toMatchObject({
			status: 'PendingApproval',
			progress: 7,
			isFinished: false,
		});
		expect(
			await statusOf(scan._id, { terminalStates: 'Completed, pendingapproval' }),
		).toMatchObject({ status: 'PendingApproval', isFinished: true, isSuccessful: false });

		sandbox.store.setScanState(scan._id, 'COMPLETED');
		expect(await statusOf(scan._id)).toMatchObject({
			status: 'COMPLETED',
			progress: 100,
			isFinished: true,
			isSucceeded: true,
			isSuccessful: true,
		});
		sandbox.store.setScanState(scan._id, 'CompletedWithErrors');
		expect(await statusOf(scan._id)).toMatchObject({ isFinished: true, isSuccessful: false });
	});

	it('rejects a malformed scan ID before any request, in the words of the tutorial', async () => {
		const { error } = await run({ operation: 'getStatus', scanId: '1234' });
		expect(error?.message).toBe('Scan ID is invalid: "1234" is not a BigID ID');
		expect(error?.description).toContain("Double-check the scan ID you're using");
		expect(sandbox.stats.requests).toBe(0);
	});

	it('answers a scan that does not exist with 404 and the parent scans fix', async () => {
		const { error } = await run({ operation: 'getStatus', scanId: UNKNOWN_ID });
		expect(error?.message).toBe(`BigID answered 404: Scan ${UNKNOWN_ID} was not found`);
		expect(error?.description).toContain(
			'Make sure the ID is valid and fetched from the parent scans endpoint',
		);
	});

	it('reports a persistent server error after the retries, with the fix', async () => {
		const scan = sandbox.store.startScan(profileNamed('Weekly Full Scan')._id)!;
		sandbox.faults.inject({ route: STATUS_ROUTE, kind: '500', times: 5 });
		const { error } = await run({ operation: 'getStatus', scanId: scan._id });
		expect(error?.message).toBe('BigID answered 500: Server error');
		expect(error?.description).toBe(
			'BigID server hit a snag (internal error). Wait a moment and retry. If it persists, reach out to support.',
		);
		expect(sandbox.stats.byRoute[STATUS_ROUTE]).toBe(5);
	});

	it('reports a rejected Authorization header as 401 with the fix', async () => {
		await sandbox.close();
		({ sandbox, credentials } = await startSandboxSession(
			{ authHeader: 'raw' },
			{ authHeaderFormat: 'bearer' },
		));
		const { error } = await run({ operation: 'getStatus', scanId: UNKNOWN_ID });
		expect(error?.message).toBe('BigID answered 401: Unauthorized');
		expect(error?.description).toContain('Verify your API key and authorization header');
	});

	it('gives error items for failing inputs and statuses for the rest under Continue On Fail', async () => {
		const scan = sandbox.store.startScan(profileNamed('Weekly Full Scan')._id)!;
		const { items, error } = await run(
			{ operation: 'getStatus', scanId: '={{ $json.scanId }}' },
			[{ scanId: scan._id }, { scanId: 'not-an-id' }, { scanId: UNKNOWN_ID }],
			true,
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ scanId: scan._id, status: 'Queued' });
		expect(items[1].json.error).toBe('Scan ID is invalid: "not-an-id" is not a BigID ID');
		expect(items[2].json.error).toBe(`BigID answered 404: Scan ${UNKNOWN_ID} was not found`);
	});
});

describe('Scan > Wait for Completion', () => {
	beforeEach(async () => await useSandbox());

	const startScanOf = (profileName: string) =>
		sandbox.store.startScan(profileNamed(profileName)._id)!._id;

	it('polls until the scan completes', async () => {
		const scanId = startScanOf('Weekly Full Scan');
		const { items, error } = await waitWhileClockRuns({ scanId, timeout: 60 }, 3);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			scanId,
			status: 'Completed',
			progress: 100,
			isFinished: true,
			isSucceeded: true,
			isSuccessful: true,
			timedOut: false,
		});
		expect(items[0].json.polls).toBeGreaterThanOrEqual(4);
		expect(items[0].json.polls).toBe(sandbox.stats.byRoute[STATUS_ROUTE]);
	});

	it('outputs a failed scan as a result, not an error', async () => {
		const scanId = startScanOf('Legacy Source Scan');
		const { items, error } = await waitWhileClockRuns({ scanId, timeout: 60 }, 2);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			status: 'Failed',
			isFinished: true,
			isSucceeded: false,
			isSuccessful: false,
			timedOut: false,
		});
	});

	it('fails on a failed scan when asked to', async () => {
		const scanId = startScanOf('Legacy Source Scan');
		const { error } = await waitWhileClockRuns(
			{ scanId, timeout: 60, options: { failOnUnsuccessfulScan: true } },
			2,
		);
		expect(error?.message).toBe(`Scan ${scanId} finished without success: Failed, progress 100%`);
	});

	it('carries on through a lost session and a passing server error', async () => {
		const scanId = startScanOf('Weekly Full Scan');
		const running = run({
			operation: 'waitForCompletion',
			scanId,
			pollInterval: 0.02,
			timeout: 60,
		});
		await untilRequested(sandbox, STATUS_ROUTE, 2, running);
		sandbox.revokeAllTokens();
		sandbox.faults.inject({ route: STATUS_ROUTE, kind: '500' });
		await untilRequested(sandbox, STATUS_ROUTE, 5, running);
		sandbox.store.advanceClock(HOUR_MS);
		const { items, error } = await running;
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'Completed', isSuccessful: true });
		expect(sandbox.stats.logins).toBe(2);
		expect(sandbox.stats.faults['500']).toBe(1);
	});

	describe('a scan that never finishes in time', () => {
		let scanId: string;
		beforeEach(() => {
			scanId = startScanOf('Weekly Full Scan');
			sandbox.store.setScanState(scanId, 'InProgress', 42);
		});

		it('fails with the last status by default', async () => {
			const { error } = await run({
				operation: 'waitForCompletion',
				scanId,
				pollInterval: 0.02,
				timeout: 0.1,
			});
			expect(error?.message).toBe(
				`Scan ${scanId} did not finish within 0.1 seconds; last status: InProgress, progress 42%`,
			);
			expect(error?.description).toContain('The scan keeps running in BigID');
			expect(sandbox.stats.byRoute[STATUS_ROUTE]).toBeGreaterThanOrEqual(2);
		});

		it('outputs the last status when asked to', async () => {
			const { items, error } = await run({
				operation: 'waitForCompletion',
				scanId,
				pollInterval: 0.02,
				timeout: 0.1,
				onTimeout: 'output',
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				scanId,
				status: 'InProgress',
				progress: 42,
				isFinished: false,
				timedOut: true,
			});
		});
	});

	it.each([
		[{ timeout: 0 }, 'Timeout must be more than 0 seconds, not 0'],
		[{ pollInterval: 0 }, 'Poll Interval must be more than 0 seconds, not 0'],
		[{ pollInterval: -1 }, 'Poll Interval must be more than 0 seconds, not -1'],
		[{ options: { terminalStates: ' , ' } }, 'Terminal States is empty'],
	])('rejects %j before any request', async (parameters, message) => {
		const { error } = await run({
			operation: 'waitForCompletion',
			scanId: UNKNOWN_ID,
			pollInterval: 1,
			timeout: 10,
			...parameters,
		});
		expect(error?.message).toBe(message);
		expect(sandbox.stats.requests).toBe(0);
	});
});

describe('Scan states, however BigID spells them', () => {
	beforeEach(async () => await useSandbox());

	const SPELLINGS = [
		'Completed With Errors',
		'completed_with_errors',
		'CompletedWithErrors',
		'COMPLETED-WITH-ERRORS',
	];
	const scanIn = (state: string) => {
		const scanId = sandbox.store.startScan(profileNamed('Weekly Full Scan')._id)!._id;
		sandbox.store.setScanState(scanId, state, 100);
		return scanId;
	};
	const waitFor = async (scanId: string, options: INodeParameters = {}) =>
		await run({
			operation: 'waitForCompletion',
			scanId,
			pollInterval: 0.02,
			timeout: 0.1,
			onTimeout: 'output',
			options,
		});

	it.each(SPELLINGS)(
		'Wait for Completion ends on "%s" at the first poll with the default terminal states',
		async (state) => {
			const scanId = scanIn(state);
			const { items, error } = await waitFor(scanId);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([
				{
					scanId,
					status: state,
					progress: 100,
					isFinished: true,
					isSucceeded: false,
					isSuccessful: false,
					timedOut: false,
					polls: 1,
				},
			]);
			expect(sandbox.stats.byRoute[STATUS_ROUTE]).toBe(1);
		},
	);

	it.each(SPELLINGS)(
		'Get Status and Wait for Completion take "%s" as a terminal state for every spelling of it',
		async (terminalState) => {
			for (const state of SPELLINGS) {
				const scanId = scanIn(state);
				const options = { terminalStates: `Completed, ${terminalState}` };
				const status = (await run({ operation: 'getStatus', scanId, options })).items[0].json;
				expect(status).toMatchObject({ status: state, isFinished: true, isSuccessful: false });
				const { items } = await waitFor(scanId, options);
				expect(items[0].json).toMatchObject({ isFinished: true, timedOut: false, polls: 1 });
			}
		},
	);

	it('fails on any spelling of Completed With Errors when a scan must succeed', async () => {
		for (const state of SPELLINGS) {
			const scanId = scanIn(state);
			const { error } = await waitFor(scanId, { failOnUnsuccessfulScan: true });
			expect(error?.message).toBe(
				`Scan ${scanId} finished without success: ${state}, progress 100%`,
			);
		}
	});

	it('keeps waiting on a state it does not know, until it is made terminal', async () => {
		const scanId = scanIn('Quarantined');
		const waited = await waitFor(scanId);
		expect(waited.items[0].json).toMatchObject({
			status: 'Quarantined',
			isFinished: false,
			isSucceeded: false,
			isSuccessful: false,
			timedOut: true,
		});
		expect(waited.items[0].json.polls).toBeGreaterThanOrEqual(2);

		const { items } = await waitFor(scanId, { terminalStates: 'Completed, QUARANTINED' });
		expect(items[0].json).toMatchObject({ status: 'Quarantined', isFinished: true, polls: 1 });
	});

	it('counts only Completed as a success, in any case or spacing', async () => {
		for (const state of ['Completed', 'COMPLETED', ' completed ']) {
			const status = (await run({ operation: 'getStatus', scanId: scanIn(state) })).items[0].json;
			expect(status).toMatchObject({ isFinished: true, isSuccessful: true });
		}
	});
});

describe('Scan > Get Many and Get Many Parent Scans', () => {
	beforeEach(async () => await useSandbox({ parentScans: 23 }));

	it('lists every scan execution over several pages', async () => {
		const { items } = await run({
			operation: 'getMany',
			returnAll: true,
			options: { pageSize: 20 },
		});
		const executions = sandbox.store.scanExecutions;
		expect(items.map((item) => item.json._id)).toEqual(executions.map((scan) => scan._id));
		expect(sandbox.stats.byRoute['GET /api/v1/scans']).toBe(Math.ceil(executions.length / 20));
		expect(items[0].json).toMatchObject({
			id: executions[0]._id,
			createdAt: executions[0].created_at,
		});
	});

	it('lists every parent scan over several pages, newest first, with child scan IDs', async () => {
		const { items } = await run({
			operation: 'getManyParentScans',
			returnAll: true,
			options: { pageSize: 10 },
		});
		expect(items).toHaveLength(23);
		expect(sandbox.stats.byRoute['GET /api/v1/scans/parent-scans']).toBe(3);
		const newestFirst = [...sandbox.store.parentScans].reverse();
		expect(items.map((item) => item.json._id)).toEqual(newestFirst.map((scan) => scan._id));
		for (const [index, item] of items.entries()) {
			expect(item.json.childScanIds).toEqual(
				newestFirst[index].scanChildren.map((child) => child._id),
			);
		}
		expect((items[0].json.childScanIds as string[]).length).toBeGreaterThan(0);
	});

	it('sorts, filters and limits', async () => {
		const oldest = await run({
			operation: 'getManyParentScans',
			limit: 2,
			options: { sort: 'updated_at' },
		});
		expect(oldest.items.map((item) => item.json._id)).toEqual(
			sandbox.store.parentScans.slice(0, 2).map((scan) => scan._id),
		);
		const failed = await run({
			operation: 'getManyParentScans',
			returnAll: true,
			options: { filter: '{"state":"Failed"}' },
		});
		const failedInStore = sandbox.store.parentScans.filter((scan) => scan.state === 'Failed');
		expect(failedInStore.length).toBeGreaterThan(0);
		expect(failed.items.map((item) => item.json._id).sort()).toEqual(
			failedInStore.map((scan) => scan._id).sort(),
		);
	});
});
