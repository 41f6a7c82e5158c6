import type { IDataObject } from 'n8n-workflow';

import { auditLogApi } from '../../sandbox/entities/auditLog/routes';
import { runWorkflow } from '../harness/engine';
import { PollHarness, TRIGGER_NODE_NAME, TRIGGER_NODE_TYPE } from '../harness/poll';
import { useSandboxSession } from '../harness/sandbox';
import type { SaveModel } from '../harness/staticData';
import { deliveriesAfterCrash, SAVE_MODELS } from '../harness/staticData';

const AUDIT_ROUTE = 'GET /api/v1/audit-log';
const WATCHED = { events: ['auditLogEntry'], auditOptions: { actions: 'login_failed, *user*' } };

const session = useSandboxSession({ users: 5 });
const auditLog = () => session.sandbox.store.model(auditLogApi);

let attempts = 0;
/** A real failed login through the sandbox's HTTP API, audited as BigID would. */
async function failLogin(): Promise<string> {
	const username = `intruder-${++attempts}`;
	await fetch(`${session.sandbox.url}/api/v1/sessions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: 'wrong' }),
	});
	return username;
}

function recordUserChange(user: string) {
	auditLog().record({
		user: 'admin',
		ip: '10.0.0.9',
		action: 'update_user',
		endpoint: `/api/v1/users/${user}`,
		resource: user,
		userAgent: 'BigID UI',
	});
}

const usersOf = (items: IDataObject[] | null) =>
	(items ?? []).map((item) => {
		const entry = item.entry as IDataObject;
		return `${String(entry.action)} ${String(entry.resource)}`;
	});

describe('BigID Trigger: Audit Log Entry, Fetch Test Event', () => {
	it('shows the newest line that passes the filters and leaves the state alone', async () => {
		const intruder = await failLogin();
		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: [{ name: TRIGGER_NODE_NAME, type: TRIGGER_NODE_TYPE, parameters: WATCHED }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				event: 'auditLogEntry',
				eventId: expect.any(String),
				entry: expect.objectContaining({ action: 'login_failed', user: intruder }),
			}),
		]);
		expect(result.workflow.staticData).toEqual({});
	});
});

describe.each<SaveModel>([...SAVE_MODELS])(
	'BigID Trigger: Audit Log Entry, state saved as in %s',
	(saveModel) => {
		const harness = () =>
			new PollHarness({ credentials: session.credentials, parameters: WATCHED, saveModel });

		it('emits each new line once through rotation, truncation and restarts, and nothing that existed before', async () => {
			await failLogin();
			const trigger = harness();
			expect(await trigger.activate()).toEqual({ items: null });
			expect(await trigger.poll()).toEqual({ items: null });

			const first = [await failLogin(), await failLogin()];
			expect(usersOf((await trigger.poll()).items)).toEqual(
				first.map((user) => `login_failed ${user}`),
			);

			// The log rotates down to two lines: the place the cursor saved is gone.
			recordUserChange('u1');
			auditLog().append('audit writer: flushed 40 events');
			recordUserChange('u2');
			auditLog().rotate(2);
			expect(usersOf((await trigger.poll()).items)).toEqual(['update_user u2']);

			const beforeRestart = await failLogin();
			expect(usersOf((await trigger.restart()).items)).toEqual([`login_failed ${beforeRestart}`]);
			await trigger.poll();

			// Truncated, then written again.
			auditLog().truncate();
			expect((await trigger.poll()).items).toBeNull();
			const afterTruncation = await failLogin();
			recordUserChange('u3');
			expect(usersOf((await trigger.poll()).items)).toEqual([
				`login_failed ${afterTruncation}`,
				'update_user u3',
			]);
			expect(await trigger.poll()).toEqual({ items: null });

			const delivered = trigger.executions.flat().map((item) => item.eventId);
			expect(delivered).toHaveLength(6);
			expect(new Set(delivered).size).toBe(6);
			expect(trigger.errors).toEqual([]);
		});

		it('after a crash between emit and save, delivers again with the same eventId', async () => {
			const trigger = harness();
			await trigger.activate();
			await trigger.poll();
			await failLogin();
			expect((await trigger.poll()).items).toHaveLength(1);
			const intruder = await failLogin();
			await trigger.crashBetweenEmitAndSave();
			const deliveries = trigger.executions
				.flat()
				.filter((item) => (item.entry as IDataObject).user === intruder);
			expect(deliveries).toHaveLength(deliveriesAfterCrash(saveModel));
			expect(new Set(deliveries.map((item) => item.eventId)).size).toBe(1);
		});
	},
);

describe('BigID Trigger: Audit Log Entry, reading the log', () => {
	it('reads the log once per poll and saves a small cursor', async () => {
		const trigger = new PollHarness({
			credentials: session.credentials,
			parameters: { events: ['auditLogEntry'] },
			saveModel: 'emitAndActivation',
		});
		await trigger.activate();
		for (let index = 0; index < 300; index++) recordUserChange(`bulk-${index}`);
		const { items } = await trigger.poll();
		// Every line, the unparseable ones the writer adds among them.
		expect(items!.length).toBeGreaterThanOrEqual(300);
		expect(items!.filter((item) => (item.entry as IDataObject).raw !== undefined).length).toBe(
			items!.length - 300,
		);
		expect(session.sandbox.stats.byRoute[AUDIT_ROUTE]).toBe(2);
		expect(JSON.stringify(trigger.savedState).length).toBeLessThan(400);
	});
});
