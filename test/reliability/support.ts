import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import type { NodeSpec } from '../harness/engine';
import { runWorkflow } from '../harness/engine';

import type { FaultConfig, Sandbox, SandboxOptions } from '../../sandbox';
import { buildApiRoutes } from '../../sandbox/routes';
import { capturedLogs, capturedLogText } from '../harness/logs';
import type { SandboxSession } from '../harness/sandbox';
import { everythingVisible, startSandboxSession } from '../harness/sandbox';

/** Every API route, the login and the API token exchange included: BigID's proxy fails those too. */
const EVERY_ROUTE = buildApiRoutes({
	scanProfileCrud: true,
	dataSourceLookup: true,
	dataSourceConnectionTest: true,
	caseWriteBacks: true,
	catalogTagRemoval: true,
	remediationApp: true,
}).map((route) => `${route.method} ${route.pattern}`);

/**
 * The fault matrix: sessions revoked every 7 requests, 5% 429 (half with Retry-After),
 * 2% HTML "502" pages with HTTP 200, 2% 500, 1% dropped connections, up to 200 ms of latency,
 * on every route, logins included.
 */
export const FAULT_MATRIX: FaultConfig = {
	routes: EVERY_ROUTE,
	revokeEvery: 7,
	rate429: 0.05,
	retryAfterShare: 0.5,
	retryAfterSeconds: 1,
	rateHtml502: 0.02,
	rate500: 0.02,
	rateDrop: 0.01,
	latencyMs: [0, 200],
};

/** Recognisable secrets: a leak is found by searching for them verbatim. */
export const SECRETS = {
	password: 'Pw-LEAKCHECK-7f3a9c-admin',
	apiToken: 'Tk-LEAKCHECK-91c2d4-user-token',
	/** The password of users the workflows create. */
	newUserPassword: 'Pw-LEAKCHECK-new-hire-55e1',
};

const sandboxes: Sandbox[] = [];
const extraSecrets = new Set<string>(Object.values(SECRETS));
/** What executions showed, with the test that ran them, so a leak names its scenario. */
const visibleTexts: Array<{ test: string; text: string }> = [];
const currentTest = () => expect.getState().currentTestName ?? 'outside a test';

/** A sandbox whose admin password and API token are the recognisable secrets, watched for leaks. */
export async function startWatchedSession(
	options: SandboxOptions = {},
	credential: ICredentialDataDecryptedObject = {},
): Promise<SandboxSession> {
	const session = await startSandboxSession(
		{ password: SECRETS.password, apiToken: SECRETS.apiToken, ...options },
		credential,
	);
	sandboxes.push(session.sandbox);
	for (const secret of [credential.password, credential.apiToken]) {
		if (typeof secret === 'string' && secret.length >= 4) extraSecrets.add(secret);
	}
	return session;
}

/** A secret that is not the sandbox's own (a wrong password a case types in). */
export function watchSecret(secret: string): void {
	extraSecrets.add(secret);
}

/** Keeps everything an execution showed (items, error message, description, stack) for the leak scan. */
export function watch<T extends Parameters<typeof everythingVisible>[0]>(result: T): T {
	visibleTexts.push({ test: currentTest(), text: everythingVisible(result) });
	return result;
}

export function watchText(text: string): void {
	visibleTexts.push({ test: currentTest(), text });
}

export interface LeakScan {
	/** How many secret values were looked for: passwords, API tokens, every issued session token. */
	secrets: number;
	/** How many texts were searched: outputs and errors of executions, and every captured log line. */
	texts: number;
	logLines: number;
	/** Each place a secret was found (itself masked): should stay empty. */
	leaks: string[];
}

/** Searches every watched output and error and everything n8n logged for every secret. */
export function scanForLeaks(): LeakScan {
	const secrets = new Set(extraSecrets);
	for (const sandbox of sandboxes) {
		for (const token of sandbox.issuedTokens) secrets.add(token);
	}
	const logLines = capturedLogText().split('\n');
	const leaks: string[] = [];
	for (const secret of secrets) {
		const shown = (text: string) => text.split(secret).join('<SECRET>');
		for (const { test, text } of visibleTexts.filter(({ text }) => text.includes(secret))) {
			const at = text.indexOf(secret);
			leaks.push(
				`"${test}" showed: ...${shown(text.slice(Math.max(0, at - 120), at + secret.length + 40))}`,
			);
		}
		for (const line of logLines.filter((candidate) => candidate.includes(secret))) {
			leaks.push(`logged: ${shown(line).slice(0, 300)}`);
		}
	}
	return {
		secrets: secrets.size,
		texts: visibleTexts.length,
		logLines: capturedLogs.lines.length,
		leaks,
	};
}

/** Where the captured log is now, so a scenario can count its own retries. */
export const logMark = () => capturedLogs.lines.length;

/** The transport's retries since `mark`, as it logged them. */
export function retriesSince(mark: number): number {
	return capturedLogs.lines
		.slice(mark)
		.filter((line) => /^BigID \S+ \S+ failed \(.*\); retry \d+ of \d+$/.test(line.message)).length;
}

/**
 * User > Create with the Viewer role; the password comes from the input item, as workflows map
 * it (a password typed into the node is part of the workflow, which n8n logs with its errors).
 */
export function createUserNode(name: string, email: string, continueOnFail = false): NodeSpec {
	return {
		parameters: {
			resource: 'user',
			operation: 'create',
			name,
			email,
			password: '={{ $json.password }}',
			role: { __rl: true, mode: 'name', value: 'Viewer' },
		},
		continueOnFail,
	};
}

/** How a write says BigID may have carried it out although its answer was lost. */
export const MAY_HAVE_HAPPENED = /may have (happened|been carried out)/;

/** Every input item gave exactly one output item, paired with it. */
export function expectOnePerInput(items: INodeExecutionData[], inputs: number) {
	expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
		Array.from({ length: inputs }, (_, index) => index),
	);
}

/**
 * What each input item of a write says happened, checked against BigID: created (and there
 * exactly once), "may have happened" (there at most once), or refused (not there at all).
 */
export function classifyWrites(
	items: INodeExecutionData[],
	keys: string[],
	storedCount: (key: string) => number,
) {
	let created = 0;
	let uncertain = 0;
	let refused = 0;
	items.forEach((item, index) => {
		const count = storedCount(keys[index]);
		if (item.json.error === undefined) {
			created++;
			expect({ key: keys[index], count }).toEqual({ key: keys[index], count: 1 });
		} else if (MAY_HAVE_HAPPENED.test(`${item.json.error} ${item.json.description}`)) {
			uncertain++;
			expect(count).toBeLessThanOrEqual(1);
		} else {
			refused++;
			// An error that does not say "may have happened" promises nothing was written.
			expect({ key: keys[index], error: item.json.error, count }).toMatchObject({ count: 0 });
		}
		// A silently repeated create would meet its own first attempt.
		expect(String(item.json.error ?? '')).not.toMatch(/already exists|answered 409/);
	});
	const duplicates = keys.reduce((sum, key) => sum + Math.max(0, storedCount(key) - 1), 0);
	return { created, uncertain, refused, duplicates };
}

/** A write run under the fault matrix: input item n writes the object stored under `keyOf(n)`. */
export interface WriteScenario {
	scenario: string;
	route: string;
	node: NodeSpec;
	/** The key (name, scan origin) the write of input item n stores its object under. */
	keyOf: (n: number) => string;
	/** How many times BigID now holds what the write of that key wrote (1 once written). */
	storedCount: (key: string) => number;
	input?: (n: number) => IDataObject;
}

/**
 * Runs `count` input items through a write under the fault matrix, with three lost answers on
 * top (the write happens, its answer never arrives): no object is written twice, each lost
 * answer is reported as "may have happened", and BigID carried out one write per stored object.
 */
export async function runWriteScenario(
	box: Sandbox,
	credentials: TestCredentialsHelper,
	write: WriteScenario,
	count: number,
) {
	box.faults.configure(FAULT_MATRIX);
	for (const kind of ['drop', '500', 'html-502'] as const) {
		box.faults.inject({ route: write.route, kind, afterHandling: true });
	}
	const inputs = Array.from({ length: count }, (_, n) => ({ n, ...write.input?.(n) }));
	const result = watch(
		await runWorkflow({
			credentials,
			nodes: [{ ...write.node, continueOnFail: true }],
			input: inputs,
		}),
	);

	expect(result.error).toBeUndefined();
	expectOnePerInput(result.items, count);
	const keys = inputs.map(({ n }) => write.keyOf(n));
	const outcome = classifyWrites(result.items, keys, write.storedCount);
	expect(outcome.duplicates).toBe(0);
	expect(outcome.uncertain).toBeGreaterThanOrEqual(3);
	const written = box.stats.writes[write.route];
	// Every write BigID carried out is one of the objects now stored, once.
	expect(written).toBe(keys.filter((key) => write.storedCount(key) === 1).length);
	return { result, outcome, written };
}
