import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from '../../nodes/BigId/transport';
import type { ApiResponse, Sandbox, SandboxOptions } from '../../sandbox';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import type { N8nRequestHelper, NodeSpec } from '../harness/engine';
import { CREDENTIAL_ID, N8N_REQUEST_HELPERS, runWorkflow } from '../harness/engine';
import { MAX_ATTEMPTS } from '../../nodes/BigId/transport/retryPolicy';
import { LOGIN_FAILURE_MESSAGES, UNRESOLVABLE_BASE_URL } from '../harness/loginFailures';
import type { Certificate } from '../harness/tls';
import { selfSignedCertificate } from '../harness/tls';
import {
	createUserNode,
	logMark,
	retriesSince,
	SECRETS,
	scanForLeaks,
	startWatchedSession,
	watch,
} from './support';

/**
 * The bad-input catalogue: each row is a named test, in this file or in an existing one. Every
 * case fails with a NodeOperationError or NodeApiError that says what was wrong and how to fix
 * it, and writes nothing to BigID; answers that lie are either read through correctly or named.
 */
interface CatalogueRow {
	row: string;
	/** The test's name as written in its file (the template, for test.each). */
	test: string;
	/** Another test file under test/; this one when absent. */
	file?: string;
}

const HERE = 'reliability/catalogue.test.ts';
const ID_OPERATIONS = ['User > Disable', 'Scan Profile > Delete', 'Scan > Wait for Completion'];

const CATALOGUE: CatalogueRow[] = [
	{
		row: 'Base URL without a scheme',
		file: 'credentials/credential.test.ts',
		test: 'a base URL without a scheme is rejected before any request, with the fix',
	},
	{
		row: 'Base URL with a path (a console page)',
		test: 'a Base URL with a path that is not the API (a console page) names the login URL and the fix',
	},
	{
		row: 'Base URL unreachable',
		file: 'credentials/credential.test.ts',
		test: 'an unreachable host names the address and the fix',
	},
	{
		row: 'A failed login on the n8n 2.x and 1.x request paths: wrong password, revoked API token, closed port, unresolvable host, self-signed certificate, a login answered 503, Bearer for raw (14 tests)',
		test: '%s: the message and the number of logins',
	},
	{
		row: 'A rejected login with many items and Continue On Fail',
		test: 'a rejected login is tried once per node run, however many items it has',
	},
	{
		row: 'Base URL with https:// to a plain HTTP BigID',
		test: 'https:// to a BigID that speaks plain HTTP names the scheme as the fix',
	},
	{
		row: 'Wrong password (HTTP 200, success: false)',
		file: 'credentials/credential.test.ts',
		test: 'a wrong password (HTTP 200 success:false) fails clearly and never shows the password',
	},
	{
		row: 'Revoked API token',
		file: 'credentials/credential.test.ts',
		test: 'a revoked API token is a clear credential error',
	},
	{
		row: 'Expired API token (worked before)',
		test: 'an API token that expired after it had worked: the next run says so, and writes nothing',
	},
	{
		row: 'Bearer where raw is expected, and raw where Bearer is expected',
		file: 'credentials/credential.test.ts',
		test: 'server expects %s, credential sends %s: works = %s',
	},
	{
		row: 'Self-signed certificate without "Ignore SSL Issues"',
		test: 'is refused by default (certificates are verified), with both fixes named',
	},
	{
		row: 'Self-signed certificate with "Ignore SSL Issues"',
		test: 'is accepted with "Ignore SSL Issues" on, for the login and every request',
	},
	...ID_OPERATIONS.map((operation) => ({
		row: `${operation}: IDs empty, not ObjectIds, with /, .., ?, #, spaces, unicode (8 tests)`,
		test: `${operation} with an ID %s`,
	})),
	{
		row: 'User ID that is not an ObjectId (User > Get, typed and mapped)',
		file: 'actions/user.test.ts',
		test: 'answers an ID that is not an ObjectId with the invalid-ID message, before any request',
	},
	{
		row: 'Scan ID that is not an ObjectId (Scan > Get Status)',
		file: 'actions/scan.test.ts',
		test: 'rejects a malformed scan ID before any request, in the words of the tutorial',
	},
	{
		row: 'Names with /, ?, #, spaces, unicode stay one path segment',
		file: 'transport/request.test.ts',
		test: 'the name "%s" stays one path segment: it cannot change the route',
	},
	{
		row: 'A name that is ".."',
		file: 'transport/request.test.ts',
		test: '".." cannot be sent as a path segment (URL parsers resolve it even encoded): refused before any request',
	},
	{
		row: 'A role name that does not exist',
		file: 'actions/user.test.ts',
		test: 'refuses a role BigID does not have, listing the valid names, before any POST',
	},
	{
		row: 'A role name that differs in case',
		file: 'actions/userScenarios.test.ts',
		test: 'refuses a role name in the wrong case, naming the near match and every valid name',
	},
	{
		row: 'A SAML user create',
		test: 'a SAML user create (an identity provider export: no password) is refused before any request',
	},
	{
		row: 'An empty data source list, an invalid cron, an invalid time zone',
		file: 'actions/scanProfile.test.ts',
		test: 'rejects %j before any request',
	},
	{
		row: 'A negative limit',
		file: 'transport/pagination.test.ts',
		test: 'a negative limit is rejected before any request, with the fix',
	},
	{
		row: 'A huge or fractional limit, a huge page size (3 tests)',
		test: 'Get Many users with %j is refused before any request',
	},
	{
		row: 'A non-JSON body (GET)',
		file: 'transport/request.test.ts',
		test: 'a body that stays malformed is reported, not parsed into nonsense',
	},
	{
		row: 'A non-JSON body answering a POST that BigID carried out',
		test: 'a POST answered with a body that is not JSON, after BigID acted: "may have happened", not repeated',
	},
	{
		row: 'An empty body',
		test: 'an empty body (HTTP 200) that persists is named, with where to look',
	},
	{
		row: 'An HTML error page',
		file: 'transport/request.test.ts',
		test: 'an HTML error page with a status is reported by its status',
	},
	{
		row: 'An HTML console or SSO page with HTTP 200',
		file: 'transport/request.test.ts',
		test: 'an HTML page where JSON belongs (console or SSO page) is named as such, with where to look',
	},
	{
		row: 'A JSON body with the list key missing',
		test: 'a JSON body without the list key is named, not read as an empty list',
	},
	{
		row: 'totalCount announcing more items than there are',
		test: 'totalCount announcing more than there are: every user once, read up to the empty page',
	},
	{
		row: 'totalCount announcing fewer items than there are',
		test: 'totalCount announcing fewer than there are: every user once, read on past the count',
	},
	{
		row: 'A page that repeats the previous page',
		test: 'a page that repeats the previous page: the repeated position is read again, every user once',
	},
	{
		row: 'A BigID that ignores skip',
		test: 'a BigID that ignores skip (every page the first one) is named instead of returning one page',
	},
	{
		row: 'A wait timeout of 0',
		file: 'actions/scan.test.ts',
		test: 'rejects %j before any request',
	},
];

const USERS_ROUTE = 'GET /api/v1/users';
const LOGIN_ROUTE = 'POST /api/v1/sessions';
const WRONG_PASSWORD = 'Pw-LEAKCHECK-wrong-3d1c';
const REVOKED_API_TOKEN = 'Tk-LEAKCHECK-revoked-8e2b';
const UNKNOWN_ID = '64f7df00cc834f0001a44e85';

let sandbox: Sandbox | undefined;
let credentials: TestCredentialsHelper;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

async function useSandbox(options: SandboxOptions = {}, credential: IDataObject = {}) {
	({ sandbox, credentials } = await startWatchedSession(options, credential as never));
	return sandbox!;
}

const run = async (nodes: NodeSpec[], input?: IDataObject[], requestHelper?: N8nRequestHelper) =>
	watch(await runWorkflow({ credentials, nodes, input, requestHelper }));

const node = (resource: string, parameters: INodeParameters): NodeSpec => ({
	parameters: { resource, ...parameters },
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const listRoles = [node('role', { operation: 'getMany', returnAll: true })];
const listUsers = (parameters: INodeParameters = {}) => [
	node('user', { operation: 'getMany', returnAll: true, ...parameters }),
];
const storedCredential = () => credentials.store.get(CREDENTIAL_ID)!.data;

let certificate: Certificate | undefined;
/** Made once for the file: openssl takes a moment. */
const selfSigned = () => (certificate ??= selfSignedCertificate());

/** The error names the problem and a fix, and BigID saw no write. */
function expectCleanFailure(
	result: Awaited<ReturnType<typeof run>>,
	message: string | RegExp,
	fix: string | RegExp,
) {
	expect(result.error).toBeDefined();
	expect(['NodeApiError', 'NodeOperationError']).toContain(result.error!.name);
	if (typeof message === 'string') expect(result.error!.message).toBe(message);
	else expect(result.error!.message).toMatch(message);
	expect(`${result.error!.message} ${result.error!.description ?? ''}`).toMatch(fix);
	expect(sandbox?.stats.writes ?? {}).toEqual({});
}

describe('catalogue: the credential and the connection', () => {
	test('a Base URL with a path that is not the API (a console page) names the login URL and the fix', async () => {
		const box = await useSandbox();
		storedCredential().baseUrl = `${box.url}/bigid/console/dashboard`;

		const result = await run(listRoles);

		expectCleanFailure(
			result,
			`BigID has no login endpoint at ${box.url}/bigid/console/dashboard/api/v1/sessions (HTTP 404). Check the Base URL: it should be the address of your BigID deployment, for example https://bigid.example.com`,
			/Check the Base URL/,
		);
		expect(box.stats.logins).toBe(0);
	});

	test('an API token that expired after it had worked: the next run says so, and writes nothing', async () => {
		const box = await useSandbox({}, { authMode: 'apiToken' });
		const user = box.store.users.find((candidate) => candidate.isEnabled === true)!;
		expect((await run(listRoles)).error).toBeUndefined();
		// BigID expires the user token (and with it the system token it was exchanged for).
		box.options.apiToken = 'the-token-bigid-issued-next';
		box.revokeAllTokens();

		const result = await run([node('user', { operation: 'disable', user: byId(user.id) })]);

		expectCleanFailure(
			result,
			LOGIN_FAILURE_MESSAGES.revokedApiToken,
			/generate a new one in BigID/,
		);
		expect(box.store.getUser(user.id)!.isEnabled).toBe(true);
	});

	test('https:// to a BigID that speaks plain HTTP names the scheme as the fix', async () => {
		const box = await useSandbox();
		storedCredential().baseUrl = box.url.replace('http://', 'https://');

		const result = await run(listRoles);

		expectCleanFailure(
			result,
			`Could not reach BigID at ${box.url.replace('http://', 'https://')}: the TLS handshake failed. Check whether the Base URL should start with http:// or https://`,
			/http:\/\/ or https:\/\//,
		);
		expect(box.stats.requests).toBe(0);
	});

	describe('a self-signed certificate', () => {
		test('is refused by default (certificates are verified), with both fixes named', async () => {
			const box = await useSandbox({ tls: selfSigned() });
			expect(box.url).toMatch(/^https:/);

			const result = await run(listRoles);

			expectCleanFailure(
				result,
				`Could not reach BigID at ${box.url}: its TLS certificate is self-signed. Install a trusted certificate on BigID, or turn on "Ignore SSL Issues" in the BigID API credential for an on-prem deployment you trust`,
				/Ignore SSL Issues/,
			);
			// The handshake failed: not even the login reached BigID, so the password never left.
			expect(box.stats.requests).toBe(0);
			expect(box.stats.logins).toBe(0);
		});

		test('is accepted with "Ignore SSL Issues" on, for the login and every request', async () => {
			const box = await useSandbox({ tls: selfSigned(), users: 120 }, { ignoreSslIssues: true });

			const result = await run(listUsers({ options: { pageSize: 50 } }));

			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(120);
			expect(box.stats.logins).toBe(1);
			expect(box.stats.byRoute[USERS_ROUTE]).toBe(3);
		});
	});
});

interface LoginFailureRow {
	options?: SandboxOptions;
	/** The sandbox serves HTTPS with a self-signed certificate. */
	selfSigned?: true;
	credential?: IDataObject;
	/** Runs after the sandbox starts, before the workflow; returns the Base URL the message names. */
	prepare?: (box: Sandbox) => Promise<string | void> | string | void;
	message: (baseUrl: string, requestHelper: N8nRequestHelper) => string;
	/** Login requests BigID saw: POST /sessions and GET /refresh-access-token. */
	loginRequests: number;
	/** Requests the node tried again (logged by the transport): logins that failed for now, a 401. */
	retries: number;
	/** The request itself reached BigID (the login worked), this many times. */
	roleRequests?: number;
}

const LOGIN_FAILURES: Array<[string, LoginFailureRow]> = [
	[
		'wrong password (HTTP 200, success: false)',
		{
			credential: { password: WRONG_PASSWORD },
			message: () => LOGIN_FAILURE_MESSAGES.wrongPassword,
			loginRequests: 1,
			retries: 0,
		},
	],
	[
		'revoked API token (HTTP 401 on the token exchange)',
		{
			credential: { authMode: 'apiToken', apiToken: REVOKED_API_TOKEN },
			message: () => LOGIN_FAILURE_MESSAGES.revokedApiToken,
			loginRequests: 1,
			retries: 0,
		},
	],
	[
		'closed port (a connection never made: tried again with backoff)',
		{
			prepare: async (box) => await box.close(),
			message: LOGIN_FAILURE_MESSAGES.closedPort,
			loginRequests: 0,
			retries: MAX_ATTEMPTS - 1,
		},
	],
	[
		'host name that does not resolve',
		{
			prepare: () => {
				storedCredential().baseUrl = UNRESOLVABLE_BASE_URL;
				return UNRESOLVABLE_BASE_URL;
			},
			message: LOGIN_FAILURE_MESSAGES.unresolvableHost,
			loginRequests: 0,
			retries: 0,
		},
	],
	[
		'self-signed certificate with "Ignore SSL Issues" off',
		{
			selfSigned: true,
			message: LOGIN_FAILURE_MESSAGES.selfSignedCertificate,
			loginRequests: 0,
			retries: 0,
		},
	],
	[
		'login answered 503 by a proxy, every time (failed for now: tried again with backoff)',
		{
			prepare: (box) => box.faults.inject({ route: LOGIN_ROUTE, kind: '503', times: 10 }),
			message: () =>
				'BigID could not log in (HTTP 503). Wait a moment and retry. If it persists, reach out to support.',
			loginRequests: MAX_ATTEMPTS,
			retries: MAX_ATTEMPTS - 1,
		},
	],
	[
		'Bearer where BigID wants the raw token (the login works, every request is refused)',
		{
			options: { authHeader: 'raw' },
			credential: { authHeaderFormat: 'bearer' },
			message: (_, requestHelper) =>
				LOGIN_FAILURE_MESSAGES.bearerForRaw(requestHelper === 'n8n 1.x' ? 1 : 2),
			// The first login, n8n's after the 401, and one more for a token revoked in between.
			loginRequests: 3,
			retries: 1,
			// Each of the two rounds: the request, and again after n8n's new login.
			roleRequests: 4,
		},
	],
];

const loginRequests = (box: Sandbox) =>
	(box.stats.byRoute[LOGIN_ROUTE] ?? 0) +
	(box.stats.byRoute['GET /api/v1/refresh-access-token'] ?? 0);

describe.each(N8N_REQUEST_HELPERS)(
	'catalogue: a failed login, as %s hands it to the node',
	(requestHelper) => {
		test.each(LOGIN_FAILURES)('%s: the message and the number of logins', async (_, row) => {
			const box = await useSandbox(
				row.selfSigned ? { ...row.options, tls: selfSigned() } : row.options,
				row.credential,
			);
			const baseUrl = (await row.prepare?.(box)) ?? box.url;
			const mark = logMark();

			const result = await run(listRoles, undefined, requestHelper);

			expectCleanFailure(
				result,
				row.message(baseUrl, requestHelper),
				/Check|Verify|Install|Wait a moment/,
			);
			expect(loginRequests(box)).toBe(row.loginRequests);
			expect(retriesSince(mark)).toBe(row.retries);
			expect(box.stats.byRoute['GET /api/v1/roles'] ?? 0).toBe(row.roleRequests ?? 0);
		});

		test('a rejected login is tried once per node run, however many items it has', async () => {
			const box = await useSandbox({}, { password: WRONG_PASSWORD });
			const items = [{}, {}, {}];

			const result = await run([{ ...listRoles[0], continueOnFail: true }], items, requestHelper);

			const [first, ...later] = result.items.map((item) => String(item.json.error));
			expect(first).toBe(LOGIN_FAILURE_MESSAGES.wrongPassword);
			expect(later).toEqual(
				later.map(() => expect.stringMatching(LOGIN_FAILURE_MESSAGES.wrongPasswordRefused)),
			);
			expect(later).toHaveLength(items.length - 1);
			expect(loginRequests(box)).toBe(1);
		});
	},
);

/** IDs as upstream nodes map them in: `={{ $json.id }}`. */
const BAD_IDS: Array<[string, string, string]> = [
	['empty', '', 'it is empty'],
	['not an ObjectId', 'jdoe', '"jdoe" is not a BigID ID'],
	['with "/"', `${UNKNOWN_ID}/delete`, `"${UNKNOWN_ID}/delete" is not a BigID ID`],
	['with ".."', '../users', '"../users" is not a BigID ID'],
	['with "?"', `${UNKNOWN_ID}?force=true`, `"${UNKNOWN_ID}?force=true" is not a BigID ID`],
	['with "#"', `${UNKNOWN_ID}#x`, `"${UNKNOWN_ID}#x" is not a BigID ID`],
	[
		'with a space inside',
		'64f7df00cc83 4f0001a44e85',
		'"64f7df00cc83 4f0001a44e85" is not a BigID ID',
	],
	['with unicode', '64f7df00cc834f0001a44e8５', '"64f7df00cc834f0001a44e8５" is not a BigID ID'],
];

describe('catalogue: IDs are checked before anything is sent', () => {
	let box: Sandbox;
	beforeAll(async () => {
		box = await useSandbox();
		// This describe shares one sandbox; afterEach must not close it.
		sandbox = undefined;
	});
	afterAll(async () => await box.close());
	beforeEach(() => box.resetStats());

	const idFrom = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

	test.each(BAD_IDS)('User > Disable with an ID %s', async (_, id, problem) => {
		const result = await run([node('user', { operation: 'disable', user: idFrom })], [{ id }]);

		expectCleanFailure(result, `User ID is invalid: ${problem}`, /Double-check the user ID/);
		expect(box.stats.requests).toBe(0);
	});

	test.each(BAD_IDS)('Scan Profile > Delete with an ID %s', async (_, id, problem) => {
		const result = await run(
			[node('scanProfile', { operation: 'delete', scanProfile: idFrom })],
			[{ id }],
		);

		expectCleanFailure(
			result,
			id === '' ? 'No scan profile given' : `Scan profile ID is invalid: ${problem}`,
			/Double-check the scan profile ID|Choose a scan profile from the list, or enter its ID/,
		);
		expect(box.stats.requests).toBe(0);
	});

	test.each(BAD_IDS)('Scan > Wait for Completion with an ID %s', async (_, id, problem) => {
		const result = await run(
			[
				node('scan', {
					operation: 'waitForCompletion',
					scanId: '={{ $json.id }}',
					pollInterval: 1,
					timeout: 10,
				}),
			],
			[{ id }],
		);

		expectCleanFailure(result, `Scan ID is invalid: ${problem}`, /Double-check the scan ID/);
		expect(box.stats.requests).toBe(0);
	});
});

describe('catalogue: parameters', () => {
	test('a SAML user create (an identity provider export: no password) is refused before any request', async () => {
		const box = await useSandbox();

		const result = await run(
			[createUserNode('={{ $json.login }}', '={{ $json.email }}')],
			[{ login: 'saml.person', email: 'saml.person@acme.test', origin: 'saml' }],
		);

		expectCleanFailure(result, 'Password is empty', /provisioned by the identity provider/);
		expect(box.stats.requests).toBe(0);
	});

	test.each([
		[
			{ returnAll: false, limit: 1_000_000_000 },
			'Limit must be a whole number from 1 to 100000, not 1000000000',
		],
		[{ returnAll: false, limit: 2.5 }, 'Limit must be a whole number from 1 to 100000, not 2.5'],
		[
			{ options: { pageSize: 50_000 } },
			'Page Size must be a whole number from 1 to 10000, not 50000',
		],
	])('Get Many users with %j is refused before any request', async (parameters, message) => {
		const box = await useSandbox();

		const result = await run(listUsers(parameters));

		expectCleanFailure(result, message, /whole number from 1 to/);
		expect(box.stats.requests).toBe(0);
	});
});

describe('catalogue: answers that are not what BigID promises', () => {
	const USERS = 250;
	const PAGE = 50;
	const getMany = () => run(listUsers({ options: { pageSize: PAGE } }));

	/** Reshapes every answer of the user list with `change`. */
	async function lyingSandbox(
		change: (answer: { users: IDataObject[]; totalCount: number }, skip: number) => ApiResponse,
	) {
		const box = await useSandbox({ users: USERS });
		box.transformAnswer = (route, answer, query) =>
			route === USERS_ROUTE && 'json' in answer
				? change(
						answer.json as { users: IDataObject[]; totalCount: number },
						Number(query.get('skip')),
					)
				: answer;
		return box;
	}

	const expectEveryUserOnce = (result: Awaited<ReturnType<typeof run>>, box: Sandbox) => {
		expect(result.error).toBeUndefined();
		const ids = result.items.map((item) => item.json.id);
		expect(ids).toHaveLength(USERS);
		expect(new Set(ids)).toEqual(new Set(box.store.users.map((user) => user.id)));
	};

	test('an empty body (HTTP 200) that persists is named, with where to look', async () => {
		const box = await useSandbox();
		box.faults.inject({ route: USERS_ROUTE, kind: 'empty-body', times: 10 });

		const result = await getMany();

		expectCleanFailure(
			result,
			'BigID answered GET /api/v1/users with an empty body instead of JSON',
			/Check the Base URL of the BigID API credential/,
		);
		expect(box.stats.byRoute[USERS_ROUTE]).toBe(5);
	});

	test('a JSON body without the list key is named, not read as an empty list', async () => {
		await lyingSandbox(({ totalCount }) => ({
			status: 200,
			json: { status: 'success', statusCode: 200, message: null, data: { totalCount } },
		}));

		const result = await getMany();

		expectCleanFailure(
			result,
			'BigID answered without the "users" list that users should return',
			/Check the Base URL and the API version/,
		);
	});

	test('totalCount announcing more than there are: every user once, read up to the empty page', async () => {
		const box = await lyingSandbox((body) => ({
			status: 200,
			json: { ...body, totalCount: body.totalCount + 500 },
		}));

		const result = await getMany();

		expectEveryUserOnce(result, box);
		// Up to the empty page, and the pages read ahead with it (transport/paginationConcurrency.test.ts).
		expect(box.stats.byRoute[USERS_ROUTE]).toBe(USERS / PAGE + 1 + DEFAULT_CONCURRENCY - 1);
	});

	test('totalCount announcing fewer than there are: every user once, read on past the count', async () => {
		const box = await lyingSandbox((body) => ({
			status: 200,
			json: { ...body, totalCount: body.totalCount - 30 },
		}));

		const result = await getMany();

		expectEveryUserOnce(result, box);
	});

	test('a page that repeats the previous page: the repeated position is read again, every user once', async () => {
		let previous: ApiResponse | undefined;
		let repeated = false;
		const box = await lyingSandbox((body, skip) => {
			const answer: ApiResponse = { status: 200, json: body };
			if (skip === 2 * PAGE && !repeated && previous) {
				repeated = true;
				return previous;
			}
			previous = answer;
			return answer;
		});

		const result = await getMany();

		expect(repeated).toBe(true);
		expectEveryUserOnce(result, box);
	});

	test('a BigID that ignores skip (every page the first one) is named instead of returning one page', async () => {
		const box = await useSandbox({ users: USERS });
		let firstPage: ApiResponse | undefined;
		box.transformAnswer = (route, answer) => {
			if (route !== USERS_ROUTE) return answer;
			firstPage ??= answer;
			return firstPage;
		};

		const result = await getMany();

		expectCleanFailure(result, /same page/, /skip/);
	});

	test('a POST answered with a body that is not JSON, after BigID acted: "may have happened", not repeated', async () => {
		const box = await useSandbox();
		box.faults.inject({ route: 'POST /api/v1/users', kind: 'malformed-json', afterHandling: true });

		const result = await run(
			[createUserNode('garbled.answer', 'garbled.answer@acme.test')],
			[{ password: SECRETS.newUserPassword }],
		);

		expect(result.error?.message).toBe(
			'BigID answered POST /api/v1/users with a truncated or malformed body instead of JSON',
		);
		expect(result.error?.description).toContain('may have been carried out');
		expect(result.error?.description).toContain('check in BigID before you retry');
		expect(box.stats.byRoute['POST /api/v1/users']).toBe(1);
		expect(box.store.users.filter((user) => user.name === 'garbled.answer')).toHaveLength(1);
	});
});

/**
 * The rows tested elsewhere, run again here with recognisable secrets so that the final scan
 * covers every row: the failure happens (checked), then only what leaked matters.
 */
interface SecretSweep {
	options?: SandboxOptions;
	credential?: IDataObject;
	/** Runs after the sandbox starts, before the workflow: faults, a closed server, a bad URL. */
	prepare?: (box: Sandbox) => Promise<void> | void;
	nodes: NodeSpec[];
	input?: IDataObject[];
}

const createUser = (role: string) =>
	node('user', {
		operation: 'create',
		name: 'sweep.user',
		email: 'sweep.user@acme.test',
		password: '={{ $json.password }}',
		role: { __rl: true, mode: 'name', value: role },
	});
const createProfile = (parameters: INodeParameters) =>
	node('scanProfile', {
		operation: 'create',
		name: 'Sweep profile',
		dataSourceIds: '={{ $json.sources }}',
		scanTemplateId: 'standard-privacy-template-001',
		...parameters,
	});
const dataSourceNamed = (name: string) =>
	node('dataSource', { operation: 'get', dataSource: { __rl: true, mode: 'name', value: name } });
const rolesAnswering = (kind: 'malformed-json' | 'html-error-page' | 'html-login-page') => ({
	prepare: (box: Sandbox) => box.faults.inject({ route: 'GET /api/v1/roles', kind, times: 10 }),
	nodes: listRoles,
});

const SECRET_SWEEP: Array<[string, SecretSweep]> = [
	[
		'Base URL without a scheme',
		{
			prepare: (box) => {
				storedCredential().baseUrl = box.url.replace('http://', '');
			},
			nodes: listRoles,
		},
	],
	['Base URL unreachable', { prepare: async (box) => await box.close(), nodes: listRoles }],
	['Wrong password', { credential: { password: WRONG_PASSWORD }, nodes: listRoles }],
	[
		'Revoked API token',
		{ credential: { authMode: 'apiToken', apiToken: REVOKED_API_TOKEN }, nodes: listRoles },
	],
	[
		'Bearer where raw is expected',
		{
			options: { authHeader: 'raw' },
			credential: { authHeaderFormat: 'bearer' },
			nodes: listRoles,
		},
	],
	[
		'Raw where Bearer is expected',
		{
			options: { authHeader: 'bearer' },
			credential: { authHeaderFormat: 'raw' },
			nodes: listRoles,
		},
	],
	[
		'User ID that is not an ObjectId',
		{
			nodes: [node('user', { operation: 'get', user: byId('={{ $json.id }}') })],
			input: [{ id: 'jdoe' }],
		},
	],
	[
		'Scan ID that is not an ObjectId',
		{ nodes: [node('scan', { operation: 'getStatus', scanId: 'not-an-id' })] },
	],
	['A name with "/", "?" and "#"', { nodes: [dataSourceNamed('a/b?c#d')] }],
	['A name that is ".."', { nodes: [dataSourceNamed('..')] }],
	[
		'A role name that does not exist',
		{ nodes: [createUser('Superuser')], input: [{ password: SECRETS.newUserPassword }] },
	],
	[
		'A role name that differs in case',
		{ nodes: [createUser('viewer')], input: [{ password: SECRETS.newUserPassword }] },
	],
	[
		'An empty data source list',
		{ nodes: [createProfile({ runMode: 'oneTime' })], input: [{ sources: [] }] },
	],
	[
		'An invalid cron expression',
		{
			nodes: [
				createProfile({ runMode: 'scheduled', cronExpression: '0 25 * * *', timeZone: 'UTC' }),
			],
			input: [{ sources: [UNKNOWN_ID] }],
		},
	],
	[
		'An invalid time zone',
		{
			nodes: [
				createProfile({ runMode: 'scheduled', cronExpression: '0 2 * * 0', timeZone: 'Moon/Base' }),
			],
			input: [{ sources: [UNKNOWN_ID] }],
		},
	],
	['A negative limit', { nodes: listUsers({ returnAll: false, limit: -5 }) }],
	['A non-JSON body', rolesAnswering('malformed-json')],
	['An HTML error page', rolesAnswering('html-error-page')],
	['An HTML console page with HTTP 200', rolesAnswering('html-login-page')],
	[
		'A wait timeout of 0',
		{
			nodes: [
				node('scan', {
					operation: 'waitForCompletion',
					scanId: UNKNOWN_ID,
					pollInterval: 1,
					timeout: 0,
				}),
			],
		},
	],
];

describe('catalogue: the rows tested elsewhere, with recognisable secrets', () => {
	test.each(SECRET_SWEEP)('%s', async (_, sweep) => {
		const box = await useSandbox(sweep.options, sweep.credential);
		await sweep.prepare?.(box);

		const result = await run(sweep.nodes, sweep.input);

		expect(result.error?.message).toBeTruthy();
		expect(result.error?.description ?? result.error?.message).toBeTruthy();
	});
});

describe('catalogue', () => {
	test('every row names a test that exists, and there are at least 30 rows', () => {
		for (const { file = HERE, test: name } of CATALOGUE) {
			const source = readFileSync(join(__dirname, '..', file), 'utf8');
			expect({ file, name, found: source.includes(`'${name}'`) }).toEqual({
				file,
				name,
				found: true,
			});
		}
		expect(CATALOGUE.length).toBeGreaterThanOrEqual(30);
		const width = Math.max(...CATALOGUE.map(({ row }) => row.length));
		process.stdout.write(
			`\nBad-input catalogue: ${CATALOGUE.length} rows\n${CATALOGUE.map(
				({ row, file = HERE, test: name }) => `  ${row.padEnd(width)}  ${file} › ${name}`,
			).join('\n')}\n`,
		);
	});

	test('no secret in any output, error or log line of the catalogue', () => {
		const scan = scanForLeaks();
		expect(scan.leaks).toEqual([]);
		expect(scan.texts).toBeGreaterThan(30);
	});
});

// DSPM cases (issue 14): each row fails with its fix named and sends no PATCH.
CATALOGUE.push(
	{
		row: 'DSPM Case: unknown case ID, malformed case ID',
		file: 'actions/dspmCase.test.ts',
		test: 'says which case is unknown, and refuses a malformed ID before any request',
	},
	{
		row: 'DSPM Case > Update Status: unknown case among good ones (continue on fail)',
		file: 'actions/dspmCase.test.ts',
		test: 'reports an unknown case and sends no PATCH; continue on fail keeps the other items',
	},
	{
		row: 'DSPM Case > Update Status: a status BigID refuses',
		file: 'actions/dspmCase.test.ts',
		test: 'reports a status BigID refuses, with the statuses it takes, and changes nothing',
	},
	{
		row: 'DSPM Case > Update Status: empty audit reason, empty status',
		file: 'actions/dspmCase.test.ts',
		test: 'refuses %s before any request',
	},
	{
		row: 'DSPM Case > Get Many: malformed raw filter (not JSON, not an array, no value)',
		file: 'actions/dspmCase.test.ts',
		test: 'refuses a raw filter that is %s, and sends nothing',
	},
	{
		row: 'DSPM Case > Get Many: the other equality operator spelling',
		file: 'actions/dspmCase.test.ts',
		test: 'works against a BigID that spells equality %s, once the option says so',
	},
	{
		row: 'DSPM Case > Get Many: the other paging parameter (a repeated first page)',
		file: 'actions/dspmCase.test.ts',
		test: 'pages a BigID that pages by %s, once the option says so',
	},
);

// Issue 15: data source scans, the data catalog, the audit log and DSAR.
CATALOGUE.push(
	{
		row: 'Data Source > Scan: a data source name BigID does not have',
		file: 'actions/dataSourceScan.test.ts',
		test: 'names the fix when the data source does not exist, and honours Continue On Fail per item',
	},
	{
		row: 'Data Source > Scan: a blank data source name',
		file: 'actions/dataSourceScan.test.ts',
		test: 'refuses a blank data source name before any request',
	},
	{
		row: 'Data Source > Get Last Scan: a source never scanned',
		file: 'actions/dataSourceScan.test.ts',
		test: 'says a source that was never scanned has no last scan',
	},
	{
		row: 'Catalog Object > Search: values with quotes, AND/OR, parentheses, backslashes',
		file: 'actions/catalogObject.test.ts',
		test: 'matches a value with quotes, keywords and parentheses literally: it cannot widen the search',
	},
	{
		row: 'Catalog query builder: hostile values in every filter (12 cases)',
		file: 'model/catalogObject.test.ts',
		test: 'a value %j stays one value in every filter and changes nothing else',
	},
	{
		row: 'Catalog Object > Search: a raw query BigID refuses',
		file: 'actions/catalogObject.test.ts',
		test: 'names the fix when BigID refuses a raw query',
	},
	{
		row: 'Audit Log > Get Many: unparseable lines among good ones',
		file: 'actions/auditLog.test.ts',
		test: 'parses every line of what the sandbox saw, and keeps an unparseable line without dropping the rest',
	},
	{
		row: 'Audit Log > Get Many: a Since that is no date, an empty log',
		file: 'actions/auditLog.test.ts',
		test: 'reads an empty log as no items, and refuses a Since that is no date',
	},
	{
		row: 'Audit Log Entry: the log rotated or truncated between polls',
		file: 'trigger/audit.test.ts',
		test: 'emits each new line once through rotation, truncation and restarts, and nothing that existed before',
	},
	{
		row: 'Audit Log Entry: the log restarted with older timestamps',
		file: 'trigger/auditChanges.test.ts',
		test: 'never emits nothing forever: when the log restarted with older times it resumes by position',
	},
	{
		row: 'DSAR > Get Attributes: an unknown or blank profile',
		file: 'actions/dsar.test.ts',
		test: 'names the fix for an unknown profile, and needs a profile before any request',
	},
	{
		row: 'DSAR > Submit Request: identity values without a name or value, an unknown attribute',
		file: 'actions/dsar.test.ts',
		test: 'refuses identity values without a name or a value before any request',
	},
	{
		row: 'DSAR > Submit Request: a BigID version without the endpoint',
		file: 'actions/dsar.test.ts',
		test: 'says when this BigID version does not offer DSAR submission',
	},
);

// Issue 23: catalog tags, DSAR reports, policies and remediation.
CATALOGUE.push(
	{
		row: 'Catalog Object > Add Tags: a tag name BigID does not have',
		file: 'actions/catalogTags.test.ts',
		test: 'fails an unknown tag name before any write, listing the tags that exist',
	},
	{
		row: 'Catalog Object > Add Tags: a value the tag does not have',
		file: 'actions/catalogTags.test.ts',
		test: 'fails an unknown value before any write, listing the values of the tag',
	},
	{
		row: 'Catalog Object > Add Tags: an object the catalog does not have (continue on fail)',
		file: 'actions/catalogTags.test.ts',
		test: 'fails an object the catalog does not have before any write, the other items still tagged',
	},
	{
		row: "Catalog Object > Add Tags: errors in BigID's 201 answer",
		file: 'actions/catalogTags.test.ts',
		test: 'fails the item with the errors BigID lists in its 201 answer',
	},
	{
		row: 'Catalog Object > Add Tags: a user without catalog.manual_fields.edit (403)',
		file: 'actions/catalogTags.test.ts',
		test: 'says which permission a 403 needs',
	},
	{
		row: 'Catalog Object > Remove Tags: an unknown tag',
		file: 'actions/catalogTags.test.ts',
		test: 'fails an unknown tag before any write',
	},
	{
		row: 'Catalog Object > Remove Tags: a BigID version without tag removal',
		file: 'actions/catalogTags.test.ts',
		test: 'says this BigID version does not offer removing tags, and the object keeps them',
	},
	{
		row: 'Catalog Object > Get Details: an unknown object',
		file: 'actions/catalogTags.test.ts',
		test: 'says an unknown object was not found',
	},
	{
		row: 'Catalog Object > Get Details: an empty fully qualified name',
		file: 'actions/catalogTags.test.ts',
		test: 'refuses an empty name before any request',
	},
	{
		row: 'Tag > Get Many: a limit out of range',
		file: 'actions/catalogTags.test.ts',
		test: 'refuses a limit out of range before any request',
	},
	{
		row: 'DSAR > Get Report: a report not ready yet (BigID answers 409)',
		file: 'actions/dsarReport.test.ts',
		test: 'says a report is not ready yet, with its status, and how to wait for it',
	},
	{
		row: 'DSAR > Get Report: a report not ready yet answered 404, or with a status and no records',
		file: 'actions/dsarReport.test.ts',
		test: 'reads a 404 of a report not ready yet as not ready, from the status',
	},
	{
		row: 'DSAR > Get Report: an unknown request ID',
		file: 'actions/dsarReport.test.ts',
		test: 'names the fix for an unknown request ID',
	},
	{
		row: 'DSAR > Get Report: a request BigID gave up on',
		file: 'actions/dsarReport.test.ts',
		test: 'fails a request BigID gave up on with what BigID said',
	},
	{
		row: 'DSAR > Get Report: a blank request ID, a bad Limit, a blank file field',
		file: 'actions/dsarReport.test.ts',
		test: 'refuses a blank request ID, a bad Limit or a blank file field before any request',
	},
	{
		row: 'DSAR > Submit and Wait: a search that does not end within Timeout',
		file: 'actions/dsarReport.test.ts',
		test: 'stops at the timeout and names the request ID to read the report with later',
	},
	{
		row: 'DSAR > Submit and Wait: a lost answer of the submission',
		file: 'actions/dsarReport.test.ts',
		test: 'never submits again when the answer of the submission was lost',
	},
	{
		row: 'DSAR > Submit and Wait: bad identity values, a Poll Interval of 0',
		file: 'actions/dsarReport.test.ts',
		test: 'refuses bad identity values or a Poll Interval of 0 before any request',
	},
	{
		row: 'DSAR > Submit and Wait: a BigID version without the status endpoint',
		file: 'actions/dsarReport.test.ts',
		test: 'says so after the one submission, and how to read the report later',
	},
	{
		row: 'Policy > Get: an unknown policy name, an empty one',
		file: 'actions/policy.test.ts',
		test: 'says which policy name does not exist, and needs one before any request',
	},
	{
		row: 'Remediation > Execute Action: an unknown or disabled action, a missing or unknown parameter',
		file: 'actions/remediation.test.ts',
		test: 'refuses an unknown action, a disabled one, a missing or unknown parameter: nothing executed',
	},
	{
		row: 'Remediation > Execute Action: no action, no objects, a parameter value without a name',
		file: 'actions/remediation.test.ts',
		test: 'needs an action, objects and named parameters before any request',
	},
	{
		row: 'Remediation > Execute Action: a lost answer of the execute request',
		file: 'actions/remediation.test.ts',
		test: 'reports a lost answer as "may have happened" and never sends the action again',
	},
	{
		row: 'Remediation: an empty App ID or Accept Version',
		file: 'actions/remediation.test.ts',
		test: 'needs an App ID and an Accept Version before any request',
	},
	{
		row: 'Remediation: an unknown App ID',
		file: 'actions/remediation.test.ts',
		test: 'names the App ID and the installation for an unknown App ID',
	},
	{
		row: 'Remediation > Get Execution: an unknown execution ID, an empty one',
		file: 'actions/remediation.test.ts',
		test: 'says which execution the app does not have, and needs an ID before any request',
	},
	{
		row: 'Remediation: a BigID without the Remediation app (3 operations)',
		file: 'actions/remediation.test.ts',
		test: '%s says this BigID does not offer the app',
	},
);
