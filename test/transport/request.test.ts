import type { NotOffered, RequestFailure } from '../../nodes/BigId/transport/errors';
import { EndpointNotOfferedError, toNodeApiError } from '../../nodes/BigId/transport/errors';
import type { FaultKind } from '../../sandbox';
import { buildWorkflow, runWorkflow } from '../harness/engine';
import { startSandboxSession, useSandboxSession } from '../harness/sandbox';

const ROLES_ROUTE = 'GET /api/v1/roles';
const listRoles = [{ parameters: { resource: 'role', operation: 'getMany', returnAll: true } }];

describe('transport: retries, envelopes and errors of GET requests', () => {
	const session = useSandboxSession();

	const runRoles = async (continueOnFail = false) =>
		await runWorkflow({
			credentials: session.credentials,
			nodes: [{ ...listRoles[0], continueOnFail }],
		});

	test.each<[FaultKind, number]>([
		['429', 2],
		['429-retry-after', 1],
		['html-502', 2],
		['500', 2],
		['502', 1],
		['503', 1],
		['504', 1],
		['drop', 2],
		['malformed-json', 1],
		['empty-body', 1],
	])('a GET answered %s %i time(s) is retried and succeeds', async (kind, times) => {
		session.sandbox.faults.inject({ route: ROLES_ROUTE, kind, times });

		const result = await runRoles();

		expect(result.error).toBeUndefined();
		expect(result.items.length).toBe(session.sandbox.store.roles.length);
		expect(session.sandbox.stats.byRoute[ROLES_ROUTE]).toBe(times + 1);
		expect(session.sandbox.stats.faults[kind]).toBe(times);
	});

	test('a 500 that persists is reported after 5 attempts with the troubleshooting table’s fix', async () => {
		session.sandbox.faults.inject({ route: ROLES_ROUTE, kind: '500', times: 10 });

		const result = await runRoles();

		expect(result.error?.message).toBe('BigID answered 500: Server error');
		expect(result.error?.description).toBe(
			'BigID server hit a snag (internal error). Wait a moment and retry. If it persists, reach out to support.',
		);
		expect(session.sandbox.stats.byRoute[ROLES_ROUTE]).toBe(5);
	});

	test('an HTML page where JSON belongs (console or SSO page) is named as such, with where to look', async () => {
		session.sandbox.faults.inject({ route: ROLES_ROUTE, kind: 'html-login-page', times: 10 });

		const result = await runRoles();

		expect(result.error?.message).toBe(
			'BigID answered GET /api/v1/roles with an HTML page instead of JSON',
		);
		expect(result.error?.description).toContain('Check the Base URL of the BigID API credential');
	});

	test('an HTML error page with a status is reported by its status', async () => {
		session.sandbox.faults.inject({ route: ROLES_ROUTE, kind: 'html-error-page', times: 10 });

		const result = await runRoles();

		expect(result.error?.message).toBe(
			'BigID answered 500: BigID server hit a snag (internal error)',
		);
		expect(result.error?.description).toBe(
			'Wait a moment and retry. If it persists, reach out to support.',
		);
	});

	test('a body that stays malformed is reported, not parsed into nonsense', async () => {
		session.sandbox.faults.inject({ route: ROLES_ROUTE, kind: 'malformed-json', times: 10 });

		const result = await runRoles();

		expect(result.error?.message).toBe(
			'BigID answered GET /api/v1/roles with a truncated or malformed body instead of JSON',
		);
	});

	test('continueOnFail turns the failure into an error item paired with its input', async () => {
		session.sandbox.faults.inject({ route: ROLES_ROUTE, kind: '500', times: 5 });

		const result = await runRoles(true);

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: {
					error: 'BigID answered 500: Server error',
					description:
						'BigID server hit a snag (internal error). Wait a moment and retry. If it persists, reach out to support.',
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('transport: answer shapes', () => {
	test.each([
		['JSON served as text/html is read as JSON', { jsonAsHtml: true }],
		['the wrapped envelope reads the same as the bare one', { userEnvelope: 'wrapped' as const }],
	])('%s', async (_name, options) => {
		const { sandbox, credentials } = await startSandboxSession(options);
		try {
			const result = await runWorkflow({ credentials, nodes: listRoles });
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => [item.json.id, item.json.name])).toEqual(
				sandbox.store.roles.map((role) => [role.id, role.name]),
			);
		} finally {
			await sandbox.close();
		}
	});
});

describe('transport: writes and routes', () => {
	const session = useSandboxSession();

	const CREATE_ROUTE = 'POST /api/v1/users';
	const createUser = async () =>
		await runWorkflow({
			credentials: session.credentials,
			nodes: [
				{
					parameters: {
						resource: 'user',
						operation: 'create',
						name: 'new.hire',
						email: 'new.hire@example.com',
						password: 'Welcome-2026!',
						role: { __rl: true, mode: 'name', value: 'Viewer' },
					},
				},
			],
		});

	test('a POST answered 500 is not retried, and the error says to check before retrying', async () => {
		session.sandbox.faults.inject({ route: CREATE_ROUTE, kind: '500', afterHandling: true });

		const result = await createUser();

		expect(result.error?.message).toBe('BigID answered 500: Server error');
		expect(result.error?.description).toContain('check in BigID before you retry');
		expect(session.sandbox.stats.byRoute[CREATE_ROUTE]).toBe(1);
		expect(session.sandbox.stats.writes[CREATE_ROUTE]).toBe(1);
	});

	test('a POST whose answer was lost is reported as "may have happened", never repeated', async () => {
		session.sandbox.faults.inject({ route: CREATE_ROUTE, kind: 'drop', afterHandling: true });

		const result = await createUser();

		expect(result.error?.message).toContain(`Could not reach BigID at ${session.sandbox.url}`);
		expect(result.error?.description).toContain(
			'The POST /api/v1/users may have reached BigID before the connection failed, so it may have happened. Check in BigID before you retry',
		);
		expect(session.sandbox.stats.byRoute[CREATE_ROUTE]).toBe(1);
		expect(session.sandbox.store.users.filter((user) => user.name === 'new.hire')).toHaveLength(1);
	});

	test('a POST refused with 429 was not acted on, so it is sent again once BigID allows', async () => {
		session.sandbox.faults.inject({ route: CREATE_ROUTE, kind: '429' });

		const result = await createUser();

		expect(result.error).toBeUndefined();
		expect(session.sandbox.stats.byRoute[CREATE_ROUTE]).toBe(2);
		expect(session.sandbox.stats.writes[CREATE_ROUTE]).toBe(1);
	});

	test.each(['../users', 'a/b?c#d', 'dé jà vu'])(
		'the name "%s" stays one path segment: it cannot change the route',
		async (name) => {
			const result = await runWorkflow({
				credentials: session.credentials,
				nodes: [
					{
						parameters: {
							resource: 'dataSource',
							operation: 'get',
							dataSource: { __rl: true, mode: 'name', value: name },
						},
					},
				],
			});

			expect(result.error?.message).toContain('was not found');
			expect(session.sandbox.stats.byRoute['GET /api/v1/ds-connections/:idOrName']).toBe(1);
			expect(Object.keys(session.sandbox.stats.byRoute).sort()).toEqual([
				'GET /api/v1/ds-connections',
				'GET /api/v1/ds-connections/:idOrName',
				'POST /api/v1/sessions',
			]);
		},
	);

	test('".." cannot be sent as a path segment (URL parsers resolve it even encoded): refused before any request', async () => {
		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: [
				{
					parameters: {
						resource: 'dataSource',
						operation: 'get',
						dataSource: { __rl: true, mode: 'name', value: '..' },
					},
				},
			],
		});

		expect(result.error?.message).toBe('".." is not a valid BigID ID or name');
		expect(session.sandbox.stats.requests).toBe(0);
	});
});

describe('transport: an error it does not recognise', () => {
	const node = buildWorkflow([{ name: 'BigID', parameters: {} }]).getNode('BigID')!;
	const context = (method: string) => ({
		node,
		itemIndex: 2,
		baseUrl: 'https://bigid.example.com',
		method,
		path: '/api/v1/users',
		secrets: ['Pw-secret-123'],
	});

	test('is reported with its own text, secrets redacted, as not retried', () => {
		const error = toNodeApiError(
			{ unrecognisedError: 'Unexpected token in Pw-secret-123' },
			context('GET'),
		);

		expect(error.message).toBe('Unexpected token in [redacted]');
		expect(error.description).toBe(
			'GET /api/v1/users to BigID at https://bigid.example.com failed with this error, which the BigID node does not recognise, so it was not retried.',
		);
		expect(error.context.itemIndex).toBe(2);
	});

	test('after a write, says to check in BigID before retrying', () => {
		const error = toNodeApiError({ unrecognisedError: 'Unexpected token' }, context('POST'));

		expect(error.description).toContain(
			'The POST may have been carried out before the error: check in BigID before you retry.',
		);
	});
});

describe('transport: an endpoint this BigID version does not offer (the notOffered request option)', () => {
	const node = buildWorkflow([{ name: 'BigID', parameters: {} }]).getNode('BigID')!;
	const context = (notOffered?: NotOffered) => ({
		node,
		itemIndex: 1,
		baseUrl: 'https://bigid.example.com',
		method: 'GET',
		path: '/api/v1/sar/profiles',
		secrets: [],
		notOffered,
	});
	const profiles = { what: 'DSAR profiles' };

	test.each<[string, RequestFailure, NotOffered | undefined, string]>([
		['a 404 of an unconfirmed endpoint', { status: 404 }, profiles, 'not offered'],
		['a 405 of an unconfirmed endpoint', { status: 405 }, profiles, 'not offered'],
		['a 400 where only 404 and 405 mean it', { status: 400 }, profiles, 'troubleshooting'],
		[
			'a 400 where the endpoint lists it',
			{ status: 400 },
			{ ...profiles, statuses: [400, 404] },
			'not offered',
		],
		['a 404 of a confirmed endpoint', { status: 404 }, undefined, 'troubleshooting'],
		['a 500 of an unconfirmed endpoint', { status: 500 }, profiles, 'troubleshooting'],
		[
			'a refused connection to an unconfirmed endpoint',
			{ connectionCode: 'ECONNREFUSED' },
			profiles,
			'connection',
		],
	])('%s is a %s error', (_, failure, notOffered, kind) => {
		const error = toNodeApiError(failure, context(notOffered));

		expect(error instanceof EndpointNotOfferedError).toBe(kind === 'not offered');
		expect(error.context.itemIndex).toBe(1);
		if (kind === 'not offered') {
			expect(error.message).toBe(
				`This BigID version does not offer DSAR profiles (GET /api/v1/sar/profiles answered ${failure.status})`,
			);
			expect(error.description).toContain('Do this in the BigID UI instead');
			expect(error.httpCode).toBe(String(failure.status));
		} else if (kind === 'troubleshooting') {
			expect(error.message).toMatch(new RegExp(`^BigID answered ${failure.status}: `));
		} else {
			expect(error.message).toContain('Could not reach BigID');
		}
	});
});

describe('transport: BigID\'s 400 "Unable to locate" for a missing object', () => {
	const node = buildWorkflow([{ name: 'BigID', parameters: {} }]).getNode('BigID')!;
	const context = {
		node,
		itemIndex: 0,
		baseUrl: 'https://bigid.example.com',
		method: 'PATCH',
		path: '/api/v1/actionable-insights/cases/64f7df00cc834f0001a44e85',
		secrets: [],
		hints: { 404: 'The case no longer exists: check its ID with DSPM Case > Get Many.' },
	};

	test.each<[string, RequestFailure, RegExp]>([
		[
			'a 400 saying "Unable to locate" gets the advice of a 404',
			{ status: 400, body: { message: 'Unable to locate case 64f7df00cc834f0001a44e85' } },
			/^The ID doesn't exist\. The case no longer exists/,
		],
		[
			'another 400 keeps the advice of a 400',
			{ status: 400, body: { message: 'Missing required field: assignee' } },
			/^Bad or malformed ID or parameter provided\. Double-check the ID/,
		],
	])('%s', (_, failure, description) => {
		const error = toNodeApiError(failure, context);
		expect(error.message).toBe(
			`BigID answered 400: ${String((failure.body as { message: string }).message)}`,
		);
		expect(error.description).toMatch(description);
		expect(error.httpCode).toBe('400');
	});
});
