/**
 * Issue 19 in a real n8n: a password BigID rejects costs one failed login however many executions
 * and polls meet it, and an active trigger recovers at the first poll after the credential is
 * fixed, or after its Base URL moved. Each scenario has its own sandbox, credential and workflow,
 * so the three run at once on one n8n and their counts stay apart.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import type {
	CredentialImport,
	ExecutionResult,
	N8nInstance,
	WorkflowJson,
} from '../scripts/n8n/instance';
import { LOGIN_FAILURE_MESSAGES } from '../test/harness/loginFailures';
import {
	emittedChanges,
	expectEveryChangeOnce,
	listRolesWith,
	userCreatedWatcher,
	waitFor,
	webhookWorkflow,
} from './support';

export interface RotationSandboxes {
	/** The webhook executions run against this one with a password it rejects. */
	webhook: Sandbox;
	/** The trigger whose password is rotated in BigID, then fixed in n8n. */
	rotated: Sandbox;
	/** The trigger whose Base URL moves from `movedFrom` to `movedTo`. */
	movedFrom: Sandbox;
	movedTo: Sandbox;
}

export async function startRotationSandboxes(): Promise<RotationSandboxes> {
	return {
		webhook: await startSandbox({ users: 5 }),
		rotated: await startSandbox({ users: 20 }),
		movedFrom: await startSandbox({ users: 20 }),
		movedTo: await startSandbox({ users: 20 }),
	};
}

export async function closeRotationSandboxes(sandboxes?: RotationSandboxes): Promise<void> {
	for (const sandbox of Object.values(sandboxes ?? {})) await sandbox.close();
}

const REJECTED_PASSWORD = 'a-password-bigid-rotated-away';
const ids = {
	webhookCredential: 'BigIdRotation001',
	rotatedCredential: 'BigIdRotation002',
	movedCredential: 'BigIdRotation003',
	webhookWorkflow: 'BigIdRotationWh1',
	rotatedWorkflow: 'BigIdRotationTr1',
	movedWorkflow: 'BigIdRotationTr2',
};
const WEBHOOK_PATH = 'bigid-rotated-password';

function credential(
	id: string,
	name: string,
	sandbox: Sandbox,
	password: string,
): CredentialImport {
	return {
		id,
		name,
		type: 'bigIdApi',
		data: {
			baseUrl: sandbox.url,
			authMode: 'session',
			username: sandbox.options.username,
			password,
			authHeaderFormat: 'raw',
			ignoreSslIssues: false,
		},
	};
}

export function rotationCredentials(sandboxes: RotationSandboxes): CredentialImport[] {
	return [
		credential(ids.webhookCredential, 'Rotated: webhook', sandboxes.webhook, REJECTED_PASSWORD),
		credential(
			ids.rotatedCredential,
			'Rotated: trigger',
			sandboxes.rotated,
			sandboxes.rotated.options.password,
		),
		credential(
			ids.movedCredential,
			'Moved: trigger',
			sandboxes.movedFrom,
			sandboxes.movedFrom.options.password,
		),
	];
}

const uuid = (workflow: number, node: number) =>
	`19e2e000-0000-4000-8000-${String(workflow * 10 + node).padStart(12, '0')}`;

export function rotationWorkflows(): WorkflowJson[] {
	return [
		webhookWorkflow({
			id: ids.webhookWorkflow,
			name: 'E2E: HR webhook with a rotated password',
			path: WEBHOOK_PATH,
			uuid: (node) => uuid(1, node),
			target: listRolesWith(ids.webhookCredential, 'Rotated: webhook'),
			responseMode: 'lastNode',
		}),
		userCreatedWatcher({
			id: ids.rotatedWorkflow,
			name: `E2E: user created, credential ${ids.rotatedCredential}`,
			credentialId: ids.rotatedCredential,
			nodeId: uuid(2, 1),
		}),
		userCreatedWatcher({
			id: ids.movedWorkflow,
			name: `E2E: user created, credential ${ids.movedCredential}`,
			credentialId: ids.movedCredential,
			nodeId: uuid(3, 1),
		}),
	];
}

type Execution = ExecutionResult & { id: string; mode: string };

const listingsOf = (sandbox: Sandbox) => sandbox.stats.byRoute['GET /api/v1/users'] ?? 0;

const errorOf = (execution: Execution) =>
	execution.data.resultData.error?.message ??
	Object.values(execution.data.resultData.runData)
		.flat()
		.find((run) => run.error)?.error?.message;

/** What each scenario measured, for the closing note. */
export type RotationReport = Record<string, number | string>;

/**
 * n8n's classic poll scheduler, or the durable one n8n 3.0 turns on. The durable one pauses a
 * trigger for 30 minutes after a poll failed with a dead credential (HTTP 401); only a successful
 * poll or publishing the workflow again ends the pause.
 */
export type PollScheduler = 'classic' | 'durable';

/** A poll of the classic scheduler would have run by then: every minute, at second 0. */
const A_POLL_INTERVAL_AND_SOME_MS = 75_000;

/** 20 webhook executions, 10 one after another and 10 at once, on a password BigID rejects. */
export async function webhookExecutionsOnARejectedPassword(
	instance: N8nInstance,
	{ webhook }: RotationSandboxes,
): Promise<RotationReport> {
	await instance.activateWorkflow(ids.webhookWorkflow);
	const call = async () =>
		(await fetch(`${instance.url}/webhook/${WEBHOOK_PATH}`, { method: 'POST' })).status;
	await waitFor('the webhook to be registered', async () =>
		(await call()) === 404 ? undefined : true,
	);
	const calls = [];
	for (let index = 0; index < 9; index++) calls.push(await call());
	calls.push(...(await Promise.all(Array.from({ length: 10 }, call))));
	const executions = await waitFor('20 failed executions', async () => {
		const found = (await instance.executionsOf(ids.webhookWorkflow)).filter(
			(execution) => execution.status === 'error' && errorOf(execution),
		);
		return found.length >= 20 ? found : undefined;
	});
	await instance.deactivateWorkflow(ids.webhookWorkflow);

	expect(calls.every((status) => status >= 400)).toBe(true);
	expect(executions).toHaveLength(20);
	const [first, ...later] = executions.map(errorOf);
	expect(first).toBe(LOGIN_FAILURE_MESSAGES.wrongPassword);
	for (const message of later) expect(message).toMatch(LOGIN_FAILURE_MESSAGES.wrongPasswordRefused);
	expect(webhook.stats.failedLogins).toBe(1);
	expect(webhook.stats.byRoute['GET /api/v1/roles'] ?? 0).toBe(0);
	expect(JSON.stringify(executions)).not.toContain(REJECTED_PASSWORD);
	return { executions: executions.length, failedLogins: webhook.stats.failedLogins };
}

/**
 * The trigger's password rotated in BigID (its session ends too), polls failing, a user created
 * meanwhile, then the password fixed in the credential as a user does in the editor.
 */
export async function triggerThroughARotation(
	instance: N8nInstance,
	{ rotated }: RotationSandboxes,
	scheduler: PollScheduler = 'classic',
): Promise<RotationReport> {
	await activateAndWaitForBaseline(instance, ids.rotatedWorkflow, rotated, scheduler);
	const newPassword = 'the-password-after-rotation';
	rotated.changePassword(newPassword);
	rotated.revokeAllTokens();
	const created = rotated.store.createUser({
		name: 'e2e.joined-during-rotation',
		email: 'rotation@example.com',
		role: 'Viewer',
	});
	const failedPolls = async () =>
		(await instance.executionsOf(ids.rotatedWorkflow)).filter(
			(execution) => execution.status === 'error',
		);
	const failed = await waitFor(
		scheduler === 'classic' ? 'two failed polls' : 'a failed poll',
		async () => {
			const errors = await failedPolls();
			return errors.length >= (scheduler === 'classic' ? 2 : 1) ? errors : undefined;
		},
		() => '',
		200_000,
	);
	expect(errorOf(failed[0])).toBe(LOGIN_FAILURE_MESSAGES.wrongPassword);
	if (scheduler === 'classic') {
		expect(errorOf(failed[1])).toMatch(LOGIN_FAILURE_MESSAGES.wrongPasswordRefused);
	} else {
		// The pause: no poll where the classic scheduler would have run one.
		const requests = rotated.stats.requests;
		await new Promise((resolve) => setTimeout(resolve, A_POLL_INTERVAL_AND_SOME_MS));
		expect(await failedPolls()).toHaveLength(1);
		expect(rotated.stats.requests).toBe(requests);
	}
	expect(rotated.stats.failedLogins).toBe(1);

	const lastBeforeFix = Math.max(
		...(await instance.executionsOf(ids.rotatedWorkflow)).map(({ id }) => Number(id)),
	);
	await instance.updateCredential(ids.rotatedCredential, { password: newPassword });
	if (scheduler === 'durable') {
		// What README's troubleshooting tells a user of n8n 3.0: publish the workflow again.
		await instance.deactivateWorkflow(ids.rotatedWorkflow);
		await instance.activateWorkflow(ids.rotatedWorkflow);
	}
	const executions = await expectEveryChangeOnce(
		'the change made during the rotation',
		async () =>
			(await instance.executionsOf(ids.rotatedWorkflow)).filter(
				(execution) => execution.status !== 'error',
			),
		[`userCreated ${created._id}`],
	);
	const afterFix = (await instance.executionsOf(ids.rotatedWorkflow)).filter(
		({ id }) => Number(id) > lastBeforeFix,
	);
	await instance.deactivateWorkflow(ids.rotatedWorkflow);

	const pollsToRecover = afterFix.findIndex((execution) => execution.status === 'success') + 1;
	expect(pollsToRecover).toBe(1);
	expect(emittedChanges(executions)).toEqual([`userCreated ${created._id}`]);
	expect(rotated.stats.failedLogins).toBe(1);
	return {
		scheduler,
		failedPolls: failed.length,
		failedLogins: rotated.stats.failedLogins,
		pollsToRecover,
	};
}

/** The trigger's Base URL moved to another BigID: the next poll reads that one. */
export async function triggerWhoseBaseUrlMoved(
	instance: N8nInstance,
	{ movedFrom, movedTo }: RotationSandboxes,
	scheduler: PollScheduler = 'classic',
): Promise<RotationReport> {
	await activateAndWaitForBaseline(instance, ids.movedWorkflow, movedFrom, scheduler);
	const created = movedTo.store.createUser({
		name: 'e2e.only-on-the-new-bigid',
		email: 'moved@example.com',
		role: 'Viewer',
	});
	await instance.updateCredential(ids.movedCredential, { baseUrl: movedTo.url });
	const listingsOnTheOldOne = listingsOf(movedFrom);
	const executions = await expectEveryChangeOnce(
		'the user only the new BigID has',
		async () => await instance.executionsOf(ids.movedWorkflow),
		[`userCreated ${created._id}`],
	);
	await instance.deactivateWorkflow(ids.movedWorkflow);

	expect(executions).toHaveLength(1);
	expect(listingsOf(movedFrom)).toBe(listingsOnTheOldOne);
	expect(listingsOf(movedTo)).toBeGreaterThanOrEqual(1);
	return { listingsOnTheNewBigId: listingsOf(movedTo) };
}

/**
 * Activates a watcher and waits for the poll that records what exists as the baseline (a change
 * made before it would be part of it): the activation poll, which runs after the REST call
 * returns; under the durable scheduler the first scheduled poll after it.
 */
async function activateAndWaitForBaseline(
	instance: N8nInstance,
	workflowId: string,
	sandbox: Sandbox,
	scheduler: PollScheduler,
) {
	const before = listingsOf(sandbox);
	const baselinePoll = scheduler === 'classic' ? 1 : 2;
	await instance.activateWorkflow(workflowId);
	await waitFor('the poll that records the baseline', async () =>
		listingsOf(sandbox) >= before + baselinePoll ? true : undefined,
	);
}
