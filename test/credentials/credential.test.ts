import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { BigIdApi } from '../../credentials/BigIdApi.credentials';
import { parseBaseUrl } from '../../credentials/common/bigId/baseUrl';
import { loginIdentityOf, sessionSealOf } from '../../credentials/common/bigId/identity';
import { bigIdMessageOf, isBadGatewayPage } from '../../credentials/common/bigId/messages';
import type { Sandbox } from '../../sandbox';
import { runWorkflow } from '../harness/engine';
import { capturedLogText } from '../harness/logs';
import { everythingVisible, startSandboxSession } from '../harness/sandbox';

/** The credential with its session sealed, as a login leaves it. */
function sealed(credentials: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const full: ICredentialDataDecryptedObject = {
		authMode: 'session',
		username: 'svc',
		password: 'pw',
		...credentials,
	};
	return {
		...full,
		sessionSeal: sessionSealOf(loginIdentityOf(full), String(full.sessionToken)),
	};
}

const listRoles = [{ parameters: { resource: 'role', operation: 'getMany', returnAll: true } }];

describe('BigID API credential', () => {
	let sandbox: Sandbox | undefined;
	afterEach(async () => {
		await sandbox?.close();
		sandbox = undefined;
	});

	test('logs in with a session, sends the token raw, and reuses it across executions', async () => {
		const session = await startSandboxSession({ authHeader: 'raw' });
		sandbox = session.sandbox;

		const first = await runWorkflow({ credentials: session.credentials, nodes: listRoles });
		expect(first.error).toBeUndefined();
		expect(first.items.map((item) => item.json.name)).toEqual(
			sandbox.store.roles.map((role) => role.name),
		);
		const second = await runWorkflow({ credentials: session.credentials, nodes: listRoles });
		expect(second.error).toBeUndefined();

		expect(sandbox.stats.logins).toBe(1);
		expect(sandbox.stats.rejectedAuth).toBe(0);
		expect(sandbox.stats.byRoute['GET /api/v1/roles']).toBe(2);
		expect(session.credentials.store.get('bigid-sandbox')!.data.sessionToken).toMatch(/^ey/);
	});

	test('exchanges an API token for a system token, without a password login', async () => {
		const session = await startSandboxSession({}, { authMode: 'apiToken', password: '' });
		sandbox = session.sandbox;

		const result = await runWorkflow({ credentials: session.credentials, nodes: listRoles });

		expect(result.error).toBeUndefined();
		expect(result.items.length).toBe(sandbox.store.roles.length);
		expect(sandbox.stats.tokenExchanges).toBe(1);
		expect(sandbox.stats.logins).toBe(0);
	});

	test('a wrong password (HTTP 200 success:false) fails clearly and never shows the password', async () => {
		const wrongPassword = 'Wr0ng-Pa55word-XYZ';
		const session = await startSandboxSession({}, { password: wrongPassword });
		sandbox = session.sandbox;

		const result = await runWorkflow({ credentials: session.credentials, nodes: listRoles });

		expect(result.error?.message).toContain('BigID rejected the login: Authentication failed');
		expect(result.error?.message).toContain('Check the username and password');
		expect(everythingVisible(result)).not.toContain(wrongPassword);
		expect(capturedLogText()).toContain('BigID rejected the login');
		expect(capturedLogText()).not.toContain(wrongPassword);
		expect(sandbox.stats.byRoute['GET /api/v1/roles'] ?? 0).toBe(0);
	});

	test('a revoked API token is a clear credential error', async () => {
		const session = await startSandboxSession(
			{},
			{ authMode: 'apiToken', apiToken: 'revoked-token-123' },
		);
		sandbox = session.sandbox;

		const result = await runWorkflow({ credentials: session.credentials, nodes: listRoles });

		expect(result.error?.message).toContain('BigID rejected the login (HTTP 401');
		expect(result.error?.message).toContain('expired or revoked');
		expect(everythingVisible(result)).not.toContain('revoked-token-123');
	});

	test.each([
		['raw', 'raw', true],
		['bearer', 'bearer', true],
		['bearer', 'raw', false],
		['raw', 'bearer', false],
	] as const)(
		'server expects %s, credential sends %s: works = %s',
		async (serverFormat, credentialFormat, works) => {
			const session = await startSandboxSession(
				{ authHeader: serverFormat },
				{ authHeaderFormat: credentialFormat },
			);
			sandbox = session.sandbox;

			const result = await runWorkflow({ credentials: session.credentials, nodes: listRoles });

			if (works) {
				expect(result.error).toBeUndefined();
				expect(sandbox.stats.logins).toBe(1);
			} else {
				// n8n logs in again after the 401, the transport gives one more round for a token
				// revoked in between; the 401 that persists is reported with the fix.
				expect(result.error?.message).toBe('BigID answered 401: Unauthorized');
				expect(result.error?.description).toContain('Verify your API key and authorization header');
				expect(sandbox.stats.logins).toBe(3);
			}
		},
	);

	test.each(['', '/', '/api/v1', '/api/v1/'])(
		'accepts the base URL form "<host>%s"',
		async (suffix) => {
			const session = await startSandboxSession();
			sandbox = session.sandbox;
			session.credentials.store.get('bigid-sandbox')!.data.baseUrl = `${sandbox.url}${suffix}`;

			const result = await runWorkflow({ credentials: session.credentials, nodes: listRoles });

			expect(result.error).toBeUndefined();
			expect(sandbox.stats.byRoute['GET /api/v1/roles']).toBe(1);
		},
	);

	test('a base URL without a scheme is rejected before any request, with the fix', async () => {
		const session = await startSandboxSession();
		sandbox = session.sandbox;
		const hostAndPort = sandbox.url.replace('http://', '');
		session.credentials.store.get('bigid-sandbox')!.data.baseUrl = hostAndPort;

		const result = await runWorkflow({ credentials: session.credentials, nodes: listRoles });

		expect(result.error?.message).toBe(
			`The Base URL "${hostAndPort}" has no scheme. Enter it with https:// in front, for example https://${hostAndPort}`,
		);
		expect(sandbox.stats.requests).toBe(0);
	});

	test('an unreachable host names the address and the fix', async () => {
		const session = await startSandboxSession();
		sandbox = session.sandbox;
		const { url } = sandbox;
		await sandbox.close();
		sandbox = undefined;

		const result = await runWorkflow({ credentials: session.credentials, nodes: listRoles });

		expect(result.error?.message).toBe(
			`Could not reach BigID at ${url}: the connection was refused. Check the Base URL and port in the BigID API credential and that BigID is running`,
		);
	});

	test('a session that expires mid-workflow is renewed by a new login, once', async () => {
		const session = await startSandboxSession({ tokenMaxUses: 2 });
		sandbox = session.sandbox;

		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: listRoles,
			input: [{}, {}, {}, {}, {}],
		});

		expect(result.error).toBeUndefined();
		expect(result.items.length).toBe(5 * sandbox.store.roles.length);
		// Five requests on tokens good for two each: logins before the 1st, 3rd and 5th.
		expect(sandbox.stats.logins).toBe(3);
		expect(sandbox.stats.rejectedAuth).toBe(2);
	});

	test('50 executions at once on an expired session share one new login', async () => {
		const session = await startSandboxSession();
		sandbox = session.sandbox;
		await runWorkflow({ credentials: session.credentials, nodes: listRoles });
		sandbox.revokeAllTokens();
		// Slow answers keep all 50 executions in flight together.
		sandbox.faults.configure({ latencyMs: [20, 40] });

		const results = await Promise.all(
			Array.from(
				{ length: 50 },
				async () => await runWorkflow({ credentials: session.credentials, nodes: listRoles }),
			),
		);

		expect(results.filter((result) => result.error !== undefined)).toEqual([]);
		expect(results.every((result) => result.items.length === sandbox!.store.roles.length)).toBe(
			true,
		);
		expect(sandbox.stats.rejectedAuth).toBe(50);
		expect(sandbox.stats.logins).toBe(2);
	});

	describe('two n8n processes on one database (queue mode)', () => {
		const loginsAndRejections = () => ({
			logins: sandbox!.stats.logins,
			rejected: sandbox!.stats.rejectedAuth,
		});

		test('a token another process wrote and BigID rejected leads to a login, not to an older token of ours', async () => {
			const session = await startSandboxSession();
			sandbox = session.sandbox;
			const main = session.credentials;
			const worker = main.anotherProcess();
			expect((await runWorkflow({ credentials: main, nodes: listRoles })).error).toBeUndefined();
			sandbox.revokeAllTokens();
			// The worker logs in after main did and stores its token: the one main reads next.
			expect((await runWorkflow({ credentials: worker, nodes: listRoles })).error).toBeUndefined();
			sandbox.revokeAllTokens();
			const before = loginsAndRejections();

			const result = await runWorkflow({ credentials: main, nodes: listRoles });

			expect(result.error).toBeUndefined();
			// The worker's token is rejected once and main logs in once: main never offers its own
			// older token, which BigID revoked as well.
			expect(loginsAndRejections()).toEqual({
				logins: before.logins + 1,
				rejected: before.rejected + 1,
			});
		});

		test('sessions revoked again and again while both run executions: none fails', async () => {
			const session = await startSandboxSession();
			sandbox = session.sandbox;
			const processes = [session.credentials, session.credentials.anotherProcess()];
			sandbox.faults.configure({ latencyMs: [5, 30] });
			const rounds = 6;
			const executionsPerProcess = 8;
			const results = [];
			for (let round = 0; round < rounds; round++) {
				sandbox.revokeAllTokens();
				results.push(
					...(await Promise.all(
						processes.flatMap((credentials) =>
							Array.from(
								{ length: executionsPerProcess },
								async () => await runWorkflow({ credentials, nodes: listRoles }),
							),
						),
					)),
				);
			}

			expect(results.filter((result) => result.error !== undefined)).toEqual([]);
			expect(results).toHaveLength(rounds * processes.length * executionsPerProcess);
			// Each process logs in about once per round for all its executions, not once each.
			expect(sandbox.stats.logins).toBeLessThanOrEqual(rounds * processes.length * 2);
		});
	});
	test('Custom API Call chosen in the BigID node says it runs in an HTTP Request node, and sends nothing', async () => {
		const session = await startSandboxSession();
		sandbox = session.sandbox;
		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: [
				{ parameters: { resource: '__CUSTOM_API_CALL__', operation: '__CUSTOM_API_CALL__' } },
			],
		});
		expect(result.error?.message).toBe(
			'Custom API Call runs in an HTTP Request node, not in the BigID node',
		);
		expect(result.error?.description).toContain('Predefined Credential Type');
		expect(sandbox.stats.requests).toBe(0);
	});
});

describe('BigID API credential: the code it shares with the node', () => {
	test.each([
		['the documented 400', { error: 'Scan ID is invalid' }, 'Scan ID is invalid'],
		['the documented 404', { error: 'Scan 1234 was not found' }, 'Scan 1234 was not found'],
		[
			'the documented 500',
			{ status: 'error', message: 'Server error', errors: [{}] },
			'Server error',
		],
		[
			'a failed login',
			{ success: false, message: 'Authentication failed.' },
			'Authentication failed.',
		],
		[
			'both: BigID’s own words win',
			{ message: 'Bad request', error: 'Role is invalid' },
			'Role is invalid',
		],
		['a nested error', { error: { message: 'Token expired' } }, 'Token expired'],
		['a wrapped answer', { status: 'error', data: { error: 'User not found' } }, 'User not found'],
		['the documented 401 (text)', 'Unauthorized', 'Unauthorized'],
		['an HTML page', '<html><body>Sign in</body></html>', undefined],
	])('BigID’s message in %s', (_, body, message) => {
		expect(bigIdMessageOf(body)).toBe(message);
	});

	test.each([
		['<html><head><title>502 Bad Gateway</title></head></html>', true],
		['  <h1>Bad Gateway</h1>', true],
		['<html><body>Sign in to BigID</body></html>', false],
		['{"users":[{"name":"user502"}', false],
		['502 Bad Gateway', false],
	])('%j is a proxy’s 502 page: %s', (text, expected) => {
		expect(isBadGatewayPage(text)).toBe(expected);
	});

	test.each([
		'https://bigid.example.com',
		'https://bigid.example.com/',
		'https://bigid.example.com/api/v1',
		'  https://bigid.example.com/API/v1/roles?x=1#top ',
	])('the credential test reads the Base URL "%s" as the node does', async (baseUrl) => {
		const options = await new BigIdApi().authenticate(
			sealed({ baseUrl, sessionToken: 'token', authHeaderFormat: 'raw' }),
			{ baseURL: baseUrl, url: '/api/v1/roles' },
		);

		expect(parseBaseUrl(baseUrl)).toEqual({ baseUrl: options.baseURL });
		expect(options.baseURL).toBe('https://bigid.example.com');
	});

	test('the node’s requests keep their URL: only the credential test has a baseURL', async () => {
		const url = 'https://bigid.example.com/api/v1/roles';
		const options = await new BigIdApi().authenticate(
			sealed({ baseUrl: 'https://bigid.example.com/api/v1', sessionToken: 'token' }),
			{ url },
		);

		expect(options).toEqual({ url, headers: { Authorization: 'token' } });
	});

	test.each([
		['another host', 'https://evil.example.net/api/v1/roles'],
		['another port', 'https://bigid.example.com:8443/api/v1/roles'],
		['plain http', 'http://bigid.example.com/api/v1/roles'],
		['a host that only starts alike', 'https://bigid.example.com.evil.net/api/v1/roles'],
	])('the token is never sent to %s, and the error says where it may go', async (_, url) => {
		const options = { url, headers: {} as Record<string, string> };
		for (const request of [options, { uri: url, headers: {} }]) {
			await expect(
				new BigIdApi().authenticate(
					sealed({ baseUrl: 'https://bigid.example.com', sessionToken: 'token' }),
					request as never,
				),
			).rejects.toThrow(
				"The BigID API credential sends its token only to its Base URL's host (https://bigid.example.com)",
			);
			expect(request.headers).toEqual({});
		}
	});

	test('any path on the Base URL host is allowed, the proxy prefix or not (the HTTP Request node)', async () => {
		for (const uri of ['https://bigid.example.com/api/v1/tags', 'https://bigid.example.com/x']) {
			const options = await new BigIdApi().authenticate(
				sealed({ baseUrl: 'https://bigid.example.com/bigid', sessionToken: 'tok' }),
				{ uri, headers: { accept: 'application/json' } } as never,
			);
			expect(options.headers).toEqual({ accept: 'application/json', Authorization: 'tok' });
		}
	});

	test('a session token issued for another password is not sent: BigID answers 401 and n8n logs in', async () => {
		const credentials = sealed({ baseUrl: 'https://bigid.example.com', sessionToken: 'tok' });
		const edited = { ...credentials, password: 'changed in the editor' };
		const options = await new BigIdApi().authenticate(edited, {
			url: 'https://bigid.example.com/api/v1/roles',
			headers: { Authorization: 'set by the caller' },
		});
		expect(options.headers).toEqual({});
	});

	test('n8n sees an own authenticate: the editor offers the credential to the HTTP Request node', () => {
		// n8n serves its editor the credential spread into a plain object (a method is lost there).
		const served = { ...new BigIdApi() } as Record<string, unknown>;
		expect(typeof served.authenticate).toBe('function');
		expect(served.httpRequestNode).toEqual({
			name: 'BigID',
			docsUrl: 'https://developer.bigid.com/',
			apiBaseUrlPlaceholder: 'https://bigid.example.com/api/v1/',
		});
	});

	test('the credential imports nothing from nodes/', () => {
		const credentials = join(__dirname, '..', '..', 'credentials');
		const sources = readdirSync(credentials, { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.ts'))
			.map((file) => readFileSync(join(credentials, file), 'utf8'));

		expect(sources.length).toBeGreaterThan(5);
		expect(sources.filter((source) => /from '[./]*\/nodes\//.test(source))).toEqual([]);
	});
});
