import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { MAX_ATTEMPTS } from '../../nodes/BigId/transport/retryPolicy';
import { USER_EVENTS } from '../../nodes/BigId/trigger/user/events';
import type { Sandbox } from '../../sandbox';
import { FAILING_DATA_SOURCE_NAME } from '../../sandbox';
import { auditLogApi } from '../../sandbox/entities/auditLog/routes';
import { CASE_STATUSES } from '../../sandbox/entities/cases/model';
import { casesApi } from '../../sandbox/entities/cases/routes';
import { catalogApi } from '../../sandbox/entities/catalog/routes';
import { dsarApi } from '../../sandbox/entities/dsar/routes';
import { scansApi } from '../../sandbox/entities/scans/routes';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import type { NodeSpec } from '../harness/engine';
import { runWorkflow } from '../harness/engine';
import { byId, byName } from '../harness/items';
import { eventKeyOf, PollHarness } from '../harness/poll';
import type { SaveModel } from '../harness/staticData';
import { SAVE_MODELS } from '../harness/staticData';
import {
	createUserNode,
	expectOnePerInput,
	FAULT_MATRIX,
	MAY_HAVE_HAPPENED,
	runWriteScenario,
	type WriteScenario,
	SECRETS,
	logMark,
	retriesSince,
	scanForLeaks,
	startWatchedSession,
	watch,
	watchText,
} from './support';

/** One line of the printed report. */
interface ReportRow {
	scenario: string;
	expected: number;
	got: number;
	duplicates: number;
	retries: number;
	logins: number;
	requests: number;
	note: string;
}

const report: ReportRow[] = [];

let sandbox: Sandbox | undefined;
let credentials: TestCredentialsHelper;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

async function useSandbox(...args: Parameters<typeof startWatchedSession>) {
	({ sandbox, credentials } = await startWatchedSession(...args));
	return sandbox!;
}

const run = async (nodes: NodeSpec[], input?: IDataObject[]) =>
	watch(await runWorkflow({ credentials, nodes, input }));

const duplicatesIn = (values: unknown[]) => values.length - new Set(values).size;
const loginsOf = (box: Sandbox) => box.stats.logins + box.stats.tokenExchanges;

/** A report row; retries are the transport's own plus the requests n8n repeated after a 401. */
function record(
	row: Omit<ReportRow, 'logins' | 'requests' | 'retries'>,
	box: Sandbox,
	mark: number,
) {
	report.push({
		...row,
		retries: retriesSince(mark) + box.stats.rejectedAuth,
		logins: loginsOf(box),
		requests: box.stats.requests,
	});
}

describe('fault matrix: listings return every item once', () => {
	/** Runs a Get Many with Return All under the fault matrix: every expected ID, none twice. */
	async function listUnderFaults(
		box: Sandbox,
		scenario: string,
		parameters: INodeParameters,
		expectedIds: string[],
		{ idKey = '_id', noteOf = () => '' }: { idKey?: string; noteOf?: () => string } = {},
	) {
		box.faults.configure(FAULT_MATRIX);
		const mark = logMark();

		const result = await run([{ parameters: { ...parameters, returnAll: true } }]);

		expect(result.error).toBeUndefined();
		const ids = result.items.map((item) => item.json[idKey]);
		expect(new Set(ids)).toEqual(new Set(expectedIds));
		expect(duplicatesIn(ids)).toBe(0);
		const faults = Object.values(box.stats.faults).reduce((sum, count) => sum + count, 0);
		record(
			{
				scenario,
				expected: expectedIds.length,
				got: new Set(ids).size,
				duplicates: duplicatesIn(ids),
				note: `${faults} faults, ${box.stats.rejectedAuth} revoked-session 401s${noteOf()}`,
			},
			box,
			mark,
		);
		return { result, faults };
	}

	test('Get Many users: all 10,000 users, none twice', async () => {
		const box = await useSandbox({ users: 10_000 });
		const expected = box.store.users.map((user) => user.id);
		expect(expected).toHaveLength(10_000);

		const { faults } = await listUnderFaults(
			box,
			'Get Many users (10,000)',
			{ resource: 'user', operation: 'getMany' },
			expected,
		);

		// The matrix really hit this listing: faults answered, sessions revoked and renewed.
		expect(faults).toBeGreaterThan(5);
		expect(box.stats.rejectedAuth).toBeGreaterThan(5);
	});

	test('Get Many parent scans (API token login): all 1,000, none twice, child IDs intact', async () => {
		const box = await useSandbox({ parentScans: 1000 }, { authMode: 'apiToken' });
		const expected = box.store.parentScans;

		const { result } = await listUnderFaults(
			box,
			'Get Many parent scans (1,000, API token)',
			// Small pages: 40 requests, so the matrix has room to strike.
			{ resource: 'scan', operation: 'getManyParentScans', options: { pageSize: 25 } },
			expected.map((scan) => scan._id),
		);

		const byId = new Map(result.items.map((item) => [item.json._id, item.json]));
		for (const scan of expected) {
			expect(byId.get(scan._id)?.childScanIds).toEqual(scan.scanChildren.map((child) => child._id));
		}
		// API token mode: each new session is an exchange of the API token, never a password login.
		expect(box.stats.logins).toBe(0);
		expect(box.stats.tokenExchanges).toBeGreaterThan(1);
	});

	test('Wait for Completion: every scan reaches its real final state', async () => {
		const box = await useSandbox({ scanDurationMs: 5000 });
		const profiles = ['Weekly Full Scan', 'Legacy Source Scan', 'Daily Marketing Scan'];
		const started = [...profiles, ...profiles].map((name) =>
			box.store.startScan(box.store.findScanProfileByName(name)!._id)!,
		);
		box.faults.configure(FAULT_MATRIX);
		const mark = logMark();

		const result = await run(
			[
				{
					parameters: {
						resource: 'scan',
						operation: 'waitForCompletion',
						scanId: '={{ $json.scanId }}',
						pollInterval: 0.1,
						timeout: 600,
					},
				},
			],
			started.map((scan) => ({ scanId: scan._id })),
		);

		expect(result.error).toBeUndefined();
		expectOnePerInput(result.items, started.length);
		const finalStates = started.map((scan) => box.store.getScan(scan._id)!.state);
		expect(finalStates).toContain('Failed');
		expect(result.items.map((item) => [item.json.scanId, item.json.status])).toEqual(
			started.map((scan, index) => [scan._id, finalStates[index]]),
		);
		expect(result.items.every((item) => item.json.isFinished === true)).toBe(true);
		const scanIds = result.items.map((item) => item.json.scanId);
		record(
			{
				scenario: 'Wait for Completion (6 scans)',
				expected: started.length,
				got: result.items.filter((item) => item.json.isFinished === true).length,
				duplicates: duplicatesIn(scanIds),
				note: `${box.stats.byRoute['GET /api/v1/scans/:id/status'] ?? 0} status polls`,
			},
			box,
			mark,
		);
	});

	test.each(['skip', 'offset'] as const)(
		'Get Many DSPM cases paged by %s: all 1,000, none twice',
		async (paging) => {
			const box = await useSandbox({ cases: 1000, casePaging: paging });
			await listUnderFaults(
				box,
				`Get Many DSPM cases (1,000, ${paging})`,
				// Small pages: 40 requests, so the matrix has room to strike.
				{
					resource: 'dspmCase',
					operation: 'getMany',
					options: { pageSize: 25, pagingParameter: paging },
				},
				box.store.model(casesApi).cases.map((item) => item._id),
			);
		},
	);

	test('Catalog Object > Search at the default concurrency: all ~2,000 objects, none twice', async () => {
		const scanDurationMs = 60_000;
		// About 4.6 objects a source: 440 sources, each scanned once, give about 2,000 objects.
		const box = await useSandbox({ dataSources: 440, parentScans: 0, scanDurationMs });
		const scans = box.store.model(scansApi);
		for (const source of box.store.dataSources) {
			scans.startDataSourceScan(source, { type: 'dsScan', isSampleScan: false });
		}
		// Each start takes the next millisecond of the virtual clock: twice the duration finishes all.
		box.store.advanceClock(2 * scanDurationMs);
		const expected = box.store.model(catalogApi).objects.map((object) => object.id);
		expect(expected.length).toBeGreaterThan(1900);
		// Requests in flight at once, seen where the sandbox waits out their latency.
		const wait = box.wait.bind(box);
		let inFlight = 0;
		let mostInFlight = 0;
		box.wait = async (ms) => {
			mostInFlight = Math.max(mostInFlight, ++inFlight);
			try {
				await wait(ms);
			} finally {
				inFlight--;
			}
		};
		const pageSize = 25;
		const searches = () => box.stats.byRoute['GET /api/v1/data-catalog'] ?? 0;

		const { faults } = await listUnderFaults(
			box,
			`Catalog Object > Search (${expected.length}, default concurrency)`,
			// Small pages: 80 pages, so the matrix has room to strike.
			{ resource: 'catalogObject', operation: 'search', options: { pageSize } },
			expected,
			{
				idKey: 'id',
				noteOf: () => `; ${searches()} search requests, at most ${mostInFlight} in flight`,
			},
		);

		expect(faults).toBeGreaterThan(5);
		expect(box.stats.rejectedAuth).toBeGreaterThan(5);
		// Every page asked for at least once, and the default concurrency (4) used, not exceeded.
		expect(searches()).toBeGreaterThanOrEqual(Math.ceil(expected.length / pageSize));
		expect(mostInFlight).toBeGreaterThan(1);
		expect(mostInFlight).toBeLessThanOrEqual(4);
	});
});

describe('fault matrix: a login that fails for now is tried again', () => {
	const LOGIN_ROUTE = 'POST /api/v1/sessions';
	const CREATE_ROUTE = 'POST /api/v1/users';

	const createUser = () =>
		run(
			[createUserNode('after.relogin', 'after.relogin@acme.test')],
			[{ password: SECRETS.newUserPassword }],
		);

	test.each(['429', '429-retry-after', '500', '503', 'html-502', 'drop'] as const)(
		'a session expiring at a POST, then a login answered %s: the POST is sent again and creates once',
		async (kind) => {
			const box = await useSandbox({ users: 5 });
			box.beforeHandling = (route, count) => {
				if (route === CREATE_ROUTE && count === 1) {
					box.revokeAllTokens();
					box.faults.inject({ route: LOGIN_ROUTE, kind });
				}
			};

			const result = await createUser();

			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ name: 'after.relogin' });
			expect(box.stats.faults[kind]).toBe(1);
			// The 401, the 401 again after the failed login, then the write.
			expect(box.stats.byRoute[CREATE_ROUTE]).toBe(3);
			expect(box.stats.writes[CREATE_ROUTE]).toBe(1);
			expect(box.store.users.filter((user) => user.name === 'after.relogin')).toHaveLength(1);
		},
	);

	test('a login that keeps failing is reported after 5 attempts, and nothing is written', async () => {
		const box = await useSandbox({ users: 5 });
		await run([{ parameters: { resource: 'role', operation: 'getMany', returnAll: true } }]);
		box.revokeAllTokens();
		box.faults.inject({ route: LOGIN_ROUTE, kind: '500', times: 10 });

		const result = await createUser();

		expect(result.error?.message).toBe(
			'BigID could not log in (HTTP 500: Server error). Wait a moment and retry. If it persists, reach out to support.',
		);
		expect(box.stats.byRoute[LOGIN_ROUTE]).toBe(1 + 5);
		expect(box.stats.writes).toEqual({});
	});
});

describe('fault matrix: every write happens at most once', () => {
	const WRITES = 40;

	/** Runs WRITES input items through a write under the fault matrix, with three lost answers. */
	async function runWrites(box: Sandbox, write: WriteScenario) {
		const mark = logMark();
		const { result, outcome, written } = await runWriteScenario(box, credentials, write, WRITES);
		record(
			{
				scenario: `${write.scenario} (${WRITES} items)`,
				expected: WRITES,
				got: outcome.created,
				duplicates: outcome.duplicates,
				note: `${outcome.uncertain} "may have happened", ${outcome.refused} refused; ${written} written`,
			},
			box,
			mark,
		);
		return result;
	}

	test('Create user: each user created once or reported "may have happened"', async () => {
		const box = await useSandbox({ users: 50 });
		await runWrites(box, {
			scenario: 'Create user',
			route: 'POST /api/v1/users',
			node: createUserNode(
				'={{ "reliability.user." + $json.n }}',
				'={{ "reliability.user." + $json.n + "@acme.test" }}',
			),
			input: () => ({ password: SECRETS.newUserPassword }),
			keyOf: (n) => `reliability.user.${n}`,
			storedCount: (name) => box.store.users.filter((user) => user.name === name).length,
		});
	});

	test('Create scan profile: each profile created once or reported "may have happened"', async () => {
		const box = await useSandbox();
		const sources = box.store.dataSources
			.filter((source) => source.name !== 'failing-source')
			.slice(0, 2)
			.map((source) => source._id);
		await runWrites(box, {
			scenario: 'Create scan profile',
			route: 'POST /api/v1/scanProfiles',
			node: {
				parameters: {
					resource: 'scanProfile',
					operation: 'create',
					name: '={{ "Reliability profile " + $json.n }}',
					dataSourceSelection: 'selected',
					dataSourceIds: sources,
					scanTemplateId: 'standard-privacy-template-001',
					runMode: 'scheduled',
					cronExpression: '0 2 * * 0',
					timeZone: 'Europe/Berlin',
					active: true,
				},
			},
			keyOf: (n) => `Reliability profile ${n}`,
			storedCount: (name) =>
				box.store.scanProfiles.filter((profile) => profile.name === name).length,
		});
	});

	test('Start scan: each scan started once or reported "may have happened"', async () => {
		const box = await useSandbox({ scanDurationMs: 3_600_000 });
		const profile = box.store.findScanProfileByName('Weekly Full Scan')!;
		const result = await runWrites(box, {
			scenario: 'Start scan',
			route: 'POST /api/v1/scans',
			node: {
				parameters: {
					resource: 'scan',
					operation: 'start',
					scanProfile: { __rl: true, mode: 'id', value: profile._id },
					scanType: 'dsScan',
					options: { scanOrigin: '={{ "reliability-" + $json.n }}' },
				},
			},
			keyOf: (n) => `reliability-${n}`,
			storedCount: (origin) =>
				box.store.parentScans.filter((scan) => scan.scanOrigin === origin).length,
		});
		for (const item of result.items.filter((candidate) => candidate.json.error === undefined)) {
			expect(box.store.getScan(String(item.json.scanId))).toBeDefined();
		}
	});

	test('Data Source > Scan: each source scanned once or reported "may have happened"', async () => {
		const box = await useSandbox({
			dataSources: WRITES + 1,
			parentScans: 0,
			scanDurationMs: 3_600_000,
		});
		const sources = box.store.dataSources
			.map((source) => source.name)
			.filter((name) => name !== FAILING_DATA_SOURCE_NAME);
		expect(sources).toHaveLength(WRITES);
		const scansOf = (name: string) =>
			box.store.parentScans.filter((scan) =>
				scan.scanChildren.some((child) => child.dataSourceName === name),
			);
		const result = await runWrites(box, {
			scenario: 'Data Source > Scan',
			route: 'POST /api/v1/ds-connections/:name/scan',
			node: {
				parameters: {
					resource: 'dataSource',
					operation: 'scan',
					dataSourceName: byName('={{ $json.source }}'),
				},
			},
			input: (n) => ({ source: sources[n] }),
			keyOf: (n) => sources[n],
			storedCount: (name) => scansOf(name).length,
		});
		// A scan reported started is the one this item started: Wait for Completion follows it.
		result.items.forEach((item, n) => {
			if (item.json.error !== undefined) return;
			expect(item.json.scanId).toBe(scansOf(sources[n])[0].scanChildren[0]._id);
		});
	});

	test.each([
		[
			'DSPM Case > Assign',
			'PATCH /api/v1/actionable-insights/cases/:id',
			{ operation: 'assign', assignee: '={{ "owner." + $json.n + "@acme.test" }}' },
		],
		[
			'DSPM Case > Create Ticket in BigID',
			'POST /api/v1/actionable-insights/cases:createTicket/:id',
			{ operation: 'syncTicket', ticketSystem: 'jira', ticketAction: 'createTicket' },
		],
	] as const)(
		'%s: each case written once or reported "may have happened"',
		async (scenario, route, parameters) => {
			const box = await useSandbox({ cases: WRITES });
			const cases = box.store.model(casesApi);
			const ids = cases.cases.map((item) => item._id);
			await runWrites(box, {
				scenario,
				route,
				node: {
					parameters: {
						resource: 'dspmCase',
						case: { __rl: true, mode: 'id', value: '={{ $json.caseId }}' },
						...parameters,
					},
				},
				input: (n) => ({ caseId: ids[n] }),
				keyOf: (n) => ids[n],
				storedCount: (id) => cases.writesTo(id),
			});
		},
	);

	test('DSPM Case > Bulk Update with its answer lost: reported "may have happened", each case changed once', async () => {
		const box = await useSandbox({ cases: 60 });
		const cases = box.store.model(casesApi);
		const policy = 'Passwords';
		const ofPolicy = cases.cases.filter((item) => item.policyName === policy);
		const route = 'PATCH /api/v1/actionable-insights/cases:updateCases';
		box.faults.configure(FAULT_MATRIX);
		box.faults.inject({ route, kind: 'drop', afterHandling: true });

		const result = await run([
			{
				parameters: {
					resource: 'dspmCase',
					operation: 'bulkUpdate',
					policyNames: policy,
					field: 'assignee',
					assignee: 'bulk.owner@acme.test',
					auditReason: 'Reliability',
					maxCases: 100,
				},
				continueOnFail: true,
			},
		]);

		expect(result.error).toBeUndefined();
		expect(
			`${String(result.items[0].json.error)} ${String(result.items[0].json.description)}`,
		).toMatch(MAY_HAVE_HAPPENED);
		expect(box.stats.writes[route]).toBe(1);
		expect(ofPolicy.map((item) => cases.writesTo(item._id))).toEqual(ofPolicy.map(() => 1));
		expect(ofPolicy.every((item) => item.assignee === 'bulk.owner@acme.test')).toBe(true);
	});
});

/** Polls until a poll reports no error: a poll the faults defeat changes nothing. */
async function untilPolled(poll: () => Promise<{ error?: Error }>) {
	for (let tries = 0; tries < 5; tries++) {
		if ((await poll()).error === undefined) return;
	}
	throw new Error('five polls in a row failed');
}

/** A poll that fails whole (every retry answered 500): nothing is saved, the next one catches up. */
const defeatNextPoll = (box: Sandbox, route: string) =>
	box.faults.inject({ route, kind: '500', times: MAX_ATTEMPTS });

describe('fault matrix: the trigger emits every change exactly once', () => {
	const pollUntilSuccess = async (trigger: PollHarness) => await untilPolled(() => trigger.poll());

	/**
	 * An active trigger under the fault matrix. n8n 2.x commits no cursor after the activation
	 * poll, so the first scheduled poll takes the baseline: changes start after it. A poll the
	 * faults defeat is simply run again.
	 */
	async function activeTrigger(
		box: Sandbox,
		parameters: INodeParameters,
		saveModel: SaveModel = 'durableCursor',
	) {
		const trigger = new PollHarness({ credentials, parameters, saveModel });
		box.faults.configure(FAULT_MATRIX);
		const mark = logMark();
		await untilPolled(() => trigger.activate());
		await pollUntilSuccess(trigger);
		expect(trigger.executions).toEqual([]);
		return { trigger, mark };
	}

	/** Every expected event was emitted once, and nothing else; the row goes to the report. */
	function expectExactlyOnce(
		{ trigger, mark }: Awaited<ReturnType<typeof activeTrigger>>,
		box: Sandbox,
		expected: string[],
		scenario: string,
	) {
		const emitted = trigger.executions.flat();
		for (const item of emitted) watchText(JSON.stringify(item));
		for (const error of trigger.errors) watch({ items: [], error });
		const keys = emitted.map(eventKeyOf);
		expect(trigger.errors.length).toBeGreaterThanOrEqual(1);
		expect([...keys].sort()).toEqual([...expected].sort());
		expect(duplicatesIn(emitted.map((item) => item.eventId))).toBe(0);
		record(
			{
				scenario,
				expected: expected.length,
				got: new Set(keys).size,
				duplicates: duplicatesIn(keys),
				note: `polls that failed whole and were caught up: ${trigger.errors.length}`,
			},
			box,
			mark,
		);
	}

	test('user events among 10,000 users, over 7 polls with changes between them, one poll failing whole', async () => {
		const box = await useSandbox({ users: 10_000 });
		const active = await activeTrigger(box, {
			events: [...USER_EVENTS],
			userOptions: { pageSize: 1000 },
		});

		const expected: string[] = [];
		const users = box.store.users;
		let next = 1;
		const pick = () => users[(next++ * 97) % users.length];
		for (let round = 0; round < 5; round++) {
			const created = box.store.createUser({
				name: `trigger.new.${round}`,
				email: `trigger.new.${round}@acme.test`,
				role: 'Viewer',
			});
			expected.push(`userCreated ${created.id}`);
			const renamed = pick();
			box.store.updateUser(renamed.id, { lastName: `Renamed${round}` });
			expected.push(`userUpdated ${renamed.id}`);
			const promoted = pick();
			box.store.updateUser(promoted.id, {
				role: promoted.role === 'Auditor' ? 'Viewer' : 'Auditor',
			});
			expected.push(`userRoleChanged ${promoted.id}`);
			const toggled = pick();
			const wasEnabled = toggled.isEnabled !== false;
			box.store.updateUser(toggled.id, { isEnabled: !wasEnabled });
			expected.push(`${wasEnabled ? 'userDisabled' : 'userEnabled'} ${toggled.id}`);
			const removed = pick();
			box.store.deleteUser(removed.id);
			expected.push(`userDeleted ${removed.id}`);
			box.store.touchLogin(pick().id);
			if (round === 2) defeatNextPoll(box, 'GET /api/v1/users');
			await pollUntilSuccess(active.trigger);
		}
		await pollUntilSuccess(active.trigger);

		expectExactlyOnce(active, box, expected, 'Trigger: user events (10,000 users)');
	});

	test.each<SaveModel>([...SAVE_MODELS])(
		'finished scans, over 15 polls while scans start and finish, one poll failing whole (state saved as in %s)',
		async (saveModel) => {
			const scanDurationMs = 60_000;
			const box = await useSandbox({ parentScans: 500, scanDurationMs });
			const active = await activeTrigger(box, { events: ['scanFinished'] }, saveModel);

			const expected: string[] = [];
			const running: string[] = [];
			const profile = box.store.findScanProfileByName('Daily Marketing Scan')!;
			for (let round = 0; round < 12; round++) {
				for (const state of ['Completed', 'Failed', 'CompletedWithErrors']) {
					expected.push(`scanFinished ${box.store.createFinishedParentScan({ state })._id}`);
				}
				running.push(box.store.startScan(profile._id)!._id);
				if (round % 4 === 2) {
					// The scans started so far finish between two polls.
					box.store.advanceClock(scanDurationMs);
					expected.push(...running.splice(0).map((id) => `scanFinished ${id}`));
				}
				if (round === 6) defeatNextPoll(box, 'GET /api/v1/scans/parent-scans');
				await pollUntilSuccess(active.trigger);
			}
			box.store.advanceClock(scanDurationMs);
			expected.push(...running.map((id) => `scanFinished ${id}`));
			await pollUntilSuccess(active.trigger);

			expectExactlyOnce(
				active,
				box,
				expected,
				`Trigger: scan finished (500 history, ${saveModel})`,
			);
		},
	);
});

describe('fault matrix: DSPM case events are emitted exactly once', () => {
	test.each<SaveModel>([...SAVE_MODELS])(
		'cases opened and statuses changed twice between polls among 2,000 cases, one poll failing whole (state saved as in %s)',
		async (saveModel) => {
			const box = await useSandbox({ cases: 2000 });
			const cases = box.store.model(casesApi);
			const trigger = new PollHarness({
				credentials,
				parameters: { events: ['caseCreated', 'caseStatusChanged'] },
				saveModel,
			});
			box.faults.configure(FAULT_MATRIX);
			const mark = logMark();
			await untilPolled(() => trigger.activate());
			await untilPolled(() => trigger.poll());
			expect(trigger.executions).toEqual([]);

			const expected: string[] = [];
			const source = box.store.dataSources.find((candidate) => candidate.type === 's3')!;
			let picked = 0;
			for (let round = 0; round < 10; round++) {
				expected.push(`caseCreated ${cases.open('Passwords', source.name)._id}`);
				for (let change = 0; change < 3; change++) {
					const target = cases.cases[(++picked * 37) % 1000];
					const [first, second] = CASE_STATUSES.filter((status) => status !== target.caseStatus);
					for (const status of [first, second]) {
						cases.setStatus(target._id, status);
						expected.push(`caseStatusChanged ${target._id} ${status}`);
					}
				}
				if (round === 5) defeatNextPoll(box, 'GET /api/v1/actionable-insights/all-cases');
				await untilPolled(() => trigger.poll());
			}
			await untilPolled(() => trigger.poll());

			const emitted = trigger.executions.flat();
			for (const item of emitted) watchText(JSON.stringify(item));
			const keys = emitted.map((item) => {
				const status = (item.changes as Record<string, IDataObject> | undefined)?.status;
				return `${String(item.event)} ${String((item.case as IDataObject).id)}${status ? ` ${String(status.new)}` : ''}`;
			});
			expect(trigger.errors.length).toBeGreaterThanOrEqual(1);
			expect([...keys].sort()).toEqual([...expected].sort());
			expect(duplicatesIn(emitted.map((item) => item.eventId))).toBe(0);
			record(
				{
					scenario: `Trigger: DSPM case events (2,000 cases, ${saveModel})`,
					expected: expected.length,
					got: new Set(keys).size,
					duplicates: duplicatesIn(keys),
					note: `polls that failed whole and were caught up: ${trigger.errors.length}`,
				},
				box,
				mark,
			);
		},
	);
});

/** The audit line an output entry was read from: BigID's bracketed fields, or the line kept raw. */
const AUDIT_FIELDS = ['timestamp', 'user', 'ip', 'action', 'endpoint', 'resource', 'userAgent'];
const auditLineFrom = (entry: IDataObject) =>
	typeof entry.raw === 'string'
		? entry.raw
		: AUDIT_FIELDS.map((field) => `[${String(entry[field])}]`).join(' ');
const isUnparseable = (line: string) => !line.startsWith('[');

/** How many of `lines` are more than `reference` holds (the same line may rightly occur twice). */
function beyond(lines: string[], reference: string[]): number {
	const left = new Map<string, number>();
	for (const line of reference) left.set(line, (left.get(line) ?? 0) + 1);
	let extra = 0;
	for (const line of lines) {
		const count = left.get(line) ?? 0;
		if (count === 0) extra++;
		else left.set(line, count - 1);
	}
	return extra;
}

/** The output items of each input item, in input order. */
const outputsPerInput = (items: INodeExecutionData[], inputs: number) =>
	Array.from({ length: inputs }, (_, index) =>
		items.filter((item) => (item.pairedItem as { item: number }).item === index),
	);

const numberedInputs = (count: number, input: (n: number) => IDataObject = () => ({})) =>
	Array.from({ length: count }, (_, n) => ({ n, ...input(n) }));

/** An audited user change, told apart from every other by its number. */
const userChange = (n: number) => ({
	user: 'admin',
	ip: '10.0.0.9',
	action: n % 3 === 0 ? 'delete_user' : 'update_user',
	endpoint: `/api/v1/users/u${n}`,
	resource: `u${n}`,
	userAgent: 'BigID UI',
});

describe('fault matrix: reads answer whole or fail clearly', () => {
	const READS = 30;

	test('Audit Log > Get Many: 30 reads of the log, each with every line once, unparseable lines kept', async () => {
		// API token sessions: a new session is not audited, so every read sees the same log.
		const box = await useSandbox({}, { authMode: 'apiToken' });
		const auditLog = box.store.model(auditLogApi);
		for (let n = 0; n < 600; n++) auditLog.record(userChange(n));
		const lines = auditLog.text.split('\n').filter((line) => line !== '');
		const unparseable = lines.filter(isUnparseable).length;
		expect(unparseable).toBe(15);
		box.faults.configure(FAULT_MATRIX);
		const mark = logMark();

		const result = await run(
			[{ parameters: { resource: 'auditLog', operation: 'getMany', returnAll: true } }],
			numberedInputs(READS),
		);

		expect(result.error).toBeUndefined();
		const reads = outputsPerInput(result.items, READS).map((items) =>
			items.map((item) => auditLineFrom(item.json)),
		);
		for (const read of reads) expect(read).toEqual(lines);
		const faults = Object.values(box.stats.faults).reduce((sum, count) => sum + count, 0);
		expect(faults).toBeGreaterThan(1);
		record(
			{
				scenario: `Audit Log > Get Many (${READS} reads of ${lines.length} lines, API token)`,
				expected: READS * lines.length,
				got: reads.reduce((sum, read) => sum + read.length - beyond(read, lines), 0),
				duplicates: reads.reduce((sum, read) => sum + beyond(read, lines), 0),
				note: `${unparseable} unparseable lines kept in each read; ${faults} faults, ${box.stats.rejectedAuth} revoked-session 401s`,
			},
			box,
			mark,
		);
	});

	interface DsarRead {
		name: string;
		operation: string;
		route: string;
		parameters?: INodeParameters;
		input?: (n: number) => IDataObject;
		expected: (n: number) => IDataObject[];
	}

	/**
	 * READS input items through a DSAR list under the fault matrix; the first read meets HTML
	 * 502 pages on every attempt, then a blank and a cut-off answer come. Each input item gets
	 * the whole list or one error that says what went wrong, never part of the list.
	 */
	async function readDsarUnderFaults(box: Sandbox, read: DsarRead) {
		box.faults.configure(FAULT_MATRIX);
		box.faults.inject({ route: read.route, kind: 'html-502', times: MAX_ATTEMPTS });
		box.faults.inject({ route: read.route, kind: 'empty-body' });
		box.faults.inject({ route: read.route, kind: 'malformed-json' });
		const mark = logMark();

		const result = await run(
			[
				{
					parameters: { resource: 'dsar', operation: read.operation, ...read.parameters },
					continueOnFail: true,
				},
			],
			numberedInputs(READS, read.input),
		);

		expect(result.error).toBeUndefined();
		let complete = 0;
		let failed = 0;
		let answered = 0;
		outputsPerInput(result.items, READS).forEach((items, n) => {
			const [first] = items;
			if (first?.json.error !== undefined) {
				failed++;
				expect(items).toHaveLength(1);
				expect(String(first.json.error)).toMatch(/BigID/);
				return;
			}
			complete++;
			answered += items.length;
			expect(items.map((item) => item.json)).toEqual(
				read.expected(n).map((entry) => expect.objectContaining(entry)),
			);
		});
		expect(failed).toBeGreaterThanOrEqual(1);
		record(
			{
				scenario: `DSAR > ${read.name} (${READS} reads)`,
				expected: READS,
				got: complete,
				duplicates: 0,
				note: `${answered} entries in ${complete} whole answers; ${failed} clear errors, 0 partial`,
			},
			box,
			mark,
		);
	}

	test('DSAR > Get Profiles: every read the whole list, or a clear error', async () => {
		const box = await useSandbox();
		const { profiles } = box.store.model(dsarApi);
		await readDsarUnderFaults(box, {
			name: 'Get Profiles',
			operation: 'getProfiles',
			route: 'GET /api/v1/sar/profiles',
			expected: () => profiles.map((profile) => ({ ...profile })),
		});
	});

	test('DSAR > Get Attributes: every read the whole list of its profile, or a clear error', async () => {
		const box = await useSandbox();
		const dsar = box.store.model(dsarApi);
		const profileOf = (n: number) => dsar.profiles[n % dsar.profiles.length]._id;
		await readDsarUnderFaults(box, {
			name: 'Get Attributes',
			operation: 'getAttributes',
			route: 'GET /api/v1/sar/attributes',
			parameters: { profile: byId('={{ $json.profileId }}') },
			input: (n) => ({ profileId: profileOf(n) }),
			expected: (n) => dsar.attributesOf(profileOf(n))!.map((attribute) => ({ ...attribute })),
		});
	});
});

describe('fault matrix: audit log entries are emitted exactly once', () => {
	const AUDIT_ROUTE = 'GET /api/v1/audit-log';
	const ROUNDS = 16;

	test.each<SaveModel>([...SAVE_MODELS])(
		'audit lines over 17 polls, the log rotated and truncated between them, one poll failing whole (state saved as in %s)',
		async (saveModel) => {
			const box = await useSandbox({ users: 5 });
			const auditLog = box.store.model(auditLogApi);
			const trigger = new PollHarness({
				credentials,
				parameters: { events: ['auditLogEntry'] },
				saveModel,
			});
			box.faults.configure(FAULT_MATRIX);
			const mark = logMark();
			await untilPolled(() => trigger.activate());
			await untilPolled(() => trigger.poll());
			const executionsBefore = trigger.executions.length;
			// Every line written from here on: the test's events, the writer's unparseable lines, and
			// the logins of the trigger's own new sessions.
			const appended: string[] = [];
			const append = auditLog.append.bind(auditLog);
			auditLog.append = (line) => {
				appended.push(line);
				append(line);
			};
			let events = 0;
			const write = (count: number) => {
				for (let index = 0; index < count; index++) auditLog.record(userChange(events++));
			};
			/** How many lines were written since the last poll that read the log. */
			let readUpTo = 0;
			const pollAndCatchUp = async () => {
				await untilPolled(() => trigger.poll());
				readUpTo = appended.length;
			};

			for (let round = 0; round < ROUNDS; round++) {
				write(12);
				if (round === 6) {
					defeatNextPoll(box, AUDIT_ROUTE);
					expect((await trigger.poll()).error).toBeDefined();
					// More lines, then a rotation keeps only the unread ones and the last line read:
					// the place the cursor saved is gone.
					write(12);
					auditLog.rotate(appended.length - readUpTo + 1);
				}
				await pollAndCatchUp();
				// Between polls: rotations that keep the saved place, one that drops it, a truncation.
				if (round % 4 === 1) auditLog.rotate(3);
				if (round === 9) auditLog.rotate(1);
				if (round === 11) auditLog.truncate();
			}
			write(5);
			await pollAndCatchUp();

			const emitted = trigger.executions.slice(executionsBefore).flat();
			for (const item of emitted) watchText(JSON.stringify(item));
			for (const error of trigger.errors) watch({ items: [], error });
			const lines = emitted.map((item) => auditLineFrom(item.entry as IDataObject));
			expect(trigger.errors.length).toBeGreaterThanOrEqual(1);
			expect(lines).toEqual(appended);
			const unparseable = appended.filter(isUnparseable).length;
			const logins = appended.filter((line) => line.includes('[login]')).length;
			expect(unparseable).toBeGreaterThanOrEqual(4);
			expect(duplicatesIn(emitted.map((item) => item.eventId))).toBe(0);
			record(
				{
					scenario: `Trigger: Audit Log Entry (rotation, truncation, ${saveModel})`,
					expected: appended.length,
					got: appended.length - beyond(appended, lines),
					duplicates: beyond(lines, appended),
					note: `${events} events + ${unparseable} unparseable + ${logins} login lines; polls that failed whole: ${trigger.errors.length}`,
				},
				box,
				mark,
			);
		},
	);
});

describe('concurrency: one credential, an expired session, 50 executions at once', () => {
	test('50 Get Many users workflows (1,000 users each) all succeed, sharing one new login', async () => {
		const box = await useSandbox({ users: 1000 });
		const getManyUsers = [
			{ parameters: { resource: 'user', operation: 'getMany', returnAll: true } },
		];
		await run([{ parameters: { resource: 'role', operation: 'getMany', returnAll: true } }]);
		box.revokeAllTokens();
		// Slow answers keep all 50 executions in flight together.
		box.faults.configure({ latencyMs: [20, 40] });
		const mark = logMark();

		const results = await Promise.all(
			Array.from({ length: 50 }, async () => await run(getManyUsers)),
		);

		expect(results.filter((result) => result.error !== undefined)).toEqual([]);
		const counts = results.map((result) => new Set(result.items.map((item) => item.json.id)).size);
		expect(counts).toEqual(Array(50).fill(1000));
		// 1 login before the sessions expired, then 1 new login that all 50 executions share.
		expect(box.stats.logins).toBe(2);
		expect(box.stats.rejectedAuth).toBe(50);
		record(
			{
				scenario: '50 concurrent Get Many users',
				expected: 50 * 1000,
				got: counts.reduce((sum, count) => sum + count, 0),
				duplicates: results.reduce(
					(sum, result) => sum + duplicatesIn(result.items.map((item) => item.json.id)),
					0,
				),
				note: '1 initial login + 1 shared new login after 50 x 401',
			},
			box,
			mark,
		);
	});
});

describe('secrets', () => {
	test('no password, API token or session token in any output, error or log line of the scenarios above', () => {
		const scan = scanForLeaks();
		expect(scan.leaks).toEqual([]);
		// The scan looked at something: every scenario's outputs, many tokens, many log lines.
		expect(scan.texts).toBeGreaterThanOrEqual(9);
		expect(scan.secrets).toBeGreaterThan(20);
		expect(scan.logLines).toBeGreaterThan(100);
		report.push({
			scenario: `Secret scan: ${scan.secrets} secrets`,
			expected: 0,
			got: scan.leaks.length,
			duplicates: 0,
			retries: 0,
			logins: 0,
			requests: 0,
			note: `${scan.texts} outputs/errors, ${scan.logLines} log lines searched`,
		});
	});
});

afterAll(() => {
	const columns: Array<[keyof ReportRow, string]> = [
		['scenario', 'Scenario'],
		['expected', 'Expected'],
		['got', 'Got'],
		['duplicates', 'Dup'],
		['retries', 'Retries'],
		['logins', 'Logins'],
		['requests', 'Requests'],
		['note', 'Note'],
	];
	const widths = columns.map(([key, title]) =>
		Math.max(title.length, ...report.map((row) => String(row[key]).length)),
	);
	const line = (cells: string[]) =>
		`| ${cells.map((cell, index) => cell.padEnd(widths[index])).join(' | ')} |`;
	const table = [
		line(columns.map(([, title]) => title)),
		line(widths.map((width) => '-'.repeat(width))),
		...report.map((row) => line(columns.map(([key]) => String(row[key])))),
	].join('\n');
	process.stdout.write(
		`\nReliability fault matrix (revoke every 7, 5% 429 (half Retry-After), 2% HTML 502 with 200, 2% 500, 1% drops, 0-200 ms latency)\n${table}\n` +
			"Retries: the transport's own retries plus requests repeated by n8n after a 401 (new login).\n",
	);
	const directory = join(__dirname, '..', '..', 'bench-results');
	mkdirSync(directory, { recursive: true });
	writeFileSync(
		join(directory, 'reliability.json'),
		`${JSON.stringify({ faultMatrix: FAULT_MATRIX, rows: report }, null, 2)}\n`,
	);
});
