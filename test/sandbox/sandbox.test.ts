import { request } from 'undici';
import { startSandbox, type FaultKind, type Sandbox, type SandboxOptions } from '../../sandbox';

interface CallOptions {
	token?: string;
	/** Sent as the Authorization header exactly as given. */
	authorization?: string;
	body?: unknown;
}

interface CallResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	// The assertions read the sandbox's JSON answers by path; their shapes are what is under test.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

async function call(
	sandbox: Sandbox,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<CallResult> {
	const headers: Record<string, string> = {};
	const authorization = options.authorization ?? options.token;
	if (authorization !== undefined) headers.authorization = authorization;
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	const response = await request(sandbox.url + path, {
		method: method as 'GET',
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	const text = await response.body.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.statusCode, headers: response.headers, text, json };
}

async function login(sandbox: Sandbox): Promise<string> {
	const answer = await call(sandbox, 'POST', '/api/v1/sessions', {
		body: { username: sandbox.options.username, password: sandbox.options.password },
	});
	return answer.json.auth_token as string;
}

/** Starts a sandbox, logs in, and closes it after the test file. */
function useSandbox(options: SandboxOptions = {}) {
	const handle = {} as { sandbox: Sandbox; token: string };
	beforeAll(async () => {
		handle.sandbox = await startSandbox(options);
		handle.token = await login(handle.sandbox);
		handle.sandbox.resetStats();
	});
	afterAll(async () => handle.sandbox.close());
	return handle;
}

/**
 * Takes over the sandbox's waits (latency, delay faults): each is recorded and lasts until the
 * test releases it, so a delay is checked by what the sandbox waits for, not by the clock.
 */
function holdWaits(sandbox: Sandbox) {
	const asked: number[] = [];
	const pending: Array<() => void> = [];
	sandbox.wait = (ms) =>
		new Promise<void>((resolve) => {
			asked.push(ms);
			pending.push(resolve);
		});
	return {
		asked,
		async untilWaiting(count: number) {
			while (asked.length < count) await new Promise((resolve) => setImmediate(resolve));
		},
		releaseAll: () => pending.splice(0).forEach((release) => release()),
	};
}

/** A request whose answer the test can check has not come yet. */
function trackAnswer(request: Promise<CallResult>) {
	const tracked = { answered: false, answer: request };
	tracked.answer = request.then((answer) => {
		tracked.answered = true;
		return answer;
	});
	return tracked;
}

function jwtPayload(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('authentication', () => {
	const env = useSandbox({ tokenMaxUses: 3, tokenTtlMs: 60_000 });

	it('logs in and issues unique JWT-shaped tokens with an exp claim', async () => {
		const { sandbox } = env;
		const first = await login(sandbox);
		const second = await login(sandbox);
		expect(first).not.toEqual(second);
		expect(first.split('.')).toHaveLength(3);
		expect(jwtPayload(first).exp).toEqual(expect.any(Number));
		expect(sandbox.stats.logins).toBe(2);
	});

	it('answers a failed login with HTTP 200 and success: false', async () => {
		const answer = await call(env.sandbox, 'POST', '/api/v1/sessions', {
			body: { username: 'admin', password: 'wrong' },
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			success: false,
			message: 'Authentication failed. Please check your username and password.',
		});
		expect(env.sandbox.stats.failedLogins).toBeGreaterThan(0);
	});

	it('exchanges the API token, raw or with Bearer, and rejects a bad one', async () => {
		const { sandbox } = env;
		const raw = await call(sandbox, 'GET', '/api/v1/refresh-access-token', {
			authorization: sandbox.options.apiToken,
		});
		const bearer = await call(sandbox, 'GET', '/api/v1/refresh-access-token', {
			authorization: `Bearer ${sandbox.options.apiToken}`,
		});
		expect(raw.json).toEqual({ success: true, systemToken: expect.any(String) });
		expect(bearer.json.success).toBe(true);
		const users = await call(sandbox, 'GET', '/api/v1/users', { token: raw.json.systemToken });
		expect(users.status).toBe(200);

		const bad = await call(sandbox, 'GET', '/api/v1/refresh-access-token', {
			authorization: 'nope',
		});
		expect(bad.status).toBe(401);
		expect(bad.json).toEqual({ success: false, message: 'Invalid or expired user token' });
		expect(sandbox.stats.tokenExchanges).toBe(2);
	});

	it('answers 401 Unauthorized in plain text without a valid token', async () => {
		const { sandbox } = env;
		const before = sandbox.stats.rejectedAuth;
		const missing = await call(sandbox, 'GET', '/api/v1/users');
		const invalid = await call(sandbox, 'GET', '/api/v1/users', { token: 'not-a-token' });
		expect([missing.status, invalid.status]).toEqual([401, 401]);
		expect(missing.text).toBe('Unauthorized');
		expect(sandbox.stats.rejectedAuth).toBe(before + 2);
	});

	it('stops accepting a token after tokenMaxUses requests', async () => {
		const token = await login(env.sandbox);
		const statuses = [];
		for (let index = 0; index < 4; index++) {
			statuses.push((await call(env.sandbox, 'GET', '/api/v1/roles', { token })).status);
		}
		expect(statuses).toEqual([200, 200, 200, 401]);
	});

	it('expires tokens when the virtual clock passes their lifetime', async () => {
		const token = await login(env.sandbox);
		env.sandbox.store.advanceClock(61_000);
		expect((await call(env.sandbox, 'GET', '/api/v1/roles', { token })).status).toBe(401);
	});

	it('revokes every issued token on demand', async () => {
		const token = await login(env.sandbox);
		env.sandbox.revokeAllTokens();
		expect((await call(env.sandbox, 'GET', '/api/v1/roles', { token })).status).toBe(401);
	});
});

describe('Authorization header formats', () => {
	it.each([
		['raw', [200, 401]],
		['bearer', [401, 200]],
		['either', [200, 200]],
	] as const)('authHeader %s accepts raw/Bearer as %j', async (authHeader, expected) => {
		const sandbox = await startSandbox({ authHeader });
		try {
			const token = await login(sandbox);
			const raw = await call(sandbox, 'GET', '/api/v1/roles', { authorization: token });
			const bearer = await call(sandbox, 'GET', '/api/v1/roles', {
				authorization: `Bearer ${token}`,
			});
			expect([raw.status, bearer.status]).toEqual(expected);
		} finally {
			await sandbox.close();
		}
	});
});

describe('paging at scale', () => {
	const env = useSandbox({ users: 10_000, parentScans: 10_000, pageCap: 100 });

	it('caps pages silently and serves 10,000 users in 100 requests', async () => {
		const { sandbox, token } = env;
		const ids = new Set<string>();
		let totalCount = Infinity;
		// Paged by totalCount, as a client must when a silent cap makes every page look short.
		for (let skip = 0; skip < totalCount; skip += 100) {
			const answer = await call(sandbox, 'GET', `/api/v1/users?skip=${skip}&limit=500`, { token });
			expect(answer.json.users).toHaveLength(100);
			expect(answer.json.totalCount).toBe(10_000);
			totalCount = answer.json.totalCount;
			for (const user of answer.json.users) ids.add(user.id);
		}
		expect(ids.size).toBe(10_000);
		expect(sandbox.stats.byRoute).toEqual({ 'GET /api/v1/users': 100 });
	});

	it('uses the default page size without a limit', async () => {
		const answer = await call(env.sandbox, 'GET', '/api/v1/users', { token: env.token });
		expect(answer.json.users).toHaveLength(50);
	});

	it('lists 10,000 parent scans newest first, each page a slice of one cached order', async () => {
		const { sandbox, token } = env;
		let previous = '9999';
		for (let skip = 0; skip < 1000; skip += 100) {
			const answer = await call(
				sandbox,
				'GET',
				`/api/v1/scans/parent-scans?skip=${skip}&limit=100`,
				{
					token,
				},
			);
			expect(answer.json.data.totalCount).toBe(10_000);
			for (const scan of answer.json.data.scanParents) {
				expect(scan.updated_at <= previous).toBe(true);
				previous = scan.updated_at;
			}
		}
		// What keeps polling 10,000 scans cheap: the order is sorted once, not once per page.
		const newestFirst = [{ field: 'updated_at', descending: true }];
		const ordered = sandbox.store.queryParentScans(newestFirst, undefined);
		expect(sandbox.store.queryParentScans(newestFirst, undefined)).toBe(ordered);
		sandbox.store.setScanState(ordered[0]._id, 'Failed');
		expect(sandbox.store.queryParentScans(newestFirst, undefined)).not.toBe(ordered);
	});
});

describe('envelopes', () => {
	it('answers /users and /roles bare by default, like the user-management guide', async () => {
		const sandbox = await startSandbox();
		try {
			const token = await login(sandbox);
			const users = await call(sandbox, 'GET', '/api/v1/users?limit=2', { token });
			expect(Object.keys(users.json).sort()).toEqual(['totalCount', 'users']);
			const roles = await call(sandbox, 'GET', '/api/v1/roles', { token });
			expect(roles.json.roles.map((role: { name: string }) => role.name)).toEqual([
				'Admin',
				'Viewer',
				'Data Steward',
				'Auditor',
				'Privacy Analyst',
			]);
		} finally {
			await sandbox.close();
		}
	});

	it('wraps /users and /roles when userEnvelope is wrapped', async () => {
		const sandbox = await startSandbox({ userEnvelope: 'wrapped' });
		try {
			const token = await login(sandbox);
			const users = await call(sandbox, 'GET', '/api/v1/users?limit=2&requireTotalCount=true', {
				token,
			});
			expect(users.json).toMatchObject({ status: 'success', statusCode: 200, message: null });
			expect(users.json.data.users).toHaveLength(2);
			expect(users.json.data.totalCount).toBe(25);
			const roles = await call(sandbox, 'GET', '/api/v1/roles', { token });
			expect(roles.json.data.roles).toHaveLength(5);
		} finally {
			await sandbox.close();
		}
	});

	it('serves access-management users in the real shape', async () => {
		const sandbox = await startSandbox();
		try {
			const token = await login(sandbox);
			const answer = await call(sandbox, 'GET', '/api/v1/access-management/users?limit=1', {
				token,
			});
			const [user] = answer.json.data.users;
			const adminRole = sandbox.store.roles.find((role) => role.name === 'Admin');
			expect(user).toMatchObject({ _id: expect.any(String), roleIds: [adminRole?._id] });
			expect(user).toHaveProperty('created_at');
			expect(user).not.toHaveProperty('role');
			expect(answer.json.data.totalCount).toBe(25);
		} finally {
			await sandbox.close();
		}
	});

	it('can serve JSON as text/html, as some proxies do', async () => {
		const sandbox = await startSandbox({ jsonAsHtml: true });
		try {
			const token = await login(sandbox);
			const answer = await call(sandbox, 'GET', '/api/v1/roles', { token });
			expect(answer.headers['content-type']).toContain('text/html');
			expect(answer.json.roles).toHaveLength(5);
		} finally {
			await sandbox.close();
		}
	});
});

describe('users', () => {
	const env = useSandbox();
	const newUser = {
		name: 'new.hire',
		email: 'new.hire@example.com',
		password: 'P@ssw0rd',
		role: 'Viewer',
		firstName: 'New',
		lastName: 'Hire',
	};

	it('creates a user, never returns the password, and lets it log in', async () => {
		const { sandbox, token } = env;
		const created = await call(sandbox, 'POST', '/api/v1/users', { token, body: newUser });
		expect(created.status).toBe(201);
		expect(created.json).toMatchObject({ name: 'new.hire', origin: 'local', isEnabled: true });
		expect(created.json.id).toMatch(/^[0-9a-f]{24}$/);
		expect(created.json._id).toBe(created.json.id);
		expect(created.json).not.toHaveProperty('password');
		const fetched = await call(sandbox, 'GET', `/api/v1/users/${created.json.id}`, { token });
		expect(fetched.json).toEqual(created.json);
		const session = await call(sandbox, 'POST', '/api/v1/sessions', {
			body: { username: 'new.hire', password: 'P@ssw0rd' },
		});
		expect(session.json.systemUser).toBe('new.hire');
		expect(sandbox.stats.writes['POST /api/v1/users']).toBe(1);
	});

	it.each([
		[{ ...newUser, name: undefined }, 400, 'Missing required field: name'],
		[{ ...newUser, email: undefined }, 400, 'Missing required field: email'],
		[{ ...newUser, name: 'new.hire' }, 409, 'User new.hire already exists'],
		[{ ...newUser, name: 'x', role: 'admin' }, 400, "Role 'admin' does not exist"],
		[
			{ ...newUser, name: 'x', origin: 'saml' },
			400,
			'SAML users cannot be created through the API; provision them through the identity provider',
		],
		[{ ...newUser, name: 'x', password: undefined }, 400, 'Missing required field: password'],
	])('rejects an invalid user %#', async (body, status, error) => {
		const answer = await call(env.sandbox, 'POST', '/api/v1/users', { token: env.token, body });
		expect(answer.status).toBe(status);
		expect(answer.json).toEqual({ error });
	});

	it('answers 400 for a malformed id and 404 for an unknown one', async () => {
		const { sandbox, token } = env;
		const malformed = await call(sandbox, 'GET', '/api/v1/users/jdoe', { token });
		expect([malformed.status, malformed.json]).toEqual([400, { error: 'User ID is invalid' }]);
		const unknown = await call(sandbox, 'GET', '/api/v1/users/ffffffffffffffffffffffff', {
			token,
		});
		expect(unknown.status).toBe(404);
		expect(unknown.json).toEqual({ error: 'User ffffffffffffffffffffffff was not found' });
	});

	it('merges a PUT by default, validates the role, and deletes', async () => {
		const { sandbox, token } = env;
		const user = sandbox.store.users[3];
		const before = { ...user };
		const updated = await call(sandbox, 'PUT', `/api/v1/users/${user.id}`, {
			token,
			body: { role: 'Auditor' },
		});
		expect(updated.json).toMatchObject({ role: 'Auditor', email: before.email, name: before.name });
		expect(updated.json.updatedAt > before.updatedAt).toBe(true);
		const badRole = await call(sandbox, 'PUT', `/api/v1/users/${user.id}`, {
			token,
			body: { role: 'Superuser' },
		});
		expect(badRole.status).toBe(400);
		const deleted = await call(sandbox, 'DELETE', `/api/v1/users/${user.id}`, { token });
		expect(deleted.json).toEqual({ message: 'User deleted successfully' });
		expect((await call(sandbox, 'GET', `/api/v1/users/${user.id}`, { token })).status).toBe(404);
	});

	it('moves only updatedAt when a user logs in', async () => {
		const { sandbox } = env;
		const admin = sandbox.store.users[0];
		const before = { ...admin };
		await login(sandbox);
		expect({ ...admin, updatedAt: before.updatedAt }).toEqual(before);
		expect(admin.updatedAt > before.updatedAt).toBe(true);
	});
});

describe('replacing PUT', () => {
	const env = useSandbox({ putSemantics: 'replace' });

	it('wipes every field the body leaves out', async () => {
		const { sandbox, token } = env;
		const user = sandbox.store.users[1];
		const { id, createdAt, origin, name } = user;
		const answer = await call(sandbox, 'PUT', `/api/v1/users/${id}`, {
			token,
			body: { role: 'Admin' },
		});
		expect(answer.json).toEqual({
			id,
			_id: id,
			createdAt,
			origin,
			role: 'Admin',
			updatedAt: expect.any(String),
		});
		expect(sandbox.store.getUser(id)).not.toHaveProperty('email');
		expect(sandbox.store.findUserByName(name ?? '')).toBeUndefined();
	});
});

describe('data sources', () => {
	const env = useSandbox();

	it('lists them wrapped with string enabled flags and a failing-source', async () => {
		const answer = await call(env.sandbox, 'GET', '/api/v1/ds-connections?requireTotalCount=true', {
			token: env.token,
		});
		const { ds_connections: sources, totalCount } = answer.json.data;
		expect(totalCount).toBe(5);
		expect(sources.map((source: { name: string }) => source.name)).toContain('failing-source');
		expect(sources.map((source: { name: string }) => source.name)).toContain('marketing-db-1');
		for (const source of sources) expect(['yes', 'no']).toContain(source.enabled);
	});

	it.each([
		['filter=type%3Ds3', ['finance-bucket-1']],
		[`filter=${encodeURIComponent('{"type":"rdb-mysql"}')}`, ['marketing-db-1', 'failing-source']],
		['filter=type%3Drdb-mysql%2Cenabled%3Dyes&sort=-name', ['marketing-db-1', 'failing-source']],
		[
			`sort=${encodeURIComponent('[{"field":"name","order":"desc"}]')}&limit=2`,
			['sales-crm-1', 'marketing-db-1'],
		],
		['sort=name&limit=2', ['failing-source', 'finance-bucket-1']],
	])('answers %s', async (query, names) => {
		const answer = await call(env.sandbox, 'GET', `/api/v1/ds-connections?${query}`, {
			token: env.token,
		});
		expect(answer.json.data.ds_connections.map((source: { name: string }) => source.name)).toEqual(
			names,
		);
	});

	it('finds one by id or name, and 404s otherwise', async () => {
		const { sandbox, token } = env;
		const source = sandbox.store.dataSources[0];
		const byId = await call(sandbox, 'GET', `/api/v1/ds-connections/${source._id}`, { token });
		const byName = await call(sandbox, 'GET', `/api/v1/ds-connections/${source.name}`, { token });
		expect(byId.json.data.ds_connection).toEqual(source);
		expect(byName.json.data.ds_connection).toEqual(source);
		const missing = await call(sandbox, 'GET', '/api/v1/ds-connections/nope', { token });
		expect([missing.status, missing.json]).toEqual([
			404,
			{ error: 'Data source nope was not found' },
		]);
	});
});

describe('scan profiles and scans', () => {
	const env = useSandbox({ scanDurationMs: 10_000 });
	const sourceIds = () => env.sandbox.store.dataSources.slice(0, 2).map((source) => source._id);

	it('validates a new profile', async () => {
		const { sandbox, token } = env;
		const valid = {
			name: 'P',
			dataSourceList: sourceIds(),
			scanTemplateId: 't',
			isSingleRunScan: true,
		};
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ ...valid, name: '' }, 'Missing required field: name'],
			[
				{ ...valid, dataSourceList: [] },
				'dataSourceList must be a non-empty array of data source ids',
			],
			[
				{ ...valid, dataSourceList: ['ffffffffffffffffffffffff'] },
				'Data source ffffffffffffffffffffffff was not found',
			],
			[{ ...valid, scanTemplateId: undefined }, 'Missing required field: scanTemplateId'],
			[
				{ ...valid, schedule: { cronExpression: '0 * * * *', timeZone: 'UTC' } },
				'A scan profile needs exactly one of isSingleRunScan: true or schedule {cronExpression, timeZone}',
			],
		];
		for (const [body, error] of cases) {
			const answer = await call(sandbox, 'POST', '/api/v1/scanProfiles', { token, body });
			expect([answer.status, answer.json]).toEqual([400, { error }]);
		}
	});

	it('creates a scheduled profile, reads, lists, updates and deletes it', async () => {
		const { sandbox, token } = env;
		const created = await call(sandbox, 'POST', '/api/v1/scanProfiles', {
			token,
			body: {
				name: 'Nightly',
				dataSourceList: sourceIds(),
				scanTemplateId: 'standard-privacy-template-001',
				schedule: { cronExpression: '0 1 * * *', timeZone: 'UTC' },
			},
		});
		expect(created.status).toBe(201);
		expect(created.json).toMatchObject({ name: 'Nightly', active: true, _id: created.json.id });
		const path = `/api/v1/scanProfiles/${created.json.id}`;
		expect((await call(sandbox, 'GET', path, { token })).json).toEqual(created.json);
		const list = await call(sandbox, 'GET', '/api/v1/scanProfiles?requireTotalCount=true', {
			token,
		});
		expect(list.json.totalCount).toBe(4);
		const updated = await call(sandbox, 'PUT', path, { token, body: { description: 'changed' } });
		expect(updated.json).toMatchObject({ name: 'Nightly', description: 'changed' });
		expect((await call(sandbox, 'DELETE', path, { token })).status).toBe(200);
		expect((await call(sandbox, 'GET', path, { token })).status).toBe(404);
		const invalid = await call(sandbox, 'GET', '/api/v1/scanProfiles/nope', { token });
		expect(invalid.json).toEqual({ error: 'Scan profile ID is invalid' });
	});

	it('queues the scan of a one-time profile right away', async () => {
		const { sandbox, token } = env;
		const before = sandbox.store.parentScans.length;
		const created = await call(sandbox, 'POST', '/api/v1/scanProfiles', {
			token,
			body: {
				name: 'Once',
				dataSourceList: sourceIds(),
				scanTemplateId: 't',
				isSingleRunScan: true,
			},
		});
		const scans = sandbox.store.parentScans;
		expect(scans).toHaveLength(before + 1);
		expect(scans[scans.length - 1]).toMatchObject({
			scanProfileId: created.json.id,
			state: 'Queued',
		});
	});

	it('starts a scan that goes Queued, InProgress, Completed with the clock', async () => {
		const { sandbox, token } = env;
		const profile = sandbox.store.scanProfiles[0];
		const started = await call(sandbox, 'POST', '/api/v1/scans', {
			token,
			body: { scanProfileId: profile.id },
		});
		expect(started.status).toBe(202);
		const { scanId } = started.json;
		expect(started.json).toEqual({
			status: 'success',
			statusCode: 202,
			message: 'Scan started',
			data: { scanId },
			scanId,
		});
		const status = () => call(sandbox, 'GET', `/api/v1/scans/${scanId}/status`, { token });
		expect((await status()).json).toEqual({ status: 'Queued', progress: 0 });
		sandbox.store.advanceClock(5_500);
		// 50% after 5.5 s of a 10 s scan queued for 1 s; wall time that passes on a busy machine adds to it.
		const halfway = (await status()).json;
		expect(halfway.status).toBe('InProgress');
		expect(halfway.progress).toBeGreaterThanOrEqual(50);
		expect(halfway.progress).toBeLessThan(60);
		const running = (await call(sandbox, 'GET', `/api/v1/scans/${scanId}`, { token })).json;
		sandbox.store.advanceClock(5_000);
		expect((await status()).json).toEqual({ status: 'Completed', progress: 100 });
		const finished = (await call(sandbox, 'GET', `/api/v1/scans/${scanId}`, { token })).json;
		expect(finished.updated_at > running.updated_at).toBe(true);
		expect(finished.completed_at).toBe(finished.updated_at);
		expect(finished.scanChildren).toHaveLength(profile.dataSourceList.length);
		const child = finished.scanChildren[0];
		const childStatus = await call(sandbox, 'GET', `/api/v1/scans/${child._id}/status`, { token });
		expect(childStatus.json).toEqual({ status: 'Completed', progress: 100 });
	});

	it('fails a scan that includes failing-source, started with the real body', async () => {
		const { sandbox, token } = env;
		const started = await call(sandbox, 'POST', '/api/v1/scans', {
			token,
			body: { scanType: 'dsScan', scanProfileName: 'Legacy Source Scan', scanOrigin: 'n8n' },
		});
		sandbox.store.advanceClock(10_000);
		const scan = await call(sandbox, 'GET', `/api/v1/scans/${started.json.scanId}`, { token });
		expect(scan.json).toMatchObject({ state: 'Failed', scanOrigin: 'n8n', type: 'dsScan' });
	});

	it.each([
		[{ scanType: 'fullScan', scanProfileName: 'Weekly Full Scan' }, 400],
		[{ scanProfileName: 'Missing Profile' }, 404],
		[{}, 400],
	])('refuses to start %j', async (body, status) => {
		const answer = await call(env.sandbox, 'POST', '/api/v1/scans', { token: env.token, body });
		expect(answer.status).toBe(status);
	});

	it('answers the documented errors for scan ids', async () => {
		const { sandbox, token } = env;
		const invalid = await call(sandbox, 'GET', '/api/v1/scans/1234/status', { token });
		expect([invalid.status, invalid.json]).toEqual([400, { error: 'Scan ID is invalid' }]);
		const unknown = await call(sandbox, 'GET', '/api/v1/scans/ffffffffffffffffffffffff/status', {
			token,
		});
		expect(unknown.json).toEqual({ error: 'Scan ffffffffffffffffffffffff was not found' });
	});

	it('lists parent scans newest first, filtered and sorted', async () => {
		const { sandbox, token } = env;
		const newest = sandbox.store.createFinishedParentScan({
			state: 'Completed',
			scanProfileName: 'Daily Marketing Scan',
		});
		const latest = await call(sandbox, 'GET', '/api/v1/scans/parent-scans?limit=1', { token });
		expect(latest.json.data.scanParents[0]).toMatchObject({ _id: newest._id, state: 'Completed' });
		const failed = await call(sandbox, 'GET', '/api/v1/scans/parent-scans?filter=state%3DFailed', {
			token,
		});
		expect(failed.json.data.scanParents.length).toBeGreaterThan(0);
		for (const scan of failed.json.data.scanParents) expect(scan.state).toBe('Failed');
		const oldest = await call(
			sandbox,
			'GET',
			'/api/v1/scans/parent-scans?sort=updated_at&limit=1',
			{
				token,
			},
		);
		expect(oldest.json.data.scanParents[0]._id).toBe(sandbox.store.parentScans[0]._id);
		const all = await call(sandbox, 'GET', '/api/v1/scans?requireTotalCount=true', { token });
		expect(all.json.totalCount).toBe(sandbox.store.scanExecutions.length);
	});

	it('forces a scan state through the store', async () => {
		const { sandbox, token } = env;
		const scan = sandbox.store.startScan(sandbox.store.scanProfiles[0].id);
		sandbox.store.setScanState(scan?._id ?? '', 'Aborted');
		const answer = await call(sandbox, 'GET', `/api/v1/scans/${scan?._id}/status`, { token });
		expect(answer.json).toEqual({ status: 'Aborted', progress: 100 });
	});
});

describe('scan profiles without CRUD', () => {
	const env = useSandbox({ scanProfileCrud: false });

	it('answers 404 like Express for the unconfirmed paths', async () => {
		const { sandbox, token } = env;
		const list = await call(sandbox, 'GET', '/api/v1/scanProfiles', { token });
		expect([list.status, list.json]).toEqual([404, { error: 'Cannot GET /api/v1/scanProfiles' }]);
		const id = sandbox.store.scanProfiles[0].id;
		const put = await call(sandbox, 'PUT', `/api/v1/scanProfiles/${id}`, { token, body: {} });
		expect(put.status).toBe(404);
		expect((await call(sandbox, 'GET', `/api/v1/scanProfiles/${id}`, { token })).status).toBe(200);
	});
});

describe('faults', () => {
	const env = useSandbox();
	let realWait: Sandbox['wait'];
	beforeAll(() => {
		realWait = env.sandbox.wait;
	});
	afterEach(() => {
		env.sandbox.faults.clear();
		env.sandbox.wait = realWait;
	});

	const send = (path = '/api/v1/roles') => call(env.sandbox, 'GET', path, { token: env.token });

	it.each<[FaultKind, (answer: CallResult) => void]>([
		[
			'429',
			(answer) => expect([answer.status, answer.headers['retry-after']]).toEqual([429, undefined]),
		],
		['429-retry-after', (answer) => expect(answer.headers['retry-after']).toBe('1')],
		[
			'500',
			(answer) =>
				expect(answer.json).toEqual({ status: 'error', message: 'Server error', errors: [{}] }),
		],
		['502', (answer) => expect(answer.status).toBe(502)],
		['503', (answer) => expect(answer.status).toBe(503)],
		['504', (answer) => expect(answer.status).toBe(504)],
		[
			'html-502',
			(answer) => {
				expect(answer.status).toBe(200);
				expect(answer.text).toContain('<title>502 Bad Gateway</title>');
			},
		],
		['html-error-page', (answer) => expect(answer.headers['content-type']).toContain('text/html')],
		[
			'malformed-json',
			(answer) => {
				expect(answer.status).toBe(200);
				expect(answer.json).toBeUndefined();
			},
		],
		['empty-body', (answer) => expect([answer.status, answer.text]).toEqual([200, ''])],
	])('injects %s once', async (kind, check) => {
		env.sandbox.faults.inject({ kind });
		check(await send());
		expect((await send()).json.roles).toHaveLength(5);
		expect(env.sandbox.stats.faults[kind]).toBe(1);
	});

	it('drops the connection', async () => {
		env.sandbox.faults.inject({ kind: 'drop' });
		await expect(send()).rejects.toThrow();
		expect((await send()).status).toBe(200);
	});

	it('holds a delayed answer for the injected delay while other requests go through', async () => {
		const waits = holdWaits(env.sandbox);
		env.sandbox.faults.inject({ kind: 'delay', delayMs: 150 });
		const delayed = trackAnswer(send());
		await waits.untilWaiting(1);
		expect((await send()).status).toBe(200);
		expect(delayed.answered).toBe(false);
		expect(waits.asked).toEqual([150]);
		waits.releaseAll();
		expect((await delayed.answer).status).toBe(200);
		expect(env.sandbox.stats.faults.delay).toBe(1);
	});

	it('performs a write and then loses its answer', async () => {
		const { sandbox, token } = env;
		sandbox.faults.inject({ route: 'POST /api/v1/users', kind: '502', afterHandling: true });
		const body = { name: 'lost.answer', email: 'l@example.com', password: 'x', role: 'Viewer' };
		const first = await call(sandbox, 'POST', '/api/v1/users', { token, body });
		expect(first.status).toBe(502);
		expect(sandbox.store.findUserByName('lost.answer')).toBeDefined();
		expect(sandbox.stats.writes['POST /api/v1/users']).toBe(1);
		const retry = await call(sandbox, 'POST', '/api/v1/users', { token, body });
		expect(retry.status).toBe(409);
		expect(sandbox.stats.writes['POST /api/v1/users']).toBe(1);
	});

	it('only faults the injected route', async () => {
		env.sandbox.faults.inject({ route: 'GET /api/v1/users', kind: '500' });
		expect((await send()).status).toBe(200);
		expect((await send('/api/v1/users')).status).toBe(500);
	});

	it('applies random rates reproducibly, sparing the login route', async () => {
		const { sandbox } = env;
		const run = async () => {
			sandbox.faults.configure({ rate429: 0.3, retryAfterShare: 0.5, rate500: 0.2 });
			const statuses = [];
			for (let index = 0; index < 30; index++) statuses.push((await send()).status);
			return statuses;
		};
		const first = await run();
		expect(await run()).toEqual(first);
		expect(first).toContain(429);
		expect(first).toContain(500);
		expect(first).toContain(200);
		sandbox.faults.configure({ rate500: 1 });
		expect(await login(sandbox)).toEqual(expect.any(String));
	});

	it('revokes tokens every N authenticated requests', async () => {
		env.sandbox.faults.configure({ revokeEvery: 2 });
		expect((await send()).status).toBe(200);
		expect((await send()).status).toBe(200);
		expect((await send()).status).toBe(401);
		env.token = await login(env.sandbox);
	});

	it('adds latency from the configured range', async () => {
		const waits = holdWaits(env.sandbox);
		env.sandbox.faults.configure({ latencyMs: [100, 120] });
		const delayed = trackAnswer(send());
		await waits.untilWaiting(1);
		expect(waits.asked).toEqual([expect.any(Number)]);
		expect(waits.asked[0]).toBeGreaterThanOrEqual(100);
		expect(waits.asked[0]).toBeLessThanOrEqual(120);
		expect((await call(env.sandbox, 'GET', '/__sandbox/stats')).status).toBe(200);
		expect(delayed.answered).toBe(false);
		waits.releaseAll();
		expect((await delayed.answer).status).toBe(200);
	});
});

describe('stats and routes', () => {
	const env = useSandbox();

	it('counts requests by route pattern and answers unknown routes like Express', async () => {
		const { sandbox, token } = env;
		const id = sandbox.store.users[0].id;
		await call(sandbox, 'GET', '/api/v1/users', { token });
		await call(sandbox, 'GET', `/api/v1/users/${id}`, { token });
		await call(sandbox, 'GET', `/api/v1/users/${id}/`, { token });
		const unknown = await call(sandbox, 'GET', '/api/v1/nope', { token });
		expect(unknown.json).toEqual({ error: 'Cannot GET /api/v1/nope' });
		expect(sandbox.stats.requests).toBe(4);
		expect(sandbox.stats.byRoute).toEqual({
			'GET /api/v1/users': 1,
			'GET /api/v1/users/:id': 2,
			'GET *': 1,
		});
		sandbox.resetStats();
		expect(sandbox.stats.requests).toBe(0);
	});

	it('is deterministic for a seed', async () => {
		const [first, second, other] = await Promise.all([
			startSandbox({ seed: 7 }),
			startSandbox({ seed: 7 }),
			startSandbox({ seed: 8 }),
		]);
		try {
			expect(second.store.users).toEqual(first.store.users);
			expect(second.store.parentScans).toEqual(first.store.parentScans);
			expect(other.store.users.map((user) => user.id)).not.toEqual(
				first.store.users.map((user) => user.id),
			);
		} finally {
			await Promise.all([first.close(), second.close(), other.close()]);
		}
	});
});

describe('control routes for out-of-process tests', () => {
	const env = useSandbox();

	it('changes users, scans, faults and tickets without auth, uncounted', async () => {
		const { sandbox, token } = env;
		const created = await call(sandbox, 'POST', '/__sandbox/users', {
			body: { name: 'idp.user', email: 'idp@example.com', role: 'Viewer', origin: 'saml' },
		});
		expect(created.json).toMatchObject({ origin: 'saml', name: 'idp.user' });
		const { id } = created.json;
		const patched = await call(sandbox, 'PATCH', `/__sandbox/users/${id}`, {
			body: { isEnabled: false },
		});
		expect(patched.json.isEnabled).toBe(false);
		const touched = await call(sandbox, 'POST', `/__sandbox/users/${id}/login`);
		expect({ ...touched.json, updatedAt: patched.json.updatedAt }).toEqual(patched.json);
		expect((await call(sandbox, 'DELETE', `/__sandbox/users/${id}`)).status).toBe(200);

		const scanId = sandbox.store.parentScans[0]._id;
		const forced = await call(sandbox, 'POST', `/__sandbox/scans/${scanId}/state`, {
			body: { state: 'Stopped' },
		});
		expect(forced.json.state).toBe('Stopped');

		await call(sandbox, 'POST', '/__sandbox/faults/inject', { body: { kind: '503' } });
		expect((await call(sandbox, 'GET', '/api/v1/roles', { token })).status).toBe(503);
		await call(sandbox, 'POST', '/__sandbox/faults', { body: { rate429: 1 } });
		expect((await call(sandbox, 'GET', '/api/v1/roles', { token })).status).toBe(429);
		const typo = await call(sandbox, 'POST', '/__sandbox/faults', { body: { rate42: 1 } });
		expect(typo.status).toBe(400);
		await call(sandbox, 'DELETE', '/__sandbox/faults');

		await call(sandbox, 'POST', '/__sandbox/tickets', { body: { title: 'Scan failed' } });
		const tickets = await call(sandbox, 'GET', '/__sandbox/tickets');
		expect(tickets.json.tickets[0].body).toEqual({ title: 'Scan failed' });

		const stats = await call(sandbox, 'GET', '/__sandbox/stats');
		expect(stats.json.requests).toBe(2);
		expect(stats.json.faults).toEqual({ '503': 1, '429': 1 });
	});
});
