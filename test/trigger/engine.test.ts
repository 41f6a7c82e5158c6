import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	DEFAULT_TERMINAL_STATES,
	isScanFinished,
	isScanSucceeded,
	terminalStateKeysOf,
} from '../../nodes/BigId/model/scan';
import type { ScanOutcome } from '../../nodes/BigId/trigger/events';
import { USER_EVENTS } from '../../nodes/BigId/trigger/user/events';
import type { Sandbox, SandboxOptions } from '../../sandbox';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { runWorkflow } from '../harness/engine';
import { eventKeyOf, PollHarness, TRIGGER_NODE_NAME, TRIGGER_NODE_TYPE } from '../harness/poll';
import { everythingVisible, requestsTo, startSandboxSession } from '../harness/sandbox';
import type { SaveModel } from '../harness/staticData';
import { deliveriesAfterCrash, SAVE_MODELS } from '../harness/staticData';

const SCANS_ROUTE = 'GET /api/v1/scans/parent-scans';
const USERS_ROUTE = 'GET /api/v1/users';
const USER_ROUTE = 'GET /api/v1/users/:id';
const HOUR_MS = 3600 * 1000;
const ALL_EVENTS = ['scanFinished', ...USER_EVENTS];
const USER_EVENT_NAMES = [...USER_EVENTS];

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;

async function useSandbox(options: SandboxOptions = {}) {
	({ sandbox, credentials } = await startSandboxSession({ scanDurationMs: HOUR_MS, ...options }));
}
afterEach(async () => await sandbox?.close());

function harness(parameters: INodeParameters, saveModel: SaveModel = 'emitAndActivation') {
	return new PollHarness({ credentials, parameters, saveModel });
}

const eventsOf = (items: IDataObject[] | null) => (items ?? []).map(eventKeyOf);
const someUser = (index = 0) => sandbox.store.users[index];
const otherRole = (role: unknown) => (role === 'Auditor' ? 'Viewer' : 'Auditor');

describe('BigID Trigger: Fetch Test Event (manual mode)', () => {
	beforeEach(async () => await useSandbox());

	it('returns the newest finished scan and the newest user, and leaves the state alone', async () => {
		const scan = sandbox.store.createFinishedParentScan({ state: 'Failed' });
		const user = sandbox.store.createUser({
			name: 'newest',
			email: 'newest@acme.test',
			role: 'Viewer',
		});
		const result = await runWorkflow({
			credentials,
			nodes: [
				{ name: TRIGGER_NODE_NAME, type: TRIGGER_NODE_TYPE, parameters: { events: ALL_EVENTS } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.event)).toEqual(
			expect.arrayContaining(['scanFinished', 'userCreated']),
		);
		const byEvent = Object.fromEntries(result.items.map((item) => [item.json.event, item.json]));
		expect(byEvent.scanFinished).toMatchObject({
			outcome: 'failed',
			scan: { id: scan._id, state: 'Failed' },
		});
		expect(byEvent.userCreated).toMatchObject({ user: { id: user.id, name: 'newest' } });
		expect(result.workflow.staticData).toEqual({});
		expect(everythingVisible(result)).not.toContain(sandbox.options.password);
	});
});

describe('BigID Trigger: production polls through n8n-core', () => {
	it('records a baseline at activation and emits nothing that already existed', async () => {
		await useSandbox({ users: 40, parentScans: 30 });
		const trigger = harness({ events: ALL_EVENTS });
		const activation = await trigger.activate();
		expect(activation).toEqual({ items: null });
		expect(requestsTo(sandbox, SCANS_ROUTE)).toBe(1);
		expect(trigger.savedState).toMatchObject({
			users: { generation: 0 },
			scans: { boundary: expect.any(Array) },
		});
		expect(await trigger.poll()).toEqual({ items: null });
		expect(trigger.executions).toEqual([]);
	});

	it('emits each kind of user event once, never a login, with old and new values', async () => {
		await useSandbox({ users: 10 });
		const trigger = harness({
			events: USER_EVENT_NAMES,
			userOptions: { keepPreviousValues: true },
		});
		await trigger.activate();
		const [updated, promoted, disabled, reenabled, removed, loggedIn] = sandbox.store.users.slice(
			0,
			6,
		);
		sandbox.store.updateUser(reenabled.id, { isEnabled: false });
		await trigger.poll();
		const oldRole = promoted.role;
		const oldEmail = updated.email;
		const created = sandbox.store.createUser({
			name: 'fresh',
			email: 'fresh@acme.test',
			role: 'Viewer',
		});
		sandbox.store.updateUser(updated.id, { email: 'changed@acme.test' });
		sandbox.store.updateUser(promoted.id, { role: otherRole(oldRole) });
		sandbox.store.updateUser(disabled.id, { isEnabled: false });
		sandbox.store.updateUser(reenabled.id, { isEnabled: true });
		sandbox.store.deleteUser(removed.id);
		sandbox.store.touchLogin(loggedIn.id);
		const { items } = await trigger.poll();
		expect(eventsOf(items).sort()).toEqual(
			[
				`userCreated ${created.id}`,
				`userUpdated ${updated.id}`,
				`userRoleChanged ${promoted.id}`,
				`userDisabled ${disabled.id}`,
				`userEnabled ${reenabled.id}`,
				`userDeleted ${removed.id}`,
			].sort(),
		);
		const byEvent = Object.fromEntries(items!.map((item) => [item.event, item]));
		expect(byEvent.userUpdated).toMatchObject({
			changedFields: ['email'],
			changes: { email: { old: oldEmail, new: 'changed@acme.test' } },
		});
		expect(byEvent.userRoleChanged.changes).toEqual({
			role: { old: oldRole, new: otherRole(oldRole) },
		});
		expect(byEvent.userDisabled.changes).toEqual({ isEnabled: { old: true, new: false } });
		expect(byEvent.userEnabled.changes).toEqual({ isEnabled: { old: false, new: true } });
		expect(byEvent.userDeleted.user).toMatchObject({ id: removed.id, name: removed.name });
		const times = items!.map((item) => Date.parse(String(item.occurredAt)));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		// The deletion was confirmed with the user's own endpoint before it was emitted.
		expect(requestsTo(sandbox, USER_ROUTE)).toBe(1);
		sandbox.store.touchLogin(loggedIn.id);
		expect(await trigger.poll()).toEqual({ items: null });
	});

	it('emits scans that finish while others still run, each once, and filters them', async () => {
		await useSandbox({ parentScans: 20 });
		const trigger = harness({ events: ['scanFinished'], scanOptions: { outcome: 'any' } });
		await trigger.activate();
		const profile = sandbox.store.scanProfiles[0];
		const longRunning = sandbox.store.startScan(profile._id)!;
		sandbox.store.advanceClock(HOUR_MS / 2);
		const quick = sandbox.store.createFinishedParentScan({
			state: 'CompletedWithErrors',
			durationMs: 1000,
		});
		const first = await trigger.poll();
		expect(eventsOf(first.items)).toEqual([`scanFinished ${quick._id}`]);
		expect(first.items![0]).toMatchObject({
			outcome: 'failed',
			scan: { state: 'CompletedWithErrors' },
		});
		expect(await trigger.poll()).toEqual({ items: null });
		sandbox.store.advanceClock(HOUR_MS);
		const second = await trigger.poll();
		expect(eventsOf(second.items)).toEqual([`scanFinished ${longRunning._id}`]);
		expect(await trigger.poll()).toEqual({ items: null });

		const succeededOnly = harness({
			events: ['scanFinished'],
			scanOptions: { outcome: 'succeeded', scanProfileNames: profile.name.toUpperCase() },
		});
		await succeededOnly.activate();
		sandbox.store.createFinishedParentScan({ state: 'Aborted', scanProfileId: profile._id });
		const done = sandbox.store.createFinishedParentScan({
			state: 'Completed',
			scanProfileId: profile._id,
		});
		const other = sandbox.store.scanProfiles.find((candidate) => candidate._id !== profile._id)!;
		sandbox.store.createFinishedParentScan({ state: 'Completed', scanProfileId: other._id });
		expect(eventsOf((await succeededOnly.poll()).items)).toEqual([`scanFinished ${done._id}`]);
	});

	it('makes exactly one scan request when nothing happened, whatever the history size', async () => {
		await useSandbox({ parentScans: 2000 });
		const trigger = harness({ events: ['scanFinished'] });
		await trigger.activate();
		sandbox.store.createFinishedParentScan();
		await trigger.poll();
		sandbox.resetStats();
		for (let poll = 0; poll < 3; poll++) expect(await trigger.poll()).toEqual({ items: null });
		expect(requestsTo(sandbox, SCANS_ROUTE)).toBe(3);
		expect(sandbox.stats.requests).toBe(3);
	});

	it('finds 50 changes among 10,000 users, with a page-count of requests', async () => {
		await useSandbox({ users: 10_000 });
		const trigger = harness({ events: USER_EVENT_NAMES, userOptions: { pageSize: 1000 } });
		await trigger.activate();
		const bytesPerUser =
			JSON.stringify(trigger.savedState.users).length / sandbox.store.users.length;
		expect(bytesPerUser).toBeLessThanOrEqual(40);
		const users = sandbox.store.users;
		const expected: string[] = [];
		for (let index = 0; index < 50; index++) {
			const user = users[index * 150];
			switch (index % 5) {
				case 0:
					expected.push(
						`userCreated ${sandbox.store.createUser({ name: `bulk-${index}`, email: `bulk-${index}@acme.test`, role: 'Viewer' }).id}`,
					);
					break;
				case 1:
					sandbox.store.updateUser(user.id, { lastName: `Renamed ${index}` });
					expected.push(`userUpdated ${user.id}`);
					break;
				case 2:
					sandbox.store.updateUser(user.id, { role: otherRole(user.role) });
					expected.push(`userRoleChanged ${user.id}`);
					break;
				case 3:
					sandbox.store.updateUser(user.id, { isEnabled: !user.isEnabled });
					expected.push(`${user.isEnabled ? 'userEnabled' : 'userDisabled'} ${user.id}`);
					break;
				default:
					sandbox.store.deleteUser(user.id);
					expected.push(`userDeleted ${user.id}`);
			}
			sandbox.store.touchLogin(users[index * 150 + 1].id);
		}
		sandbox.resetStats();
		const { items } = await trigger.poll();
		expect(eventsOf(items).sort()).toEqual(expected.sort());
		expect(requestsTo(sandbox, USERS_ROUTE)).toBe(10);
		expect(requestsTo(sandbox, USER_ROUTE)).toBe(10);
	});

	it('logs in again when the token expires during the user listing, and loses nothing', async () => {
		await useSandbox({ users: 500 });
		const trigger = harness({ events: USER_EVENT_NAMES, userOptions: { pageSize: 50 } });
		await trigger.activate();
		const changed = someUser(420);
		sandbox.store.updateUser(changed.id, { email: 'late-page@acme.test' });
		sandbox.faults.configure({ revokeEvery: 4 });
		const loginsBefore = credentials.preAuthenticationCalls.length;
		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		expect(eventsOf(items)).toEqual([`userUpdated ${changed.id}`]);
		expect(credentials.preAuthenticationCalls.length).toBeGreaterThan(loginsBefore);
		expect(credentials.preAuthenticationCalls.slice(loginsBefore)).toContainEqual({
			expired: true,
		});
	});

	it('leaves the state untouched when a poll fails, and the next poll catches up', async () => {
		await useSandbox({ users: 30 });
		const trigger = harness({ events: ALL_EVENTS });
		await trigger.activate();
		const before = JSON.stringify(trigger.liveState);
		const created = sandbox.store.createUser({
			name: 'during-outage',
			email: 'o@acme.test',
			role: 'Viewer',
		});
		const finished = sandbox.store.createFinishedParentScan();
		sandbox.faults.inject({ route: USERS_ROUTE, kind: '500', times: 50 });
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/BigID server hit a snag|500/);
		expect(trigger.errors).toHaveLength(1);
		expect(JSON.stringify(trigger.liveState)).toBe(before);
		sandbox.faults.clear();
		const { items } = await trigger.poll();
		expect(eventsOf(items).sort()).toEqual(
			[`scanFinished ${finished._id}`, `userCreated ${created.id}`].sort(),
		);
	});
});

describe('BigID Trigger and the BigID node agree (one model)', () => {
	const REFRESH_TOKEN_VALUE = 'refresh-token-value-never-shown';
	const API_TOKEN_VALUE = 'api-token-value-never-shown';

	async function userGetOutput(id: string): Promise<IDataObject> {
		const result = await runWorkflow({
			credentials,
			nodes: [
				{
					parameters: {
						resource: 'user',
						operation: 'get',
						user: { __rl: true, mode: 'id', value: id },
					},
				},
			],
		});
		expect(result.error).toBeUndefined();
		return result.items[0].json;
	}

	it('emits each user exactly as User > Get outputs it: role names from roleIds, refresh tokens without values, no secrets', async () => {
		await useSandbox({ users: 5, blankSecretFields: true });
		const [viewer, auditor] = ['Viewer', 'Auditor'].map((name) =>
			sandbox.store.findRoleByName(name)!,
		);
		const tokenDetails = { name: 'laptop', expiresAt: '2030-01-01T00:00:00.000Z' };
		const withRoleIds = (name: string, roleIds: string[]) => ({
			name,
			email: `${name}@acme.test`,
			firstName: 'Role',
			lastName: 'Ids',
			roleIds,
			refreshTokens: [{ ...tokenDetails, value: REFRESH_TOKEN_VALUE }],
			token: API_TOKEN_VALUE,
		});
		const promoted = sandbox.store.createUser(withRoleIds('promoted', [viewer._id]));
		const trigger = harness({ events: USER_EVENT_NAMES });
		await trigger.activate();
		sandbox.store.updateUser(promoted.id, { roleIds: [viewer._id, auditor._id] });
		const created = sandbox.store.createUser(withRoleIds('created', [auditor._id, viewer._id]));
		const disabled = someUser(1);
		sandbox.store.updateUser(disabled.id, { isEnabled: false });
		sandbox.resetStats();

		const { items } = await trigger.poll();
		expect(eventsOf(items).sort()).toEqual(
			[
				`userRoleChanged ${promoted.id}`,
				`userCreated ${created.id}`,
				`userDisabled ${disabled.id}`,
			].sort(),
		);
		// The role names of one poll come from one roles listing.
		expect(requestsTo(sandbox, 'GET /api/v1/roles')).toBe(1);
		const byEvent: Record<string, IDataObject> = Object.fromEntries(
			items!.map((item) => [item.event, item.user as IDataObject]),
		);
		expect(byEvent.userRoleChanged).toMatchObject({
			role: 'Viewer, Auditor',
			refreshTokens: [tokenDetails],
		});
		expect(byEvent.userCreated).toMatchObject({ role: 'Auditor, Viewer' });
		for (const user of Object.values(byEvent)) {
			expect(user).not.toHaveProperty('password');
			expect(user).not.toHaveProperty('token');
			expect(user).toEqual(await userGetOutput(String(user.id)));
		}
		const visible = JSON.stringify(items);
		for (const secret of [REFRESH_TOKEN_VALUE, API_TOKEN_VALUE, sandbox.options.password]) {
			expect(visible).not.toContain(secret);
		}
	});

	it('names the roles of a roleIds user in changes.role as in user.role, from the one roles listing', async () => {
		await useSandbox({ users: 5 });
		const [viewer, auditor, admin] = ['Viewer', 'Auditor', 'Admin'].map((name) =>
			sandbox.store.findRoleByName(name)!,
		);
		const promoted = sandbox.store.createUser({
			name: 'promoted',
			email: 'promoted@acme.test',
			roleIds: [viewer._id],
		});
		const trigger = harness({
			events: ['userRoleChanged', 'userUpdated'],
			watchedFields: ['role'],
		});
		await trigger.activate();
		sandbox.store.updateUser(promoted.id, { roleIds: [viewer._id, auditor._id] });
		sandbox.resetStats();

		const first = (await trigger.poll()).items!;
		expect(eventsOf(first)).toEqual([`userRoleChanged ${promoted.id}`]);
		expect(first[0].changes).toEqual({ role: { old: 'Viewer', new: 'Viewer, Auditor' } });
		expect((first[0].user as IDataObject).role).toBe('Viewer, Auditor');
		expect(requestsTo(sandbox, 'GET /api/v1/roles')).toBe(1);

		sandbox.store.updateUser(promoted.id, { roleIds: [admin._id] });
		const second = (await trigger.poll()).items!;
		// No user holds both roles any more and no single role is them: the old value is unknown.
		expect(second[0].changes).toEqual({ role: { new: 'Admin' } });
		expect((second[0].user as IDataObject).role).toBe('Admin');
	});

	it('classifies every spelling of a scan state as model/scan.ts does', async () => {
		await useSandbox({ parentScans: 5 });
		/** What the documented states mean, whichever way a BigID version spells them. */
		const CLASSIFIED: Record<string, ScanOutcome | 'running'> = {
			'Completed With Errors': 'failed',
			completed_with_errors: 'failed',
			CompletedWithErrors: 'failed',
			'COMPLETED WITH ERRORS': 'failed',
			Completed: 'succeeded',
			COMPLETED: 'succeeded',
			failed: 'failed',
			Stopped: 'failed',
			'Awaiting Review': 'running',
		};
		const terminalKeys = terminalStateKeysOf(DEFAULT_TERMINAL_STATES);
		const byModel = (state: string) =>
			isScanFinished(state, terminalKeys)
				? isScanSucceeded(state)
					? 'succeeded'
					: 'failed'
				: 'running';
		const trigger = harness({ events: ['scanFinished'] });
		await trigger.activate();
		const stateOf = new Map(
			Object.keys(CLASSIFIED).map((state) => [
				sandbox.store.createFinishedParentScan({ state })._id,
				state,
			]),
		);
		const { items } = await trigger.poll();
		const byTrigger = Object.fromEntries([...stateOf.values()].map((state) => [state, 'running']));
		for (const item of items ?? []) {
			byTrigger[stateOf.get(String((item.scan as IDataObject).id))!] = String(item.outcome);
		}
		expect(byTrigger).toEqual(CLASSIFIED);
		expect(
			Object.fromEntries(Object.keys(CLASSIFIED).map((state) => [state, byModel(state)])),
		).toEqual(CLASSIFIED);

		// Terminal States configured in another spelling still name the same state.
		const configured = harness({
			events: ['scanFinished'],
			scanOptions: { terminalStates: 'completed with errors' },
		});
		await configured.activate();
		const spellings = [
			'Completed With Errors',
			'completed_with_errors',
			'CompletedWithErrors',
			'Completed',
		];
		const ids = spellings.map((state) => sandbox.store.createFinishedParentScan({ state })._id);
		const { items: emitted } = await configured.poll();
		expect(eventsOf(emitted).sort()).toEqual(
			ids
				.slice(0, 3)
				.map((id) => `scanFinished ${id}`)
				.sort(),
		);
	});
});

describe.each<SaveModel>([...SAVE_MODELS])(
	'BigID Trigger across restarts, state saved as in %s',
	(saveModel) => {
		beforeEach(async () => await useSandbox({ users: 20 }));

		const allDelivered = (trigger: PollHarness) =>
			trigger.executions.flat().map((item) => item.eventId as string);

		it('emits each change once when n8n restarts between and during changes', async () => {
			const trigger = harness({ events: ALL_EVENTS }, saveModel);
			await trigger.activate();
			// The first scheduled poll: with durable cursors the activation poll's baseline was not
			// committed, so this one takes it; nothing that existed is ever emitted.
			expect(await trigger.poll()).toEqual({ items: null });
			const renamed = someUser(1);
			sandbox.store.updateUser(renamed.id, { firstName: 'Before restart' });
			const first = await trigger.poll();
			expect(eventsOf(first.items)).toEqual([`userUpdated ${renamed.id}`]);

			// Logins and a running scan move nothing the trigger emits; then n8n restarts.
			sandbox.store.touchLogin(someUser(2).id);
			sandbox.store.startScan(sandbox.store.scanProfiles[0]._id);
			await trigger.poll();
			const disabled = someUser(3);
			sandbox.store.updateUser(disabled.id, { isEnabled: false });
			const finished = sandbox.store.createFinishedParentScan({ state: 'Stopped' });
			const afterRestart = await trigger.restart();
			expect(eventsOf(afterRestart.items).sort()).toEqual(
				[`userDisabled ${disabled.id}`, `scanFinished ${finished._id}`].sort(),
			);
			await trigger.poll();
			await trigger.restart();
			await trigger.poll();
			sandbox.store.advanceClock(2 * HOUR_MS);
			const late = await trigger.poll();
			expect(late.items?.map((item) => item.event)).toEqual(['scanFinished']);
			const delivered = allDelivered(trigger);
			expect(new Set(delivered).size).toBe(delivered.length);
			expect(delivered).toHaveLength(4);
		});

		it('after a crash between emit and save, delivers again with the same eventId', async () => {
			const trigger = harness({ events: ['userUpdated'] }, saveModel);
			await trigger.activate();
			await trigger.poll();
			sandbox.store.updateUser(someUser(5).id, { lastName: 'Saved' });
			expect((await trigger.poll()).items).toHaveLength(1);
			const user = someUser(4);
			sandbox.store.updateUser(user.id, { lastName: 'Crash' });
			await trigger.crashBetweenEmitAndSave();
			const deliveries = trigger.executions
				.flat()
				.filter((item) => (item.user as IDataObject).id === user.id);
			expect(deliveries).toHaveLength(deliveriesAfterCrash(saveModel));
			expect(new Set(deliveries.map((item) => item.eventId)).size).toBe(1);
		});
	},
);
