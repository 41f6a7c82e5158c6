/**
 * `npm run test:e2e:queue`: the packed n8n-nodes-bigid in n8n 2.41.1 in queue mode (PostgreSQL,
 * Redis, a main and two workers), against a sandbox whose sessions expire every few seconds:
 * webhook executions spread over the workers, the BigID Trigger while BigID changes, a worker
 * killed mid-run, and a 10,000-user tenant; with n8n's legacy poll scheduler and its durable one,
 * whose trigger part also runs in a single process. E2E_QUEUE_SETUPS (queue-legacy,queue-durable,
 * single-durable) and E2E_QUEUE_EXECUTIONS (200) narrow it.
 */
import path from 'path';

import { startSandbox, type Sandbox } from '../sandbox';
import { forSandbox, SANDBOX_CREDENTIAL_ID, sandboxCredentials } from '../scripts/n8n/examples';
import { outputOf, type WorkflowJson } from '../scripts/n8n/instance';
import { startQueueStack, type QueueStack } from '../scripts/n8n/queue';
import { CACHE_DIR, DEFAULT_N8N_VERSION, ensureN8n } from '../scripts/n8n/runtime';
import { LOGIN_FAILURE_MESSAGES } from '../test/harness/loginFailures';
import { AttributingProxy, byRoute, countMatching } from './processAttribution';
import {
	exampleFile,
	expectEveryChangeOnce,
	packedPackage,
	listRolesWith,
	SCAN_AND_USER_EVENTS,
	waitFor as waitUpTo,
	webhookWorkflow,
} from './support';

/** n8n's durable poll scheduler, off in 2.41: all four switches are needed for poll triggers. */
const DURABLE_SCHEDULER: NodeJS.ProcessEnv = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
};
interface Setup {
	title: string;
	/** 0: one n8n process in regular mode on PostgreSQL. */
	workers: number;
	durableScheduler: boolean;
}
const SETUPS: Record<string, Setup> = {
	'queue-legacy': {
		title: 'queue mode with two workers, legacy poll scheduler',
		workers: 2,
		durableScheduler: false,
	},
	'queue-durable': {
		title: 'queue mode with two workers, durable poll scheduler',
		workers: 2,
		durableScheduler: true,
	},
	'single-durable': {
		title: 'a single process, durable poll scheduler',
		workers: 0,
		durableScheduler: true,
	},
};
const setups = (process.env.E2E_QUEUE_SETUPS ?? Object.keys(SETUPS).join(','))
	.split(',')
	.map((name) => name.trim())
	.filter(Boolean);

const EXECUTIONS = Number(process.env.E2E_QUEUE_EXECUTIONS ?? 200);
const IN_FLIGHT = 20;
/** Executions during which a worker is killed. */
const KILL_RUN_EXECUTIONS = Math.max(20, Math.round(EXECUTIONS * 0.3));
/**
 * Sessions expire many times during a run (the sandbox's clock is the wall clock). At 4 s, a
 * single n8n process running 200 executions on 2 busy cores failed some requests with 401 after
 * every retry, in this code and in the code before it alike (a token can be seconds old before a
 * saturated event loop sends it): 8 s still expires sessions several times a run.
 */
const SESSION_TTL_MS = 8000;
const BIG_TENANT_USERS = 10_000;
const BIG_TENANT_PAGE_LATENCY_MS = 20;
const TRIGGER_PAGE_SIZE = 100;
const SETUP_TIMEOUT_MS = 30 * 60_000;
const WAIT_MS = 240_000;

const DEPARTED = exampleFile('03');
const DEPARTED_WEBHOOK = 'webhook/bigid-departed-employee';
const BIG_TENANT_CREDENTIAL_ID = 'BigIdBigTenant01';
/** A credential whose password BigID rejects, used during the big run: at most 1 failed login a process. */
const REJECTED_CREDENTIAL_ID = 'BigIdQueueReject';
const REJECTED_PASSWORD = 'a-password-bigid-rotated-away';
const REJECTED_EXECUTIONS = 40;
const REJECTED_WEBHOOK = 'webhook/bigid-queue-rejected-password';
const REJECTED_WORKFLOW = webhookWorkflow({
	id: 'BigIdQueueReject',
	name: 'E2E queue: a webhook on a rejected password',
	path: 'bigid-queue-rejected-password',
	uuid: (node) => `0d3c9b6e-5f41-4c7a-9e0b-${String(10 + node).padStart(12, '0')}`,
	target: listRolesWith(REJECTED_CREDENTIAL_ID, REJECTED_CREDENTIAL_ID),
});
/** A BigID Trigger workflow polling every minute for `events`. */
function watcher(id: string, nodeId: string, credentialId: string, events: string[]): WorkflowJson {
	return {
		id,
		name: `E2E queue: ${id}`,
		nodes: [
			{
				id: nodeId,
				name: 'BigID Trigger',
				type: 'n8n-nodes-bigid.bigIdTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { events, pollTimes: { item: [{ mode: 'everyMinute' }] } },
				credentials: { bigIdApi: { id: credentialId, name: credentialId } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}
const EVERY_EVENT = watcher(
	'BigIdQueueWatch1',
	'0d3c9b6e-5f41-4c7a-9e0b-000000000001',
	SANDBOX_CREDENTIAL_ID,
	SCAN_AND_USER_EVENTS,
);
const BIG_TENANT_WATCH = watcher(
	'BigIdQueueWatch2',
	'0d3c9b6e-5f41-4c7a-9e0b-000000000002',
	BIG_TENANT_CREDENTIAL_ID,
	['userCreated'],
);

/** The shared wait, with the longer deadline of a stack of several n8n processes. */
const waitFor = <T>(what: string, probe: () => Promise<T | undefined>, explain?: () => string) =>
	waitUpTo(what, probe, explain, WAIT_MS);

/** Runs `task` over `inputs` with at most `limit` at a time. */
async function inPool<T>(inputs: T[], limit: number, task: (input: T) => Promise<void>) {
	const queue = [...inputs];
	await Promise.all(
		Array.from({ length: limit }, async () => {
			for (let input = queue.shift(); input !== undefined; input = queue.shift()) {
				await task(input);
			}
		}),
	);
}

function report(lines: string[]) {
	process.stdout.write(`\n[queue e2e] ${lines.join('\n[queue e2e] ')}\n`);
}

describe.each(setups.map((name) => [SETUPS[name].title, name]))(
	'n8n 2.41.1, %s',
	(_, setupName) => {
		const setup = SETUPS[setupName];
		const withWorkers = setup.workers > 0 ? it : it.skip;
		let sandbox: Sandbox;
		let bigTenant: Sandbox;
		let proxy: AttributingProxy;
		/** The BigID that rejects REJECTED_PASSWORD, behind a proxy that tells which process logged in. */
		let rejecting: Sandbox;
		let rejectingProxy: AttributingProxy;
		let stack: QueueStack;
		/** Every event the trigger must emit, once each: `userDisabled <id>`. */
		const expected: string[] = [];
		/** When each page of the big tenant's user listing was answered. */
		const bigTenantPages: number[] = [];

		const processes = () => [
			{ name: 'main', pid: stack.main.pid },
			...stack.workers.map((worker) => ({ name: worker.name, pid: worker.pid })),
		];
		const webhookExecutionsOf = async (workflowId: string) =>
			(
				await stack.postgres.query(
					`select id, status from execution_entity where "workflowId" = '${workflowId}' and mode = 'webhook' order by id`,
				)
			).map(([id, status]) => ({ id, status }));
		const departedExecutions = async () => await webhookExecutionsOf(DEPARTED.id);
		const workerOf = (executionId: string) =>
			stack.workers.find((worker) => worker.startedExecutions().includes(executionId))?.name;
		/** PUT /users/:id that the sandbox carried out, per user, whether or not its answer arrived. */
		const writesPerUser: Record<string, number> = {};
		const putsPerUser = () => ({ ...writesPerUser });
		const everyChangeEmittedOnce = async () =>
			await expectEveryChangeOnce(
				'every change to be emitted',
				async () => await stack.main.executionsOf(EVERY_EVENT.id),
				expected,
				WAIT_MS,
			);
		/** Each execution that did not succeed, with where and why it failed, for the reader. */
		const failuresAmong = async (executions: Array<{ id: string; status: string }>) =>
			await Promise.all(
				executions
					.filter(({ status }) => status !== 'success')
					.map(async ({ id, status }) => {
						const { data } = await stack.main.execution(id);
						const { error, lastNodeExecuted } = data?.resultData ?? {};
						return { id, status, worker: workerOf(id), lastNodeExecuted, error: error?.message };
					}),
			);
		const callWebhook = async (email: string) => {
			const response = await fetch(`${stack.main.url}/${DEPARTED_WEBHOOK}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email }),
			});
			expect(response.status).toBe(200);
		};
		/** Enabled users nobody else touches, in seed order. */
		let departing: Array<{ _id: string; email: string }>;

		beforeAll(async () => {
			const n8n = await ensureN8n(DEFAULT_N8N_VERSION);
			const pack = packedPackage();
			sandbox = await startSandbox({
				users: EXECUTIONS + KILL_RUN_EXECUTIONS + 60,
				tokenTtlMs: SESSION_TTL_MS,
			});
			sandbox.transformAnswer = (route, answer) => {
				const userId = /"_id":"(\w+)"/.exec(JSON.stringify(answer))?.[1];
				if (route === 'PUT /api/v1/users/:id' && answer.status < 300 && userId) {
					writesPerUser[userId] = (writesPerUser[userId] ?? 0) + 1;
				}
				return answer;
			};
			bigTenant = await startSandbox({ users: BIG_TENANT_USERS, seed: 2 });
			bigTenant.faults.configure({
				latencyMs: [BIG_TENANT_PAGE_LATENCY_MS, BIG_TENANT_PAGE_LATENCY_MS],
				routes: ['GET /api/v1/users'],
			});
			bigTenant.beforeHandling = (route) => {
				if (route === 'GET /api/v1/users') bigTenantPages.push(Date.now());
			};
			stack = await startQueueStack({
				n8n,
				pack,
				folder: path.join(CACHE_DIR, 'e2e', setupName),
				fresh: true,
				workers: setup.workers,
				env: setup.durableScheduler ? DURABLE_SCHEDULER : {},
			});
			proxy = new AttributingProxy(sandbox.options.port, processes);
			await proxy.listen();
			rejecting = await startSandbox({ users: 5 });
			rejectingProxy = new AttributingProxy(rejecting.options.port, processes);
			await rejectingProxy.listen();
			const [rejectedCredential] = sandboxCredentials(rejectingProxy.url, {
				...rejecting.options,
				password: REJECTED_PASSWORD,
			});
			const [bigTenantCredential] = sandboxCredentials(bigTenant.url, bigTenant.options);
			await stack.main.importCredentials([
				...sandboxCredentials(proxy.url, sandbox.options),
				{ ...bigTenantCredential, id: BIG_TENANT_CREDENTIAL_ID, name: BIG_TENANT_CREDENTIAL_ID },
				{ ...rejectedCredential, id: REJECTED_CREDENTIAL_ID, name: REJECTED_CREDENTIAL_ID },
			]);
			await stack.main.importWorkflows([
				forSandbox(DEPARTED, sandbox.url),
				EVERY_EVENT,
				BIG_TENANT_WATCH,
				REJECTED_WORKFLOW,
			]);
			await stack.startN8n();
			await stack.main.setUpOwner();
			departing = sandbox.store.users
				.filter(
					({ isEnabled, email, name }) => isEnabled && email && name !== sandbox.options.username,
				)
				.map(({ _id, email }) => ({ _id, email: email! }))
				.slice(0, EXECUTIONS + KILL_RUN_EXECUTIONS);

			// The first saved poll records what exists as the baseline: changes start after it. The
			// legacy scheduler polls and saves at activation; the durable one saves nothing then
			// (its activation poll is a test) and polls at the next scheduled occurrence.
			for (const workflow of [DEPARTED, EVERY_EVENT, BIG_TENANT_WATCH, REJECTED_WORKFLOW]) {
				await stack.main.activateWorkflow(workflow.id);
			}
			const watchers = [EVERY_EVENT.id, BIG_TENANT_WATCH.id];
			const pages = Math.ceil(sandbox.store.users.length / TRIGGER_PAGE_SIZE);
			const listings = () => countMatching(proxy.requests, /^GET \/api\/v1\/users$/);
			const polledOnSchedule = async () =>
				await stack.postgres.query(
					`select distinct payload->>'workflowId' from scheduled_task where status = 'succeeded'`,
				);
			await waitFor('the baseline polls', async () => {
				if (setup.durableScheduler) {
					return (await polledOnSchedule()).length >= watchers.length ? true : undefined;
				}
				return (listings().main ?? 0) >= pages &&
					bigTenantPages.length >= BIG_TENANT_USERS / TRIGGER_PAGE_SIZE
					? true
					: undefined;
			});
			await new Promise((resolve) => setTimeout(resolve, 3000));
		}, SETUP_TIMEOUT_MS);

		afterAll(async () => {
			await stack?.stop();
			await proxy?.close();
			await sandbox?.close();
			await rejectingProxy?.close();
			await rejecting?.close();
			await bigTenant?.close();
		}, 120_000);

		it(
			`${EXECUTIONS} webhook executions, ${IN_FLIGHT} in flight, while BigID changes: none fails, each user disabled once, ${setup.workers ? 'every worker runs some' : 'all in the one process'}`,
			async () => {
				const store = sandbox.store;
				const batch = departing.slice(0, EXECUTIONS);
				const spare = store.users.filter(
					(user) => !departing.some(({ _id }) => _id === user._id) && user.name !== 'admin',
				);
				const changes: Array<() => void> = [
					() => {
						const user = store.createUser({
							name: `queue.e2e.${expected.length}`,
							email: `queue.e2e.${expected.length}@example.com`,
							role: 'Viewer',
						});
						expected.push(`userCreated ${user._id}`);
					},
					() => {
						const user = spare.shift()!;
						store.updateUser(user._id, { role: user.role === 'Auditor' ? 'Viewer' : 'Auditor' });
						expected.push(`userRoleChanged ${user._id}`);
					},
					() => {
						const user = spare.shift()!;
						store.deleteUser(user._id);
						expected.push(`userDeleted ${user._id}`);
					},
					() => {
						const user = spare.shift()!;
						store.updateUser(user._id, { isEnabled: !user.isEnabled });
						expected.push(`${user.isEnabled ? 'userEnabled' : 'userDisabled'} ${user._id}`);
					},
					() => {
						const user = spare.shift()!;
						store.updateUser(user._id, { email: `moved.${user.name}@example.org` });
						expected.push(`userUpdated ${user._id}`);
					},
					() => {
						const scan = store.createFinishedParentScan({
							state: expected.length % 2 ? 'Completed' : 'Failed',
						});
						expected.push(`scanFinished ${scan._id}`);
					},
				];
				let sending = true;
				const changing = (async () => {
					for (let step = 0; sending; step++) {
						changes[step % changes.length]();
						await new Promise((resolve) => setTimeout(resolve, 1500));
					}
				})();
				const started = Date.now();
				// Meanwhile another workflow's credential has a password BigID rejects (rotated in BigID
				// before in n8n): each process that runs some of its executions logs in with it once.
				const rejectedCalls = Array.from({ length: REJECTED_EXECUTIONS }, (_, index) => index);
				await Promise.all([
					inPool(batch, IN_FLIGHT, async ({ email }) => await callWebhook(email)),
					inPool(rejectedCalls, 5, async () => {
						const response = await fetch(`${stack.main.url}/${REJECTED_WEBHOOK}`, {
							method: 'POST',
						});
						expect(response.status).toBe(200);
					}),
				]);
				const sent = Date.now();
				const executions = await waitFor(`${EXECUTIONS} finished executions`, async () => {
					const found = await departedExecutions();
					return found.length >= EXECUTIONS &&
						found.every(({ status }) => !['new', 'running'].includes(status))
						? found
						: undefined;
				});
				const finished = Date.now();
				sending = false;
				await changing;
				for (const { _id } of batch) expected.push(`userDisabled ${_id}`);

				expect(executions).toHaveLength(EXECUTIONS);
				expect(await failuresAmong(executions)).toEqual([]);
				for (const { _id } of batch) expect(store.getUser(_id)?.isEnabled).toBe(false);
				const puts = putsPerUser();
				expect(batch.filter(({ _id }) => puts[_id] !== 1)).toEqual([]);
				expect(sandbox.stats.writes['PUT /api/v1/users/:id']).toBe(EXECUTIONS);

				const perWorker: Record<string, number> = {};
				for (const { id } of executions) {
					const worker = workerOf(id) ?? 'main';
					perWorker[worker] = (perWorker[worker] ?? 0) + 1;
				}
				expect(Object.keys(perWorker).sort()).toEqual(
					setup.workers ? stack.workers.map(({ name }) => name) : ['main'],
				);
				const logins = countMatching(proxy.answers, /^POST \/api\/v1\/sessions 200$/);
				const rejected = countMatching(proxy.answers, / 401$/);

				const rejectedRuns = await waitFor(`${REJECTED_EXECUTIONS} failed executions`, async () => {
					const found = await webhookExecutionsOf(REJECTED_WORKFLOW.id);
					return found.length >= REJECTED_EXECUTIONS &&
						found.every(({ status }) => !['new', 'running'].includes(status))
						? found
						: undefined;
				});
				const rejectedErrors = (await failuresAmong(rejectedRuns)).map(({ error }) => error);
				expect(rejectedErrors).toHaveLength(REJECTED_EXECUTIONS);
				for (const error of rejectedErrors) {
					expect(error).toMatch(LOGIN_FAILURE_MESSAGES.wrongPasswordTriedOrRefused);
				}
				const failedLogins = countMatching(rejectingProxy.requests, /^POST \/api\/v1\/sessions$/);
				const rejectedRunsPerProcess: Record<string, number> = {};
				for (const { id } of rejectedRuns) {
					const runner = workerOf(id) ?? 'main';
					rejectedRunsPerProcess[runner] = (rejectedRunsPerProcess[runner] ?? 0) + 1;
				}
				expect(Object.values(failedLogins).every((count) => count === 1)).toBe(true);
				expect(Object.keys(failedLogins).sort()).toEqual(
					Object.keys(rejectedRunsPerProcess).sort(),
				);
				expect(rejecting.stats.failedLogins).toBe(Object.keys(rejectedRunsPerProcess).length);
				report([
					`${setupName}: ${EXECUTIONS} executions sent in ${((sent - started) / 1000).toFixed(1)} s, all finished after ${((finished - started) / 1000).toFixed(1)} s, ${executions.filter(({ status }) => status === 'success').length} succeeded`,
					`executions per worker: ${JSON.stringify(perWorker)}`,
					`session TTL ${SESSION_TTL_MS / 1000} s: ${sandbox.stats.logins} logins ${JSON.stringify(logins)}, ${sandbox.stats.rejectedAuth} requests answered 401 ${JSON.stringify(rejected)} (expired sessions: renewed and retried)`,
					`answers by process: ${JSON.stringify(byRoute(proxy.answers))}`,
					`writes: ${sandbox.stats.writes['PUT /api/v1/users/:id']} PUT /users/:id for ${batch.length} users, each exactly once`,
					`a password BigID rejects, ${REJECTED_EXECUTIONS} executions meanwhile, run by ${JSON.stringify(rejectedRunsPerProcess)}: failed logins by process ${JSON.stringify(failedLogins)}`,
				]);
				expect(sandbox.stats.rejectedAuth).toBeGreaterThan(0);
			},
			15 * 60_000,
		);

		it(
			`the BigID Trigger polls on the main only, ${setup.workers ? 'the workers run' : 'the main runs'} its executions, and it emits every change exactly once`,
			async () => {
				// The next poll meets a session BigID no longer accepts: it must log in again inside
				// the poll, never fail with a 401 (the durable scheduler backs off after a failed poll).
				sandbox.revokeAllTokens();
				const rejectedBefore = countMatching(proxy.answers, / 401$/).main ?? 0;
				// A poll between the last change and the revocation may already have emitted everything:
				// the poll under test is the first one after the revocation.
				await waitFor('a poll on the revoked session', async () =>
					(countMatching(proxy.answers, / 401$/).main ?? 0) > rejectedBefore ? true : undefined,
				);
				const executions = await everyChangeEmittedOnce();

				const scanListings = countMatching(proxy.requests, /^GET \/api\/v1\/scans\/parent-scans$/);
				expect(Object.keys(scanListings).filter((name) => scanListings[name] > 0)).toEqual([
					'main',
				]);
				if (setup.workers) expect(executions.filter(({ id }) => !workerOf(id))).toEqual([]);
				const scheduledPolls = await stack.postgres.query(
					`select status, count(*) from scheduled_task group by status order by status`,
				);
				expect(scheduledPolls.filter(([status]) => status === 'failed')).toEqual([]);
				report([
					`${setupName}: ${expected.length} changes emitted exactly once in ${executions.length} trigger executions, run by ${JSON.stringify(executions.map(({ id }) => workerOf(id) ?? 'main'))}`,
					`polls (scan listings) by process: ${JSON.stringify(scanListings)}; main's logins ${countMatching(proxy.answers, /^POST \/api\/v1\/sessions 200$/).main}, its 401s ${countMatching(proxy.answers, / 401$/).main} (a revoked session renewed inside the poll)`,
					...(setup.durableScheduler
						? [`durable scheduler's poll tasks by status: ${JSON.stringify(scheduledPolls)}`]
						: []),
				]);
			},
			10 * 60_000,
		);

		withWorkers(
			'a worker killed with SIGKILL mid-run: nothing is written twice and the other worker carries on',
			async () => {
				const store = sandbox.store;
				const batch = departing.slice(EXECUTIONS, EXECUTIONS + KILL_RUN_EXECUTIONS);
				const [survivor, victim] = stack.workers;
				const before = new Set((await departedExecutions()).map(({ id }) => id));
				const victimStarted = () => victim.startedExecutions().filter((id) => !before.has(id));
				let killedAt = 0;
				// A trigger execution the victim held would be lost with it (n8n does not run a stalled
				// job again) and hold the poll's changes: kill it while it runs webhook executions only.
				const triggerRunning = async () =>
					(
						await stack.postgres.query(
							`select count(*) from execution_entity where "workflowId" = '${EVERY_EVENT.id}' and status in ('new', 'running')`,
						)
					)[0][0] !== '0';
				const killer = (async () => {
					await waitFor('the victim to start executions', async () =>
						victimStarted().length >= 3 && !(await triggerRunning()) ? true : undefined,
					);
					await victim.stop('SIGKILL');
					killedAt = Date.now();
				})();
				await inPool(batch, IN_FLIGHT, async ({ email }) => await callWebhook(email));
				await killer;
				// Settled: nothing waits in n8n's queue (Bull's list `bull:jobs:wait`) and the survivor
				// finished all it took. What is left unfinished is what the killed worker had taken,
				// its log possibly missing the last of them.
				const settled = await waitFor('the surviving worker to run all that was left', async () => {
					const found = (await departedExecutions()).filter(({ id }) => !before.has(id));
					const survivorRan = new Set(survivor.startedExecutions());
					const waiting = Number(await stack.redis!.command('LLEN', 'bull:jobs:wait'));
					return found.length >= batch.length &&
						waiting === 0 &&
						found.every(({ id, status }) => status === 'success' || !survivorRan.has(id))
						? found
						: undefined;
				});
				const held = settled.filter(({ status }) => status !== 'success');
				const loggedByVictim = new Set(victimStarted());
				const afterKill = settled.filter(
					({ id, status }) => status === 'success' && !loggedByVictim.has(id),
				);
				expect(afterKill.every(({ id }) => workerOf(id) === survivor.name)).toBe(true);
				expect(afterKill.length).toBeGreaterThan(0);

				const puts = putsPerUser();
				expect(Object.entries(puts).filter(([, count]) => count > 1)).toEqual([]);
				const disabledBeforeRetry = batch.filter(({ _id }) => !store.getUser(_id)!.isEnabled);
				expect(batch.filter(({ _id }) => puts[_id] === 1)).toEqual(disabledBeforeRetry);

				// The HR system sends again what did not go through; the surviving worker runs it all.
				const leftOver = batch.filter(({ _id }) => store.getUser(_id)!.isEnabled);
				await inPool(leftOver, IN_FLIGHT, async ({ email }) => await callWebhook(email));
				await waitFor('the resent executions', async () =>
					(await departedExecutions()).filter(({ id }) => !before.has(id)).length >=
					batch.length + leftOver.length
						? true
						: undefined,
				);
				await waitFor('every departing user disabled', async () =>
					batch.every(({ _id }) => !store.getUser(_id)!.isEnabled) ? true : undefined,
				);
				const finalPuts = putsPerUser();
				expect(batch.filter(({ _id }) => finalPuts[_id] !== 1)).toEqual([]);
				for (const { _id } of batch) expected.push(`userDisabled ${_id}`);
				// The trigger's executions after the kill: only the survivor is left to run them.
				const triggerRuns = await everyChangeEmittedOnce();
				expect(workerOf(triggerRuns[triggerRuns.length - 1].id)).toBe(survivor.name);
				const statuses = held.map(({ status }) => status);
				report([
					`${setupName}: ${victim.name} SIGKILLed holding ${held.length} unfinished executions (${held.filter(({ id }) => loggedByVictim.has(id)).length} of them in its log); ${((Date.now() - killedAt) / 1000).toFixed(0)} s later n8n lists them as ${JSON.stringify(statuses)} (n8n does not run a stalled job again: maxStalledCount 0)`,
					`${afterKill.length} executions queued or started after the kill all succeeded on ${survivor.name}; ${leftOver.length} users resent, each user written exactly once; the trigger emitted the ${batch.length} disables once, on ${survivor.name}`,
				]);
			},
			15 * 60_000,
		);

		it(
			`a user poll over ${BIG_TENANT_USERS} users at ${BIG_TENANT_PAGE_LATENCY_MS} ms a page completes and emits a new user once`,
			async () => {
				const user = bigTenant.store.createUser({
					name: 'big.tenant.newcomer',
					email: 'big.tenant.newcomer@example.com',
					role: 'Viewer',
				});
				const emitted = await waitFor('the new user in the big tenant', async () => {
					const executions = await stack.main.executionsOf(BIG_TENANT_WATCH.id);
					const events = executions.flatMap((execution) =>
						outputOf(execution, 'BigID Trigger').map((item) => String(item.event)),
					);
					return events.length ? { events, executions } : undefined;
				});
				expect(emitted.events).toEqual(['userCreated']);
				expect(outputOf(emitted.executions[0], 'BigID Trigger')[0]).toMatchObject({
					user: expect.objectContaining({ id: user._id }),
				});
				// Pages more than 2 s apart belong to different polls.
				const polls: number[][] = [];
				for (const at of bigTenantPages) {
					const current = polls[polls.length - 1];
					if (current && at - current[current.length - 1] < 2000) current.push(at);
					else polls.push([at]);
				}
				const durations = polls.map(
					(pages) => (pages[pages.length - 1] - pages[0] + BIG_TENANT_PAGE_LATENCY_MS) / 1000,
				);
				report([
					`${setupName}: user listing of ${BIG_TENANT_USERS} users (${polls[0].length} pages at ${BIG_TENANT_PAGE_LATENCY_MS} ms): ${durations.map((seconds) => `${seconds.toFixed(1)} s`).join(', ')} in ${polls.length} polls`,
				]);
			},
			10 * 60_000,
		);
	},
);
