/**
 * The three scenarios of the user-management guide, run through n8n's engine against the
 * sandbox, and the traps the guide warns about: token expiry in a long listing, and a password
 * that must never come back out.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { ACCESS_REVIEW_FIELDS } from '../../nodes/BigId/model/user';
import { DEFAULT_CONCURRENCY } from '../../nodes/BigId/transport';
import { runWorkflow } from '../harness/engine';
import { byId, jsonOf } from '../harness/items';
import type { SandboxSession } from '../harness/sandbox';
import { everythingVisible, requestsTo, startSandboxSession } from '../harness/sandbox';

const PAGE_CAP = 100;
const DIRECTORY_SIZE = 2500;

let session: SandboxSession;
let sandbox: Sandbox;

afterEach(async () => sandbox?.close());

async function useSandbox(options: Parameters<typeof startSandboxSession>[0] = {}) {
	session = await startSandboxSession(options);
	sandbox = session.sandbox;
}

function userNode(name: string, operation: string, parameters: INodeParameters = {}) {
	return {
		name,
		parameters: { resource: 'user', operation, ...parameters },
		continueOnFail: false,
	};
}

describe('Scenario 1: provision a local user with a role', () => {
	const createNode = (role: string) =>
		userNode('Create', 'create', {
			name: '={{$json.login}}',
			email: '={{$json.email}}',
			password: '={{$json.password}}',
			role: { __rl: true, mode: 'name', value: role },
			additionalFields: { firstName: 'New', lastName: 'Hire' },
		});
	const newHire = { login: 'new.hire', email: 'new.hire@example.com', password: 'Welcome-2026!' };

	it('creates the user, then gets it back by the ID the create returned', async () => {
		await useSandbox();
		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: [createNode('Data Steward'), userNode('Get', 'get', { user: byId('={{$json.id}}') })],
			input: [newHire],
		});
		expect(result.error).toBeUndefined();
		const stored = sandbox.store.findUserByName('new.hire')!;
		expect(jsonOf(result.items)).toEqual([
			{
				...stored,
				name: 'new.hire',
				email: 'new.hire@example.com',
				role: 'Data Steward',
				firstName: 'New',
				lastName: 'Hire',
				isEnabled: true,
				origin: 'local',
			},
		]);
		expect(sandbox.store.isValidUserPassword('new.hire', 'Welcome-2026!')).toBe(true);
		expect(sandbox.stats.byRoute).toEqual({
			'POST /api/v1/sessions': 1,
			'GET /api/v1/roles': 1,
			'POST /api/v1/users': 1,
			'GET /api/v1/users/:id': 1,
		});
	});

	it('refuses a role name in the wrong case, naming the near match and every valid name', async () => {
		await useSandbox();
		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: [createNode('data steward')],
			input: [newHire],
		});
		expect(result.error?.message).toBe(
			'Role "data steward" was not found. Did you mean "Data Steward"?',
		);
		expect(result.error?.description).toBe(
			'Role names must match BigID exactly. BigID has: Admin, Viewer, Data Steward, Auditor, Privacy Analyst.',
		);
		expect(requestsTo(sandbox, 'POST /api/v1/users')).toBe(0);
		expect(sandbox.store.findUserByName('new.hire')).toBeUndefined();
	});
});

describe('Scenario 2: disable a departed employee', () => {
	it('finds them by email among 2,500 users, disables them, and reads back isEnabled false with nothing else changed', async () => {
		await useSandbox({ users: DIRECTORY_SIZE, pageCap: PAGE_CAP, putSemantics: 'replace' });
		const position = 1234;
		const departed = sandbox.store.users.slice(position).find((user) => user.isEnabled)!;
		const index = sandbox.store.users.indexOf(departed);
		const before = { ...departed };

		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: [
				userNode('Find', 'findByEmailOrName', { findBy: 'email', searchValue: '={{$json.email}}' }),
				userNode('Disable', 'disable', { user: byId('={{$json.id}}') }),
				userNode('Read Back', 'get', { user: byId('={{$json.id}}') }),
			],
			input: [{ email: departed.email }],
		});

		expect(result.error).toBeUndefined();
		expect(jsonOf(result.outputs.Find)).toEqual([
			expect.objectContaining({ id: departed.id, found: true }),
		]);
		const after = sandbox.store.getUser(departed.id)!;
		expect(after).toEqual({ ...before, isEnabled: false, updatedAt: after.updatedAt });
		expect(jsonOf(result.items)).toEqual([
			{ ...before, isEnabled: false, updatedAt: after.updatedAt },
		]);
		// Paging stopped on the page holding the user; disable is read, write, read back.
		expect(requestsTo(sandbox, 'GET /api/v1/users')).toBe(Math.ceil((index + 1) / PAGE_CAP));
		expect(requestsTo(sandbox, 'GET /api/v1/users/:id')).toBe(3);
		expect(sandbox.stats.writes).toEqual({ 'PUT /api/v1/users/:id': 1 });
		expect(sandbox.stats.logins).toBe(1);
	});
});

describe('Scenario 3: bulk access review', () => {
	const reviewNode = (options: IDataObject = {}) =>
		userNode('Review', 'getMany', {
			returnAll: true,
			options: { accessReviewFields: true, ...options },
		});

	function expectCompleteReview(items: Array<{ json: IDataObject }>) {
		const ids = items.map((item) => item.json.id);
		expect(new Set(ids).size).toBe(DIRECTORY_SIZE);
		expect(ids).toEqual(sandbox.store.users.map((user) => user.id));
		for (const { json } of items) expect(Object.keys(json)).toEqual(ACCESS_REVIEW_FIELDS);
		const sample = sandbox.store.users[1999];
		expect(items[1999].json).toEqual({
			id: sample.id,
			name: sample.name,
			email: sample.email,
			role: sample.role,
			isEnabled: sample.isEnabled,
			origin: sample.origin,
			createdAt: sample.createdAt,
			updatedAt: sample.updatedAt,
		});
	}

	it.each([undefined, 1000])(
		'gets all 2,500 users in ceil(2500/100) requests and one login, with page size %s against a cap of 100',
		async (pageSize) => {
			await useSandbox({ users: DIRECTORY_SIZE, pageCap: PAGE_CAP });
			const result = await runWorkflow({
				credentials: session.credentials,
				nodes: [reviewNode(pageSize ? { pageSize } : {})],
			});
			expect(result.error).toBeUndefined();
			expectCompleteReview(result.items);
			expect(requestsTo(sandbox, 'GET /api/v1/users')).toBe(Math.ceil(DIRECTORY_SIZE / PAGE_CAP));
			expect(sandbox.stats.logins).toBe(1);
			expect(sandbox.stats.requests).toBe(Math.ceil(DIRECTORY_SIZE / PAGE_CAP) + 1);
		},
	);

	it('carries on when the token expires in the middle, logging in again', async () => {
		const usesPerToken = 12;
		await useSandbox({ users: DIRECTORY_SIZE, pageCap: PAGE_CAP, tokenMaxUses: usesPerToken });
		const result = await runWorkflow({ credentials: session.credentials, nodes: [reviewNode()] });
		expect(result.error).toBeUndefined();
		expectCompleteReview(result.items);
		const pages = Math.ceil(DIRECTORY_SIZE / PAGE_CAP);
		const expiries = Math.ceil(pages / usesPerToken) - 1;
		// Each expiry turns away the pages then in flight (read ahead, up to the concurrency);
		// they share one new login.
		const { rejectedAuth } = sandbox.stats;
		expect(rejectedAuth).toBeGreaterThanOrEqual(expiries);
		expect(rejectedAuth).toBeLessThanOrEqual(expiries * DEFAULT_CONCURRENCY);
		expect(sandbox.stats.logins).toBe(1 + expiries);
		expect(session.credentials.preAuthenticationCalls).toEqual([
			{ expired: false },
			...Array.from({ length: rejectedAuth }, () => ({ expired: true })),
		]);
		expect(requestsTo(sandbox, 'GET /api/v1/users')).toBe(pages + rejectedAuth);
	});
});

describe('A password never comes back out', () => {
	const longEnough = 'Corr3ct-Horse-Battery';
	const tooShort = 'Sh0rt!pw';

	async function sandboxThatEchoesPasswords() {
		await useSandbox({ passwordMinLength: 12, putSemantics: 'replace' });
		// The control: this BigID quotes a refused password in its error, so redaction is what keeps it out.
		const login = await fetch(`${sandbox.url}/api/v1/sessions`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'admin', password: sandbox.options.password }),
		});
		const { auth_token: token } = (await login.json()) as { auth_token: string };
		const refused = await fetch(`${sandbox.url}/api/v1/users`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: token },
			body: JSON.stringify({
				name: 'probe',
				email: 'p@example.com',
				role: 'Viewer',
				password: tooShort,
			}),
		});
		expect(await refused.text()).toContain(tooShort);
		sandbox.resetStats();
	}

	const createFromInput = userNode('Create', 'create', {
		name: '={{$json.login}}',
		email: '={{$json.login}}@example.com',
		password: '={{$json.password}}',
		role: { __rl: true, mode: 'name', value: 'Viewer' },
	});

	it('is in no output item, whether BigID accepts it or refuses it (Continue On Fail)', async () => {
		await sandboxThatEchoesPasswords();
		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: [{ ...createFromInput, continueOnFail: true }],
			input: [
				{ login: 'accepted', password: longEnough },
				{ login: 'refused', password: tooShort },
			],
		});
		const [accepted, refused] = jsonOf(result.items);
		expect(accepted).toMatchObject({ name: 'accepted', role: 'Viewer' });
		expect(refused.error).toBe(
			'BigID answered 400: "password" with value "[redacted]" fails to match the required pattern: at least 12 characters',
		);
		expect(sandbox.store.isValidUserPassword('accepted', longEnough)).toBe(true);
		const visible = everythingVisible(result) + JSON.stringify(result.run.data.resultData);
		expect(visible).not.toContain(longEnough);
		expect(visible).not.toContain(tooShort);
	});

	it('is in no error that stops the workflow, on create or on update', async () => {
		await sandboxThatEchoesPasswords();
		const created = await runWorkflow({
			credentials: session.credentials,
			nodes: [createFromInput],
			input: [{ login: 'refused', password: tooShort }],
		});
		expect(created.error?.message).toContain('[redacted]');

		const user = sandbox.store.createUser({
			name: 'existing',
			email: 'e@example.com',
			role: 'Viewer',
		});
		const updateFromInput = userNode('Update', 'update', {
			user: { __rl: true, mode: 'id', value: user.id },
			updateFields: { password: '={{$json.password}}' },
		});
		const updated = await runWorkflow({
			credentials: session.credentials,
			nodes: [updateFromInput],
			input: [{ password: tooShort }],
		});
		expect(updated.error?.message).toContain('[redacted]');
		const changed = await runWorkflow({
			credentials: session.credentials,
			nodes: [updateFromInput],
			input: [{ password: longEnough }],
		});
		expect(changed.error).toBeUndefined();
		expect(sandbox.store.isValidUserPassword('existing', longEnough)).toBe(true);

		for (const result of [created, updated, changed]) {
			const visible = everythingVisible(result) + JSON.stringify(result.run.data.resultData);
			expect(visible).not.toContain(longEnough);
			expect(visible).not.toContain(tooShort);
		}
	});
});
