/** What the e2e files of `npm run test:e2e` share: the versions under test, examples, waiting. */
import { readFileSync } from 'fs';
import path from 'path';

import { loadExamples } from '../scripts/n8n/examples';
import { outputOf, type ExecutionResult, type WorkflowJson } from '../scripts/n8n/instance';
import type { PackedPackage } from '../scripts/n8n/pack';
import { CACHE_DIR, N8N_VERSIONS } from '../scripts/n8n/runtime';
import { USER_EVENTS } from '../nodes/BigId/trigger/user/events';

/** E2E_N8N_VERSIONS picks the n8n versions (comma-separated); all tested ones by default. */
export const e2eVersions = (process.env.E2E_N8N_VERSIONS ?? N8N_VERSIONS.join(','))
	.split(',')
	.map((version) => version.trim())
	.filter(Boolean);

/** Where the global setup (`globalSetup.ts`) records the package it packed for this run. */
export const PACK_RECORD = path.join(CACHE_DIR, 'e2e', 'pack.json');

/** The package the global setup packed: every file installs the same tarball. */
export const packedPackage = (): PackedPackage =>
	JSON.parse(readFileSync(PACK_RECORD, 'utf8')) as PackedPackage;

/** What a workflow that watches every scan and user change selects in the BigID Trigger. */
export const SCAN_AND_USER_EVENTS = ['scanFinished', ...USER_EVENTS];

/** A cold machine installs Node 24 and n8n first. */
export const INSTALL_TIMEOUT_MS = 30 * 60_000;
const POLL_WAIT_MS = 150_000;

/** The one node a webhook workflow runs: a BigID node or an HTTP Request node with its credential. */
export interface WebhookTarget {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials: Record<string, { id: string; name: string }>;
}

/**
 * A workflow whose Webhook (POST /webhook/`path`) runs `target`: how the e2e files start node
 * executions. `lastNode` answers when the execution ends, so calls one after another really are.
 * `uuid` numbers its node and webhook IDs apart from every other workflow's.
 */
export function webhookWorkflow(options: {
	id: string;
	name: string;
	path: string;
	uuid: (index: number) => string;
	target: WebhookTarget;
	responseMode?: 'lastNode';
}): WorkflowJson {
	const { id, name, path, uuid, target, responseMode } = options;
	return {
		id,
		name,
		nodes: [
			{
				id: uuid(1),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				parameters: {
					httpMethod: 'POST',
					path,
					...(responseMode ? { responseMode } : {}),
					options: {},
				},
				webhookId: uuid(2),
			},
			{
				id: uuid(3),
				position: [220, 0],
				...target,
			},
		],
		connections: { Webhook: { main: [[{ node: target.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The BigID node listing roles: the cheapest node execution that needs a login. */
export const listRolesWith = (credentialId: string, credentialName: string): WebhookTarget => ({
	name: 'BigID',
	type: 'n8n-nodes-bigid.bigId',
	typeVersion: 1,
	parameters: { resource: 'role', operation: 'getMany', returnAll: true },
	credentials: { bigIdApi: { id: credentialId, name: credentialName } },
});

/** A BigID Trigger watching for new users every minute: the cheapest poll that can emit. */
export function userCreatedWatcher(options: {
	id: string;
	name: string;
	credentialId: string;
	nodeId: string;
}): WorkflowJson {
	return {
		id: options.id,
		name: options.name,
		nodes: [
			{
				id: options.nodeId,
				name: 'BigID Trigger',
				type: 'n8n-nodes-bigid.bigIdTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { events: ['userCreated'], pollTimes: { item: [{ mode: 'everyMinute' }] } },
				credentials: { bigIdApi: { id: options.credentialId, name: options.credentialId } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** The example workflow whose file name starts with `prefix` (`07`, `10`...). */
export function exampleFile(prefix: string): WorkflowJson {
	const example = loadExamples().find(({ file }) => file.startsWith(prefix));
	if (!example) throw new Error(`No example ${prefix}-*.json in examples/`);
	return example.workflow;
}

/** Polls `probe` every 2 s until it answers; `explain` says what was seen when it never does. */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	explain: () => string = () => '',
	timeoutMs = POLL_WAIT_MS,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${explain()}`);
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

/** n8n lists an execution from the moment it starts: with these statuses it has not ended. */
const UNFINISHED_STATUSES = ['new', 'running', 'waiting'];

/** The changes a BigID Trigger's executions emitted, as `event subjectId`. */
export function emittedChanges(executions: ExecutionResult[]): string[] {
	return executions.flatMap((execution) =>
		outputOf(execution, 'BigID Trigger').map((item) => {
			const subject = (item.user ?? item.scan) as { id: string };
			return `${String(item.event)} ${subject.id}`;
		}),
	);
}

/**
 * Waits until the trigger workflow's executions have all ended and hold every expected change,
 * then checks that each succeeded and that each change came exactly once.
 */
export async function expectEveryChangeOnce<E extends ExecutionResult>(
	what: string,
	executionsOf: () => Promise<E[]>,
	expected: readonly string[],
	timeoutMs = POLL_WAIT_MS,
): Promise<E[]> {
	let seen: string[] = [];
	const executions = await waitFor(
		what,
		async () => {
			const found = await executionsOf();
			if (found.some(({ status }) => UNFINISHED_STATUSES.includes(status ?? ''))) return undefined;
			seen = emittedChanges(found);
			return expected.every((change) => seen.includes(change)) ? found : undefined;
		},
		() =>
			`; missing ${JSON.stringify(expected.filter((change) => !seen.includes(change)).slice(0, 20))} of ${expected.length}`,
		timeoutMs,
	);
	for (const execution of executions) expect(execution.status).toBe('success');
	expect(emittedChanges(executions).sort()).toEqual([...expected].sort());
	return executions;
}
