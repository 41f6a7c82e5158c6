import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { BigIdApi } from '../../credentials/BigIdApi.credentials';
import { REJECTED_LOGIN_REMEMBERED_MS } from '../../credentials/common/bigId/rejectedLogins';
import { BigId } from '../../nodes/BigId/BigId.node';
import { listRolesOnce } from '../../nodes/BigId/api/roles';
import { startRun } from '../../nodes/BigId/api/runCache';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { loadOptionsContext } from '../harness/actionNode';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import type { N8nRequestHelper } from '../harness/engine';
import { CREDENTIAL_ID, N8N_REQUEST_HELPERS, runWorkflow } from '../harness/engine';
import { capturedLogText } from '../harness/logs';
import { eventKeyOf, PollHarness } from '../harness/poll';
import { everythingVisible, requestsTo, startSandboxSession } from '../harness/sandbox';
import { SAVE_MODELS } from '../harness/staticData';

const listRoles = [{ parameters: { resource: 'role', operation: 'getMany', returnAll: true } }];
const ROLES_ROUTE = 'GET /api/v1/roles';
const LOGIN_ROUTE = 'POST /api/v1/sessions';
const NOT_TRIED_AGAIN = 'No new login was tried, so the account is not locked';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
	jest.restoreAllMocks();
	await Promise.all(sandboxes.splice(0).map(async (sandbox) => await sandbox.close()));
});

/** Each test its own password: the process remembers rejections across the tests of a file. */
let passwordCount = 0;
const uniqueWrongPassword = () => `Wr0ng-Pa55word-${++passwordCount}-${Date.now()}`;

async function session(credential: Record<string, string> = {}) {
	const started = await startSandboxSession({}, credential);
	sandboxes.push(started.sandbox);
	return started;
}

function storedCredential(credentials: TestCredentialsHelper) {
	return credentials.store.get(CREDENTIAL_ID)!.data;
}

/** The clock of the whole process moved on by `ms`, as if that much time had passed. */
function timePasses(ms: number) {
	const realNow = Date.now.bind(Date);
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
}

describe('a secret BigID rejected is tried once per n8n process', () => {
	test.each(N8N_REQUEST_HELPERS)(
		'%s: 20 executions, 10 one after another and 10 at once, cost 1 failed login, each a clear error',
		async (requestHelper: N8nRequestHelper) => {
			const password = uniqueWrongPassword();
			const { sandbox, credentials } = await session({ password });
			const execute = async () =>
				await runWorkflow({ credentials, nodes: listRoles, requestHelper });

			const sequential = [];
			for (let run = 0; run < 10; run++) sequential.push(await execute());
			const concurrent = await Promise.all(Array.from({ length: 10 }, execute));

			expect(sandbox.stats.failedLogins).toBe(1);
			expect(sandbox.stats.logins).toBe(0);
			expect(requestsTo(sandbox, ROLES_ROUTE)).toBe(0);
			const [first, ...later] = [...sequential, ...concurrent];
			expect(first.error?.message).toContain('BigID rejected the login: Authentication failed');
			expect(first.error?.message).toContain(
				'n8n will not log in with this password again for 15 minutes',
			);
			for (const result of later) {
				expect(result.error?.message).toContain('BigID rejected the login: Authentication failed');
				expect(result.error?.message).toContain(NOT_TRIED_AGAIN);
				expect(result.error?.message).toContain('a changed password logs in at once');
				expect(everythingVisible(result)).not.toContain(password);
			}
			expect(capturedLogText()).not.toContain(password);
		},
	);

	test('10 executions at once on a fresh rejected password share the one failed login', async () => {
		const { sandbox, credentials } = await session({ password: uniqueWrongPassword() });
		const results = await Promise.all(
			Array.from({ length: 10 }, async () => await runWorkflow({ credentials, nodes: listRoles })),
		);
		expect(sandbox.stats.failedLogins).toBe(1);
		expect(results.every((result) => result.error?.message.includes('BigID rejected'))).toBe(true);
	});

	test('a changed password logs in at once; the rejection of the old one stays', async () => {
		const wrong = uniqueWrongPassword();
		const { sandbox, credentials } = await session({ password: wrong });
		await runWorkflow({ credentials, nodes: listRoles });
		expect(sandbox.stats.failedLogins).toBe(1);

		storedCredential(credentials).password = sandbox.options.password;
		const fixed = await runWorkflow({ credentials, nodes: listRoles });
		expect(fixed.error).toBeUndefined();
		expect(sandbox.stats.logins).toBe(1);

		storedCredential(credentials).password = wrong;
		const again = await runWorkflow({ credentials, nodes: listRoles });
		expect(again.error?.message).toContain(NOT_TRIED_AGAIN);
		expect(sandbox.stats.failedLogins).toBe(1);
		expect(requestsTo(sandbox, LOGIN_ROUTE)).toBe(2);
	});

	test('a changed Base URL or username is a new identity: it logs in at once', async () => {
		const wrong = uniqueWrongPassword();
		const { sandbox, credentials } = await session({ password: wrong });
		await runWorkflow({ credentials, nodes: listRoles });
		storedCredential(credentials).baseUrl = `${sandbox.url}/api/v1`;
		const sameDeployment = await runWorkflow({ credentials, nodes: listRoles });
		expect(sameDeployment.error?.message).toContain(NOT_TRIED_AGAIN);
		expect(sandbox.stats.failedLogins).toBe(1);

		const other = await startSandbox();
		sandboxes.push(other);
		storedCredential(credentials).baseUrl = other.url;
		await runWorkflow({ credentials, nodes: listRoles });
		expect(other.stats.failedLogins).toBe(1);

		storedCredential(credentials).baseUrl = sandbox.url;
		storedCredential(credentials).username = 'someone-else';
		await runWorkflow({ credentials, nodes: listRoles });
		expect(sandbox.stats.failedLogins).toBe(2);
	});

	test('after the remembered period the same password is tried once more, then remembered again', async () => {
		const { sandbox, credentials } = await session({ password: uniqueWrongPassword() });
		await runWorkflow({ credentials, nodes: listRoles });
		timePasses(REJECTED_LOGIN_REMEMBERED_MS - 60_000);
		const stillRemembered = await runWorkflow({ credentials, nodes: listRoles });
		expect(stillRemembered.error?.message).toContain(NOT_TRIED_AGAIN);
		expect(sandbox.stats.failedLogins).toBe(1);

		jest.restoreAllMocks();
		timePasses(REJECTED_LOGIN_REMEMBERED_MS + 1_000);
		const retried = await runWorkflow({ credentials, nodes: listRoles });
		expect(retried.error?.message).toContain('BigID rejected the login: Authentication failed');
		expect(retried.error?.message).not.toContain(NOT_TRIED_AGAIN);
		await runWorkflow({ credentials, nodes: listRoles });
		expect(sandbox.stats.failedLogins).toBe(2);
	});

	test('a login that failed for now (503) is no rejection: the next execution logs in', async () => {
		const { sandbox, credentials } = await session();
		sandbox.faults.inject({ route: LOGIN_ROUTE, kind: '503', times: 5 });
		const unavailable = await runWorkflow({ credentials, nodes: listRoles });
		expect(unavailable.error?.message).toContain('BigID could not log in (HTTP 503');
		const next = await runWorkflow({ credentials, nodes: listRoles });
		expect(next.error).toBeUndefined();
		expect(sandbox.stats.logins).toBe(1);
	});

	/**
	 * n8n 3.0's poll scheduler reads the error's HTTP status: a 401 is a dead credential and
	 * pauses the trigger for 30 minutes; an outage is retried soon after. So a login that failed
	 * for now must not say 401.
	 */
	test.each(N8N_REQUEST_HELPERS)(
		'%s: n8n is told 401 for a rejected login and the status of a login that failed for now',
		async (requestHelper: N8nRequestHelper) => {
			const { sandbox, credentials } = await session({ password: uniqueWrongPassword() });
			const rejected = await runWorkflow({ credentials, nodes: listRoles, requestHelper });
			expect(rejected.error?.httpCode).toBe('401');

			const outage = await session();
			const loginDuring = async (kind: '503' | 'html-502') => {
				outage.sandbox.faults.inject({ route: LOGIN_ROUTE, kind, times: 5 });
				const { error } = await runWorkflow({
					credentials: outage.credentials,
					nodes: listRoles,
					requestHelper,
				});
				return error;
			};
			const unavailable = await loginDuring('503');
			expect(unavailable?.message).toContain('BigID could not log in (HTTP 503');
			expect(unavailable?.httpCode).toBe('503');
			const badGateway = await loginDuring('html-502');
			expect(badGateway?.message).toContain('answered the login with 502 Bad Gateway');
			expect(badGateway?.httpCode).toBe('502');
			expect(sandbox.stats.failedLogins).toBe(1);
		},
	);

	test('a revoked API token is exchanged once, then refused without a request', async () => {
		const apiToken = `revoked-${uniqueWrongPassword()}`;
		const { sandbox, credentials } = await session({ authMode: 'apiToken', apiToken });
		const results = [];
		for (let run = 0; run < 5; run++)
			results.push(await runWorkflow({ credentials, nodes: listRoles }));
		expect(requestsTo(sandbox, 'GET /api/v1/refresh-access-token')).toBe(1);
		expect(results[0].error?.message).toContain('BigID rejected the login (HTTP 401');
		expect(results[4].error?.message).toContain(
			'No new login was tried, so the account is not locked: BigID rejected this API token',
		);
		expect(everythingVisible(results[4])).not.toContain(apiToken);

		storedCredential(credentials).authHeaderFormat = 'bearer';
		await runWorkflow({ credentials, nodes: listRoles });
		expect(requestsTo(sandbox, 'GET /api/v1/refresh-access-token')).toBe(2);
	});

	test('a dropdown with the rejected password sends nothing', async () => {
		const { sandbox, credentials } = await session({ password: uniqueWrongPassword() });
		await runWorkflow({ credentials, nodes: listRoles });
		const context = loadOptionsContext(
			credentials,
			{ resource: 'user', operation: 'create' },
			'role',
		);
		await expect(new BigId().methods.loadOptions.getRoleNames.call(context)).rejects.toThrow(
			NOT_TRIED_AGAIN,
		);
		expect(sandbox.stats.requests).toBe(1);
	});

	test("the credential's Test button obeys the same rule, and tests a new password at once", async () => {
		const { sandbox, credentials } = await session({ password: uniqueWrongPassword() });
		await runWorkflow({ credentials, nodes: listRoles });
		// n8n's credential test calls preAuthentication whatever the stored token.
		const sent: IHttpRequestOptions[] = [];
		const helpers = {
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					sent.push(options);
					return { auth_token: 'tested-token' };
				},
			},
		} as unknown as IHttpRequestHelper;
		const tested = { ...storedCredential(credentials), sessionToken: 'stale' };
		await expect(new BigIdApi().preAuthentication.call(helpers, tested)).rejects.toThrow(
			NOT_TRIED_AGAIN,
		);
		expect(sent).toHaveLength(0);
		const output = await new BigIdApi().preAuthentication.call(helpers, {
			...tested,
			password: 'a-new-password',
		});
		expect(output.sessionToken).toBe('tested-token');
		expect(sent).toHaveLength(1);
		expect(sandbox.stats.failedLogins).toBe(1);
	});
});

describe('a session belongs to the secret it was issued for', () => {
	test('a password edited to a wrong one does not ride on the old session', async () => {
		const { sandbox, credentials } = await session();
		expect((await runWorkflow({ credentials, nodes: listRoles })).error).toBeUndefined();
		const oldToken = storedCredential(credentials).sessionToken;
		expect(storedCredential(credentials).sessionSeal).toEqual(expect.any(String));
		sandbox.resetStats();

		const wrong = uniqueWrongPassword();
		storedCredential(credentials).password = wrong;
		const result = await runWorkflow({ credentials, nodes: listRoles });

		expect(result.error?.message).toContain('BigID rejected the login: Authentication failed');
		expect(sandbox.stats.failedLogins).toBe(1);
		expect(requestsTo(sandbox, ROLES_ROUTE)).toBe(0);
		expect(storedCredential(credentials).sessionToken).toBe(oldToken);
		expect(everythingVisible(result)).not.toContain(wrong);
	});

	test('a corrected password logs in afresh, then its session is reused', async () => {
		const { sandbox, credentials } = await session();
		await runWorkflow({ credentials, nodes: listRoles });
		const oldToken = storedCredential(credentials).sessionToken;
		sandbox.changePassword('rotated-in-bigid');
		storedCredential(credentials).password = 'rotated-in-bigid';

		expect((await runWorkflow({ credentials, nodes: listRoles })).error).toBeUndefined();
		expect((await runWorkflow({ credentials, nodes: listRoles })).error).toBeUndefined();

		expect(sandbox.stats.logins).toBe(2);
		expect(storedCredential(credentials).sessionToken).not.toBe(oldToken);
		expect(requestsTo(sandbox, ROLES_ROUTE)).toBe(3);
	});

	test('a token stored without a seal (an older pack) costs one login, then is sealed', async () => {
		const { sandbox, credentials } = await session();
		await runWorkflow({ credentials, nodes: listRoles });
		const unsealed = storedCredential(credentials).sessionToken;
		delete storedCredential(credentials).sessionSeal;
		// Past the few seconds in which this process hands out its newest login instead of a new one.
		timePasses(60_000);
		await runWorkflow({ credentials, nodes: listRoles });
		await runWorkflow({ credentials, nodes: listRoles });
		expect(sandbox.stats.logins).toBe(2);
		expect(storedCredential(credentials).sessionToken).not.toBe(unsealed);
		expect(storedCredential(credentials).sessionSeal).toEqual(expect.any(String));
	});
});

describe('an active trigger reads the credential at every poll', () => {
	const userEvents = { events: ['userCreated'] };

	test.each(SAVE_MODELS)(
		'%s: a password rotated in BigID, then fixed in n8n: 1 failed login, and the next poll emits the change once',
		async (saveModel) => {
			const { sandbox, credentials } = await session();
			const trigger = new PollHarness({ credentials, parameters: userEvents, saveModel });
			expect((await trigger.activate()).error).toBeUndefined();
			// The trigger ran for a while before the rotation (durable cursors commit from this poll on).
			expect((await trigger.poll()).items).toBeNull();

			sandbox.changePassword(`rotated-${uniqueWrongPassword()}`);
			sandbox.revokeAllTokens();
			const created = sandbox.store.createUser({
				name: 'joined-during-rotation',
				email: 'rotation@acme.test',
				role: 'Viewer',
			});
			const broken = [await trigger.poll(), await trigger.poll(), await trigger.poll()];
			expect(broken.map((poll) => poll.error?.message)).toEqual([
				expect.stringContaining('BigID rejected the login: Authentication failed'),
				expect.stringContaining(NOT_TRIED_AGAIN),
				expect.stringContaining(NOT_TRIED_AGAIN),
			]);
			expect(sandbox.stats.failedLogins).toBe(1);

			storedCredential(credentials).password = sandbox.options.password;
			const fixed = await trigger.poll();
			expect(fixed.error).toBeUndefined();
			expect((fixed.items ?? []).map(eventKeyOf)).toEqual([`userCreated ${created.id}`]);
			expect((await trigger.poll()).items).toBeNull();
			expect(trigger.executions.flat().map(eventKeyOf)).toEqual([`userCreated ${created.id}`]);
			expect(sandbox.stats.failedLogins).toBe(1);
		},
	);

	test('a Base URL moved to another BigID: the next poll reads that one', async () => {
		const { sandbox, credentials } = await session();
		const trigger = new PollHarness({
			credentials,
			parameters: userEvents,
			saveModel: 'emitAndActivation',
		});
		await trigger.activate();
		const moved = await startSandbox();
		sandboxes.push(moved);
		const created = moved.store.createUser({
			name: 'only-on-the-new-one',
			email: 'moved@acme.test',
			role: 'Viewer',
		});
		sandbox.resetStats();

		storedCredential(credentials).baseUrl = moved.url;
		const { items, error } = await trigger.poll();

		expect(error).toBeUndefined();
		expect((items ?? []).map(eventKeyOf)).toEqual([`userCreated ${created.id}`]);
		expect(sandbox.stats.requests).toBe(0);
		expect(moved.stats.logins).toBe(1);
	});

	test('what a run reads once (the roles) is read again by the next poll', async () => {
		const { sandbox, credentials } = await session();
		const context = loadOptionsContext(credentials, { resource: 'user' }, 'role');
		await listRolesOnce.call(context);
		await listRolesOnce.call(context);
		expect(requestsTo(sandbox, ROLES_ROUTE)).toBe(1);
		startRun(context);
		await listRolesOnce.call(context);
		expect(requestsTo(sandbox, ROLES_ROUTE)).toBe(2);
	});
});
