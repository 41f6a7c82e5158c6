/**
 * The packed n8n-nodes-bigid in a real n8n, against the BigID sandbox: every example workflow,
 * the credential test, failed logins in node executions, the node types list and the trigger
 * across a restart.
 * E2E_N8N_VERSIONS picks the n8n versions (comma-separated); all tested ones by default.
 */
import { rmSync } from 'fs';
import path from 'path';

import { startSandbox, type Sandbox } from '../sandbox';
import { catalogApi } from '../sandbox/entities/catalog/routes';
import {
	forSandbox,
	loadExamples,
	SANDBOX_CREDENTIAL_ID,
	SANDBOX_TOKEN_CREDENTIAL_ID,
	sandboxCredentials,
} from '../scripts/n8n/examples';
import {
	N8nInstance,
	outputOf,
	type ExecutionResult,
	type WorkflowJson,
} from '../scripts/n8n/instance';
import { installPack } from '../scripts/n8n/pack';
import { freePort } from '../scripts/n8n/processes';
import { CACHE_DIR, ensureN8n } from '../scripts/n8n/runtime';
import { LOGIN_FAILURE_MESSAGES, UNRESOLVABLE_BASE_URL } from '../test/harness/loginFailures';
import { selfSignedCertificate } from '../test/harness/tls';
import {
	activateHttpRequestWorkflows,
	callThroughHttpRequest,
	httpRequestWorkflows,
	rejectedHttpCredential,
	TAG_PAIRS_PATH,
} from './anyEndpoint';
import {
	closeRotationSandboxes,
	rotationCredentials,
	rotationWorkflows,
	startRotationSandboxes,
	triggerThroughARotation,
	triggerWhoseBaseUrlMoved,
	webhookExecutionsOnARejectedPassword,
	type RotationSandboxes,
} from './rotation';
import {
	e2eVersions,
	exampleFile,
	expectEveryChangeOnce,
	INSTALL_TIMEOUT_MS,
	SCAN_AND_USER_EVENTS,
	listRolesWith,
	waitFor,
	webhookWorkflow,
	packedPackage,
} from './support';

/** Every event of the BigID Trigger, polled every minute: what the trigger test counts. */
const EVENT_WATCHER: WorkflowJson = {
	// n8n 1.x saves static data only for workflow IDs of at most 16 characters.
	id: 'BigIdE2eWatch001',
	name: 'E2E: Every BigID Event',
	nodes: [
		{
			id: 'f0c2a8f4-6c55-4c1e-9d59-000000000001',
			name: 'BigID Trigger',
			type: 'n8n-nodes-bigid.bigIdTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				events: SCAN_AND_USER_EVENTS,
				pollTimes: { item: [{ mode: 'everyMinute' }] },
			},
			credentials: { bigIdApi: { id: SANDBOX_CREDENTIAL_ID, name: 'BigID Sandbox' } },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

/** A failed login, run as a node execution: a webhook starts a workflow whose BigID node lists roles. */
interface LoginFailure {
	name: string;
	/** The credential's data, given the sandboxes of the test. */
	credential: (sandboxes: LoginSandboxes) => Record<string, unknown>;
	/** The sandbox whose login requests are counted, if the login can reach one. */
	countedOn?: (sandboxes: LoginSandboxes) => Sandbox;
	message: (sandboxes: LoginSandboxes, n8nMajor: 1 | 2) => string | RegExp;
	/** POST /sessions and GET /refresh-access-token requests that sandbox saw. */
	loginRequests: number;
}

interface LoginSandboxes {
	/** Expects the raw token, as most BigID versions do. */
	raw: Sandbox;
	selfSigned: Sandbox;
	closedPortUrl: string;
}

const session = (box: Sandbox, password = box.options.password) => ({
	baseUrl: box.url,
	authMode: 'session',
	username: box.options.username,
	password,
	authHeaderFormat: 'raw',
	ignoreSslIssues: false,
});

const LOGIN_FAILURES: LoginFailure[] = [
	{
		name: 'wrong password',
		credential: ({ raw }) => session(raw, 'not-the-password'),
		countedOn: ({ raw }) => raw,
		message: () => LOGIN_FAILURE_MESSAGES.wrongPassword,
		loginRequests: 1,
	},
	{
		name: 'revoked API token',
		credential: ({ raw }) => ({
			baseUrl: raw.url,
			authMode: 'apiToken',
			apiToken: 'a-revoked-api-token',
			authHeaderFormat: 'raw',
			ignoreSslIssues: false,
		}),
		countedOn: ({ raw }) => raw,
		message: () => LOGIN_FAILURE_MESSAGES.revokedApiToken,
		loginRequests: 1,
	},
	{
		name: 'closed port',
		credential: ({ raw, closedPortUrl }) => ({ ...session(raw), baseUrl: closedPortUrl }),
		message: ({ closedPortUrl }) => LOGIN_FAILURE_MESSAGES.closedPort(closedPortUrl),
		loginRequests: 0,
	},
	{
		name: 'host name that does not resolve',
		credential: ({ raw }) => ({ ...session(raw), baseUrl: UNRESOLVABLE_BASE_URL }),
		message: () => LOGIN_FAILURE_MESSAGES.unresolvableHostOrDnsBusy(UNRESOLVABLE_BASE_URL),
		loginRequests: 0,
	},
	{
		name: 'self-signed certificate with Ignore SSL Issues off',
		credential: ({ selfSigned }) => session(selfSigned),
		countedOn: ({ selfSigned }) => selfSigned,
		message: ({ selfSigned }) => LOGIN_FAILURE_MESSAGES.selfSignedCertificate(selfSigned.url),
		loginRequests: 0,
	},
	{
		name: 'Bearer where BigID wants the raw token',
		credential: ({ raw }) => ({ ...session(raw), authHeaderFormat: 'bearer' }),
		countedOn: ({ raw }) => raw,
		message: (_, n8nMajor) => LOGIN_FAILURE_MESSAGES.bearerForRaw(n8nMajor),
		// The first login, n8n's after the 401, and the transport's one more round for a revoked token.
		loginRequests: 3,
	},
];

const loginFailureId = (index: number) => `BigIdLoginFail0${index + 1}`;
const loginFailurePath = (index: number) => `bigid-login-failure-${index + 1}`;

function loginFailureWorkflow(index: number): WorkflowJson {
	const id = loginFailureId(index);
	return webhookWorkflow({
		id,
		name: `E2E: failed login, ${LOGIN_FAILURES[index].name}`,
		path: loginFailurePath(index),
		uuid: (last) => `7b1e4c2a-0d5f-4a8e-9c3b-${String(index * 10 + last).padStart(12, '0')}`,
		target: listRolesWith(id, `Failed login: ${LOGIN_FAILURES[index].name}`),
	});
}

const loginRequestsOf = (box: Sandbox) =>
	(box.stats.byRoute['POST /api/v1/sessions'] ?? 0) +
	(box.stats.byRoute['GET /api/v1/refresh-access-token'] ?? 0);

describe.each(e2eVersions)('n8n %s with the packed n8n-nodes-bigid', (version) => {
	let sandbox: Sandbox;
	let loginSandboxes: LoginSandboxes;
	let instance: N8nInstance;
	let rotationSandboxes: RotationSandboxes;
	const examples = loadExamples();

	beforeAll(async () => {
		const n8n = await ensureN8n(version);
		const pack = packedPackage();
		sandbox = await startSandbox({});
		loginSandboxes = {
			raw: await startSandbox({ authHeader: 'raw' }),
			selfSigned: await startSandbox({ tls: selfSignedCertificate() }),
			closedPortUrl: `http://127.0.0.1:${await freePort()}`,
		};
		rotationSandboxes = await startRotationSandboxes();
		const userFolder = path.join(CACHE_DIR, 'e2e', `n8n-${version}`);
		rmSync(userFolder, { recursive: true, force: true });
		instance = new N8nInstance({ n8n, userFolder, logFile: path.join(userFolder, 'n8n.log') });
		await installPack(userFolder, pack);
		await instance.importCredentials([
			...sandboxCredentials(sandbox.url, sandbox.options),
			...LOGIN_FAILURES.map((failure, index) => ({
				id: loginFailureId(index),
				name: `Failed login: ${failure.name}`,
				type: 'bigIdApi',
				data: failure.credential(loginSandboxes),
			})),
			...rotationCredentials(rotationSandboxes),
			rejectedHttpCredential(loginSandboxes.raw),
		]);
		await instance.importWorkflows([
			...examples.map(({ workflow }) => forSandbox(workflow, sandbox.url)),
			EVENT_WATCHER,
			...LOGIN_FAILURES.map((_, index) => loginFailureWorkflow(index)),
			...rotationWorkflows(),
			...httpRequestWorkflows(),
		]);
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await instance?.stop();
		await sandbox?.close();
		await loginSandboxes?.raw.close();
		await loginSandboxes?.selfSigned.close();
		await closeRotationSandboxes(rotationSandboxes);
	});

	describe('example workflows run with n8n execute --id', () => {
		const run = async (prefix: string): Promise<ExecutionResult> =>
			await instance.execute(exampleFile(prefix).id);

		it('01 scan profile tutorial: creates a one-time profile of the chosen sources, scans it, reports Completed', async () => {
			const result = await run('01');
			const [report] = outputOf(result, 'Report Status');
			const profile = sandbox.store.scanProfiles.find(({ name }) =>
				name.startsWith('Targeted Marketing Data Scan '),
			);
			const wanted = sandbox.store.dataSources
				.filter(({ name }) => /marketing|sales/i.test(name))
				.map(({ _id }) => _id);
			expect(wanted.length).toBeGreaterThan(0);
			expect(profile).toMatchObject({ dataSourceList: wanted, isSingleRunScan: true });
			const scan = sandbox.store.getScan(String(report.scanId));
			expect(scan).toMatchObject({ scanProfileId: profile!._id, state: 'Completed' });
			expect(report).toMatchObject({
				scanProfile: profile!.name,
				status: 'Completed',
				succeeded: true,
			});
		});

		it('02 provision a local user: creates jane.doe with the Data Steward role and never outputs the password', async () => {
			const result = await run('02');
			const [summary] = outputOf(result, 'Summary');
			const user = sandbox.store.findUserByName('jane.doe');
			expect(user).toMatchObject({
				email: 'jane.doe@example.com',
				role: 'Data Steward',
				origin: 'local',
				isEnabled: true,
				firstName: 'Jane',
			});
			expect(summary).toMatchObject({ userId: user!._id, role: 'Data Steward', isEnabled: true });
			expect(JSON.stringify(result)).not.toMatch(/Welcome-[0-9a-z]+-\d+/);
		});

		it('03 departed employee: finds the user by email, disables (not deletes) it and confirms', async () => {
			const departed = sandbox.store.users.find(({ email }) => email === 'ada.lamarr7@example.com');
			expect(departed?.isEnabled).toBe(true);
			const result = await run('03');
			const [report] = outputOf(result, 'Report');
			expect(report).toMatchObject({
				email: 'ada.lamarr7@example.com',
				userId: departed!._id,
				disabled: true,
			});
			expect(sandbox.store.getUser(departed!._id)).toMatchObject({ isEnabled: false });
			expect(result.data.resultData.runData['Not Found']).toBeUndefined();
		});

		it('04 access review: every user with the review columns in one CSV file', async () => {
			const result = await run('04');
			const [file] = result.data.resultData.runData['Convert to CSV'][0].data!.main![0]!;
			const binary = (file as unknown as { binary: { data: { data: string; fileName: string } } })
				.binary.data;
			expect(binary).toMatchObject({ mimeType: 'text/csv' });
			expect(binary.fileName).toMatch(/^bigid-access-review-\d{4}-\d{2}-\d{2}\.csv$/);
			const csv = instance.binaryContent(binary).toString('utf8').trim().split('\n');
			expect(csv[0]).toBe('id,name,email,role,isEnabled,origin,createdAt,updatedAt');
			expect(csv).toHaveLength(sandbox.store.users.length + 1);
			for (const user of sandbox.store.users) {
				expect(csv.some((line) => line.startsWith(`${user._id},${user.name},${user.email},`))).toBe(
					true,
				);
			}
		});

		it('05 scan finished to ticket: Try It sends the sample event as a ticket to the configured URL', async () => {
			const before = sandbox.tickets.length;
			const result = await run('05');
			expect(outputOf(result, 'Sample Event')).toHaveLength(1);
			expect(sandbox.tickets).toHaveLength(before + 1);
			expect(sandbox.tickets[before].body).toMatchObject({
				title: 'BigID scan "Legacy Source Scan" failed: Failed',
				priority: 'high',
				labels: ['bigid', 'scan', 'failed'],
				externalId: 'sample-scan-finished-event',
				scanState: 'Failed',
			});
		});

		it('12 exception approved (HTTP Request node with the BigID API credential): Try It tags the sample object, and again tags nothing new', async () => {
			const catalog = sandbox.store.model(catalogApi);
			const tagsOf = () =>
				catalog.objects.find(
					({ fullyQualifiedName }) => fullyQualifiedName === 'marketing-db-1.public.customers',
				)?.tags;
			expect(tagsOf()).not.toContainEqual({ tagName: 'Exception', tagValue: 'Approved' });
			const [first] = outputOf(await run('12'), 'Report');
			expect(first).toEqual({
				ticketId: 'SEC-77',
				tag: 'Exception = Approved',
				objectsTagged: 1,
				errors: [],
			});
			expect(tagsOf()).toContainEqual({ tagName: 'Exception', tagValue: 'Approved' });
			const [again] = outputOf(await run('12'), 'Report');
			expect(again).toMatchObject({ objectsTagged: 0, errors: [] });
		});
	});

	describe('on a running n8n', () => {
		beforeAll(async () => {
			await instance.start();
			await instance.setUpOwner();
		}, 5 * 60_000);

		it('lists the BigID node, its tool variant and the BigID Trigger as n8n-nodes-bigid node types', async () => {
			const types = await instance.rest<Array<{ name: string; displayName: string }>>(
				'GET',
				'/types/nodes.json',
			);
			const ours = types.filter(({ name }) => name.startsWith('n8n-nodes-bigid.'));
			expect(ours.map(({ name }) => name).sort()).toEqual([
				'n8n-nodes-bigid.bigId',
				'n8n-nodes-bigid.bigIdTool',
				'n8n-nodes-bigid.bigIdTrigger',
			]);
		});

		it('knows every node type and version the examples use (the AI agent example included)', async () => {
			const types = await instance.rest<Array<{ name: string; version: number | number[] }>>(
				'GET',
				'/types/nodes.json',
			);
			const known = new Set(
				types.flatMap(({ name, version: v }) =>
					(Array.isArray(v) ? v : [v]).map((one) => `${name}@${one}`),
				),
			);
			const unknown: string[] = [];
			for (const { workflow } of examples) {
				const stored = await instance.rest<WorkflowJson>('GET', `/rest/workflows/${workflow.id}`);
				expect(stored.nodes).toHaveLength(workflow.nodes.length);
				for (const { type, typeVersion } of stored.nodes) {
					const key = `${String(type)}@${String(typeVersion)}`;
					if (!known.has(key)) unknown.push(`${workflow.name}: ${key}`);
				}
			}
			expect(unknown).toEqual([]);
		});

		it('the credential test answers OK for the sandbox credentials, in both authentication modes', async () => {
			for (const id of [SANDBOX_CREDENTIAL_ID, SANDBOX_TOKEN_CREDENTIAL_ID]) {
				expect(await instance.testCredential(id)).toEqual({
					status: 'OK',
					message: 'Connection successful!',
				});
			}
		});

		it('the credential test gives a clear error for a wrong password, a wrong API token and an unreachable host', async () => {
			const base = { baseUrl: sandbox.url, authHeaderFormat: 'raw', ignoreSslIssues: false };
			const session = (password: string) => ({ authMode: 'session', username: 'admin', password });
			const cases: Array<{ data: Record<string, unknown>; secret: string; message: RegExp }> = [
				{
					data: { ...base, ...session('not-the-password') },
					secret: 'not-the-password',
					message: /Check the username and password/,
				},
				{
					data: { ...base, authMode: 'apiToken', apiToken: 'not-a-valid-token' },
					secret: 'not-a-valid-token',
					message: /Check the API token/,
				},
				{
					data: { ...base, baseUrl: 'http://127.0.0.1:9', ...session('unreachable-password') },
					secret: 'unreachable-password',
					message: /127\.0\.0\.1:9/,
				},
			];
			for (const { data, secret, message } of cases) {
				// As the editor does: a new credential is saved, then tested.
				const { id } = await instance.rest<{ id: string }>('POST', '/rest/credentials', {
					name: `Bad BigID credential: ${secret}`,
					type: 'bigIdApi',
					data,
				});
				const answer = await instance.testCredential(id);
				expect(answer.status).toBe('Error');
				expect(answer.message).toMatch(message);
				expect(answer.message).not.toContain(secret);
			}
		});

		describe('a failed login, in a node execution: the message, and how many logins BigID saw', () => {
			const n8nMajor = version.startsWith('1.') ? 1 : 2;

			it.each(LOGIN_FAILURES.map((failure, index) => [failure.name, index] as const))(
				'%s',
				async (_, index) => {
					const failure = LOGIN_FAILURES[index];
					const counted = failure.countedOn?.(loginSandboxes);
					const loginsBefore = counted ? loginRequestsOf(counted) : 0;
					const workflowId = loginFailureId(index);
					await instance.activateWorkflow(workflowId);

					const started = await waitFor('the webhook to be registered', async () => {
						const response = await fetch(`${instance.url}/webhook/${loginFailurePath(index)}`, {
							method: 'POST',
						});
						return response.status === 404 ? undefined : response.status;
					});
					expect(started).toBe(200);
					// The execution is listed as failed a moment before its run data is saved.
					const { execution, error } = await waitFor('the failed execution', async () => {
						const [run] = await instance.executionsOf(workflowId);
						const nodeError = run?.data.resultData.runData.BigID?.[0]?.error;
						return run?.status === 'error' && nodeError
							? { execution: run, error: nodeError }
							: undefined;
					});
					const logins = counted ? loginRequestsOf(counted) - loginsBefore : 0;
					process.stdout.write(
						`[e2e] n8n ${version}, ${failure.name}: ${logins} login request(s), "${error.message}"\n`,
					);
					const message = failure.message(loginSandboxes, n8nMajor);
					if (typeof message === 'string') expect(error.message).toBe(message);
					else expect(error.message).toMatch(message);
					expect(logins).toBe(failure.loginRequests);
					expect(JSON.stringify(execution)).not.toContain('not-the-password');
					expect(JSON.stringify(execution)).not.toContain('a-revoked-api-token');
				},
			);
		});

		it('serves the BigID node with Custom API Call, and the BigID API credential as one the HTTP Request node can use', async () => {
			const nodes = await instance.rest<
				Array<{
					name: string;
					properties: Array<{ name: string; options?: Array<{ value: unknown }> }>;
				}>
			>('GET', '/types/nodes.json');
			const bigId = nodes.find(({ name }) => name === 'n8n-nodes-bigid.bigId')!;
			for (const parameter of ['resource', 'operation']) {
				const offered = bigId.properties
					.filter(({ name }) => name === parameter)
					.flatMap(({ options }) => (options ?? []).map(({ value }) => value));
				expect(offered).toContain('__CUSTOM_API_CALL__');
			}
			const credentials = await instance.rest<Array<Record<string, unknown>>>(
				'GET',
				'/types/credentials.json',
			);
			const bigIdApi = credentials.find(({ name }) => name === 'bigIdApi')!;
			// The HTTP Request node offers credential types that have an `authenticate`.
			expect(bigIdApi.authenticate).toBeDefined();
			expect(bigIdApi.httpRequestNode).toMatchObject({ name: 'BigID' });
			process.stdout.write(
				`[e2e] n8n ${version}: BigID node Resource options ${JSON.stringify(bigId.properties.find(({ name }) => name === 'resource')?.options?.map(({ value }) => value))}; bigIdApi served with authenticate ${JSON.stringify(bigIdApi.authenticate)}, httpRequestNode ${JSON.stringify(bigIdApi.httpRequestNode)}\n`,
			);
		});

		it('an HTTP Request node with the BigID API credential calls an endpoint the BigID node does not name: both modes, a revoked session (1 login), a rejected password (1 login), no token to another host', async () => {
			await activateHttpRequestWorkflows(instance);
			const pairs = `${sandbox.url}${TAG_PAIRS_PATH}?search=Exception`;
			const logins = () => sandbox.stats.logins + sandbox.stats.tokenExchanges;
			for (const credential of ['session', 'apiToken'] as const) {
				const first = await callThroughHttpRequest(instance, credential, pairs);
				expect(first.error).toBeUndefined();
				expect(first.output?.[0].data).toEqual(
					expect.arrayContaining([
						expect.objectContaining({ tagName: 'Exception', tagValue: 'Approved' }),
					]),
				);
				sandbox.revokeAllTokens();
				const loginsBefore = logins();
				const renewed = await callThroughHttpRequest(instance, credential, pairs);
				expect(renewed.error).toBeUndefined();
				expect(logins() - loginsBefore).toBe(1);
			}

			const raw = loginSandboxes.raw;
			const failedBefore = raw.stats.failedLogins;
			const rejected = await callThroughHttpRequest(
				instance,
				'rejected',
				`${raw.url}${TAG_PAIRS_PATH}`,
			);
			expect(rejected.error).toContain('BigID rejected the login: Authentication failed');
			const again = await callThroughHttpRequest(
				instance,
				'rejected',
				`${raw.url}${TAG_PAIRS_PATH}`,
			);
			expect(again.error).toMatch(LOGIN_FAILURE_MESSAGES.wrongPasswordRefused);
			expect(raw.stats.failedLogins - failedBefore).toBe(1);

			const elsewhere = `${raw.url}${TAG_PAIRS_PATH}`;
			const requestsBefore = raw.stats.requests;
			const outside = await callThroughHttpRequest(instance, 'session', elsewhere);
			expect(outside.error).toContain(
				`The BigID API credential sends its token only to its Base URL's host (${sandbox.url})`,
			);
			expect(raw.stats.requests).toBe(requestsBefore);
			process.stdout.write(
				`[e2e] n8n ${version}, HTTP Request node: rejected password "${rejected.error}"; another host "${outside.error}"\n`,
			);
		});

		it(
			'a password BigID rejects: 20 webhook executions cost 1 failed login, an active trigger recovers at the first poll after the fix and follows a moved Base URL',
			async () => {
				const [webhook, rotation, move] = await Promise.all([
					webhookExecutionsOnARejectedPassword(instance, rotationSandboxes),
					triggerThroughARotation(instance, rotationSandboxes),
					triggerWhoseBaseUrlMoved(instance, rotationSandboxes),
				]);
				process.stdout.write(
					`[e2e] n8n ${version}, a rotated password: ${JSON.stringify({ webhook, rotation, move })}\n`,
				);
			},
			8 * 60_000,
		);

		it('03 departed employee, activated: the HR webhook disables a known user and reports an unknown email as not found', async () => {
			const departed = exampleFile('03');
			await instance.activateWorkflow(departed.id);
			const known = sandbox.store.findUserByName('alan.allen12')!;
			const email = 'alan.allen12@example.com';
			expect(known).toMatchObject({ email, isEnabled: true });
			// Activation completes after the REST call returns: the webhook answers 404 until then.
			const callWebhook = async (email: string) =>
				await waitFor('the HR System Webhook to be registered', async () => {
					const response = await fetch(`${instance.url}/webhook/bigid-departed-employee`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ email }),
					});
					return response.status === 404 ? undefined : response.status;
				});
			const finishedRuns = async (count: number) =>
				await waitFor(`${count} webhook executions`, async () => {
					const runs = (await instance.executionsOf(departed.id)).filter(
						({ mode }) => mode === 'webhook',
					);
					// n8n 1.x lists an execution as finished a moment before its run data is saved.
					const finished = runs.every(
						({ status, data }) =>
							status === 'success' &&
							['Report', 'Not Found'].some((last) => data.resultData.runData[last]),
					);
					return runs.length >= count && finished ? runs : undefined;
				});

			expect(await callWebhook(email)).toBe(200);
			const [disabled] = await finishedRuns(1);
			expect(outputOf(disabled, 'Report')).toEqual([
				expect.objectContaining({ email, userId: known._id, disabled: true }),
			]);
			expect(sandbox.store.getUser(known._id)?.isEnabled).toBe(false);

			expect(await callWebhook('nobody@example.com')).toBe(200);
			const [, notFound] = await finishedRuns(2);
			expect(outputOf(notFound, 'Not Found')).toEqual([
				expect.objectContaining({ email: 'nobody@example.com', disabled: false }),
			]);
			expect(notFound.data.resultData.runData['Disable User']).toBeUndefined();
		});

		it(
			'the BigID Trigger, activated, emits every scan and user change exactly once across a restart',
			async () => {
				const store = sandbox.store;
				const userNamed = (name: string) => {
					const user = store.findUserByName(name);
					if (!user) throw new Error(`The sandbox has no user ${name}`);
					return user;
				};
				const ticketExample = exampleFile('05');
				const requestsTo = (route: string) => sandbox.stats.byRoute[route] ?? 0;
				/**
				 * Activation polls run after the REST call or the restart returns, and record what exists
				 * as the baseline; a change made before they read BigID would be part of it.
				 */
				const activationPollsDone = async () => {
					const users = requestsTo('GET /api/v1/users');
					const scans = requestsTo('GET /api/v1/scans/parent-scans');
					return async () =>
						await waitFor('the activation polls', async () =>
							requestsTo('GET /api/v1/users') > users &&
							requestsTo('GET /api/v1/scans/parent-scans') >= scans + 2
								? true
								: undefined,
						);
				};
				let activated = await activationPollsDone();
				await instance.activateWorkflow(EVENT_WATCHER.id);
				await instance.activateWorkflow(ticketExample.id);
				await activated();
				const expected: string[] = [];
				const scanIds: string[] = [];
				const finishScan = (state: string) => {
					const scan = store.createFinishedParentScan({ state });
					scanIds.push(scan._id);
					expected.push(`scanFinished ${scan._id}`);
				};
				const everyChangeEmittedOnce = async (what: string) =>
					await expectEveryChangeOnce(
						what,
						async () => await instance.executionsOf(EVENT_WATCHER.id),
						expected,
					);

				const createUser = (name: string, role: string) => {
					const user = store.createUser({ name, email: `${name}@example.com`, role });
					expected.push(`userCreated ${user._id}`);
				};
				const changeUser = (name: string, change: Record<string, unknown>, event: string) => {
					const { _id } = userNamed(name);
					store.updateUser(_id, change);
					expected.push(`${event} ${_id}`);
				};

				// While n8n runs.
				finishScan('Completed');
				createUser('e2e.alice', 'Viewer');
				changeUser('edsger.turing1', { role: 'Auditor' }, 'userRoleChanged');
				changeUser('grace.thompson2', { isEnabled: false }, 'userDisabled');
				await everyChangeEmittedOnce('the first changes to be emitted');

				// While n8n is stopped, then after it started again.
				await instance.stop();
				finishScan('Failed');
				const deleted = userNamed('frances.berners3');
				store.deleteUser(deleted._id);
				expected.push(`userDeleted ${deleted._id}`);
				expect(userNamed('frances.liskov8').isEnabled).toBe(false);
				changeUser('frances.liskov8', { isEnabled: true }, 'userEnabled');
				activated = await activationPollsDone();
				await instance.start();
				await activated();
				createUser('e2e.bob', 'Auditor');
				changeUser('radia.backus4', { email: 'radia.backus@example.org' }, 'userUpdated');
				finishScan('Completed');
				await everyChangeEmittedOnce('the changes around the restart to be emitted');

				// One more poll, which must find nothing new.
				const listingsSoFar = requestsTo('GET /api/v1/users');
				await waitFor('one more poll', async () =>
					requestsTo('GET /api/v1/users') > listingsSoFar ? true : undefined,
				);
				await new Promise((resolve) => setTimeout(resolve, 5000));
				await everyChangeEmittedOnce('the last poll to end');

				const tickets = sandbox.tickets
					.map(({ body }) => body as Record<string, string>)
					.filter(({ externalId }) => externalId !== 'sample-scan-finished-event');
				expect(tickets.map(({ scanId }) => scanId).sort()).toEqual([...scanIds].sort());
				for (const ticket of tickets) {
					const scan = store.getScan(ticket.scanId)!;
					expect(ticket).toMatchObject({
						scanState: scan.state,
						priority: scan.state === 'Completed' ? 'low' : 'high',
						title: expect.stringMatching(/^BigID scan ".+" (failed|finished): \w+$/),
					});
				}
			},
			10 * 60_000,
		);
	});
});
