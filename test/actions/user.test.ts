import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { searchUsers } from '../../nodes/BigId/methods/user.listSearch';
import type { Sandbox, SandboxOptions, SandboxUser } from '../../sandbox';
import type { NodeSpec } from '../harness/engine';
import { additionalDataFor, buildWorkflow, runWorkflow } from '../harness/engine';
import type { SandboxSession } from '../harness/sandbox';
import { byId, byName, jsonOf } from '../harness/items';
import { requestsTo, startSandboxSession } from '../harness/sandbox';

const ROLE_NAMES = ['Admin', 'Viewer', 'Data Steward', 'Auditor', 'Privacy Analyst'];

function userNode(operation: string, parameters: INodeParameters = {}, continueOnFail = false) {
	return { parameters: { resource: 'user', operation, ...parameters }, continueOnFail };
}

let session: SandboxSession;
let sandbox: Sandbox;

async function useSandbox(options: SandboxOptions = {}) {
	session = await startSandboxSession(options);
	sandbox = session.sandbox;
}

afterEach(async () => sandbox?.close());

async function run(nodes: NodeSpec[], input?: IDataObject[]) {
	return await runWorkflow({ credentials: session.credentials, nodes, input });
}

/** A seeded user matching a test, so tests never depend on which index the seed put it at. */
function seededUser(test: (user: SandboxUser) => boolean): SandboxUser {
	const user = sandbox.store.users.find((candidate, index) => index > 0 && test(candidate));
	if (!user) throw new Error('The seed has no such user');
	return user;
}

describe('User: Create', () => {
	const create = (parameters: INodeParameters = {}) =>
		userNode('create', {
			name: 'jdoe',
			email: 'jdoe@example.com',
			password: 'P@ssw0rd-1',
			role: byName('Data Steward'),
			additionalFields: { firstName: 'Jane', lastName: 'Doe' },
			...parameters,
		});

	it('creates a local user with the exact role name and outputs it without the password', async () => {
		await useSandbox();
		const result = await run([create()]);
		expect(result.error).toBeUndefined();
		const [output] = jsonOf(result.items);
		const stored = sandbox.store.findUserByName('jdoe')!;
		expect(output).toMatchObject({
			id: stored.id,
			_id: stored.id,
			name: 'jdoe',
			email: 'jdoe@example.com',
			role: 'Data Steward',
			firstName: 'Jane',
			lastName: 'Doe',
			isEnabled: true,
			origin: 'local',
			createdAt: stored.createdAt,
		});
		expect(output).not.toHaveProperty('password');
		expect(sandbox.store.isValidUserPassword('jdoe', 'P@ssw0rd-1')).toBe(true);
		expect(requestsTo(sandbox, 'GET /api/v1/roles')).toBe(1);
		expect(sandbox.stats.writes).toEqual({ 'POST /api/v1/users': 1 });
	});

	it('takes a role picked from the list (its ID) and sends BigID its name; reads the roles once for many items', async () => {
		await useSandbox();
		const auditor = sandbox.store.findRoleByName('Auditor')!;
		const result = await run(
			[
				create({
					name: '={{$json.login}}',
					email: '={{$json.login}}@example.com',
					role: { __rl: true, mode: 'list', value: auditor._id },
				}),
			],
			[{ login: 'first' }, { login: 'second' }, { login: 'third' }],
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items).map((user) => [user.name, user.role])).toEqual([
			['first', 'Auditor'],
			['second', 'Auditor'],
			['third', 'Auditor'],
		]);
		expect(sandbox.store.findUserByName('second')?.role).toBe('Auditor');
		expect(requestsTo(sandbox, 'GET /api/v1/roles')).toBe(1);
	});

	it('also sends roleIds when the Access Management endpoint family is chosen', async () => {
		await useSandbox();
		const viewer = sandbox.store.findRoleByName('Viewer')!;
		const result = await run([create({ apiEndpoint: 'accessManagement', role: byName('Viewer') })]);
		expect(result.error).toBeUndefined();
		expect(sandbox.store.findUserByName('jdoe')).toMatchObject({
			role: 'Viewer',
			roleIds: [viewer._id],
		});
	});

	it('refuses a role BigID does not have, listing the valid names, before any POST', async () => {
		await useSandbox();
		const result = await run([create({ role: byName('Superuser') })]);
		expect(result.error?.message).toBe('Role "Superuser" was not found');
		expect(result.error?.description).toBe(
			`Role names must match BigID exactly. BigID has: ${ROLE_NAMES.join(', ')}.`,
		);
		expect(requestsTo(sandbox, 'POST /api/v1/users')).toBe(0);
	});

	it.each([
		[{ name: '  ' }, 'Name is empty'],
		[{ email: 'jdoe.example.com' }, 'Email "jdoe.example.com" is not an email address'],
		[{ password: '' }, 'Password is empty'],
	])('checks %j, mapped from the input, before any request', async (fields, message) => {
		await useSandbox();
		const [field] = Object.keys(fields);
		const result = await run([create({ [field]: `={{$json.${field}}}` })], [fields]);
		expect(result.error?.message).toBe(message);
		expect(sandbox.stats.requests).toBe(0);
	});

	it('explains a duplicate name with what to do instead', async () => {
		await useSandbox();
		const taken = seededUser(() => true);
		const result = await run([create({ name: taken.name })]);
		expect(result.error?.message).toBe(`BigID answered 409: User ${taken.name} already exists`);
		expect(result.error?.description).toContain('Use Find by Email or Name to get it');
	});
});

describe('User: Get', () => {
	it('gets a user by ID, normalised', async () => {
		await useSandbox();
		const target = seededUser((user) => user.origin === 'saml');
		const result = await run([userNode('get', { user: byId(target.id) })]);
		expect(jsonOf(result.items)).toEqual([{ ...target, isEnabled: target.isEnabled !== false }]);
	});

	it('answers an ID that is not an ObjectId with the invalid-ID message, before any request', async () => {
		await useSandbox();
		const mapped = await run([userNode('get', { user: byId('={{$json.id}}') })], [{ id: 'jdoe' }]);
		expect(mapped.error?.message).toBe('User ID is invalid: "jdoe" is not a BigID ID');
		expect(mapped.error?.description).toContain("Double-check the user ID you're using");
		// Typed into the node, n8n itself refuses it with the field's validation.
		await expect(run([userNode('get', { user: byId('jdoe') })])).rejects.toThrow(
			'A BigID user ID is 24 hexadecimal characters',
		);
		expect(sandbox.stats.requests).toBe(0);
	});

	it('says what to do about an ID BigID does not know', async () => {
		await useSandbox();
		const result = await run([userNode('get', { user: byId('0123456789abcdef01234567') })]);
		expect(result.error?.message).toBe(
			'BigID answered 404: User 0123456789abcdef01234567 was not found',
		);
		expect(result.error?.description).toContain('Find by Email or Name');
	});

	it('drops the blank password and token fields of real records', async () => {
		await useSandbox({ blankSecretFields: true });
		const target = seededUser(() => true);
		const [output] = jsonOf((await run([userNode('get', { user: byId(target.id) })])).items);
		expect(output.id).toBe(target.id);
		expect(output).not.toHaveProperty('password');
		expect(output).not.toHaveProperty('token');
	});
});

describe('User: Get Many', () => {
	it('stops at the limit', async () => {
		await useSandbox({ users: 300 });
		const result = await run([userNode('getMany', { limit: 7 })]);
		expect(jsonOf(result.items).map((user) => user.id)).toEqual(
			sandbox.store.users.slice(0, 7).map((user) => user.id),
		);
		expect(requestsTo(sandbox, 'GET /api/v1/users')).toBe(1);
	});

	it('filters by role, enabled and origin on the pages it reads', async () => {
		await useSandbox({ users: 400 });
		const expected = sandbox.store.users
			.filter((user) => user.role === 'Auditor' && user.isEnabled && user.origin === 'saml')
			.map((user) => user.id);
		expect(expected.length).toBeGreaterThan(2);
		const result = await run([
			userNode('getMany', {
				returnAll: true,
				filters: { role: 'Auditor', isEnabled: true, origin: 'saml' },
			}),
		]);
		expect(jsonOf(result.items).map((user) => user.id)).toEqual(expected);
	});

	it('counts only matching users toward the limit and stops paging once it has enough', async () => {
		await useSandbox({ users: 1000 });
		const disabled = sandbox.store.users.filter((user) => user.isEnabled === false);
		const result = await run([
			userNode('getMany', {
				limit: 3,
				filters: { isEnabled: false },
				options: { pageSize: 50 },
			}),
		]);
		expect(jsonOf(result.items).map((user) => user.id)).toEqual(
			disabled.slice(0, 3).map((u) => u.id),
		);
		const pagesNeeded = Math.ceil((sandbox.store.users.indexOf(disabled[2]) + 1) / 50);
		expect(requestsTo(sandbox, 'GET /api/v1/users')).toBe(pagesNeeded);
	});

	it('matches email and name without regard to case', async () => {
		await useSandbox();
		const target = seededUser(() => true);
		const result = await run([
			userNode('getMany', {
				returnAll: true,
				filters: { email: target.email!.toUpperCase(), name: ` ${target.name} ` },
			}),
		]);
		expect(jsonOf(result.items).map((user) => user.id)).toEqual([target.id]);
	});

	it('refuses a role filter in the wrong case, naming the near match', async () => {
		await useSandbox();
		const result = await run([
			userNode('getMany', { returnAll: true, filters: { role: 'data steward' } }),
		]);
		expect(result.error?.message).toBe(
			'Role "data steward" was not found. Did you mean "Data Steward"?',
		);
		expect(requestsTo(sandbox, 'GET /api/v1/users')).toBe(0);
	});

	it('reads the access-management shape: ObjectId as id, role names from roleIds, createdAt', async () => {
		await useSandbox({ users: 120 });
		const result = await run([
			userNode('getMany', {
				apiEndpoint: 'accessManagement',
				returnAll: true,
				filters: { role: 'Privacy Analyst' },
			}),
		]);
		const expected = sandbox.store.users.filter((user) => user.role === 'Privacy Analyst');
		const output = jsonOf(result.items);
		expect(output.map((user) => [user.id, user._id, user.name, user.role])).toEqual(
			expected.map((user) => [user.id, user.id, user.name, 'Privacy Analyst']),
		);
		expect(output[0]).toMatchObject({
			createdAt: expected[0].createdAt,
			updatedAt: expected[0].updatedAt,
			roleIds: [sandbox.store.findRoleByName('Privacy Analyst')!._id],
		});
		expect(requestsTo(sandbox, 'GET /api/v1/access-management/users')).toBe(2);
		expect(requestsTo(sandbox, 'GET /api/v1/roles')).toBe(1);
	});

	it('outputs only the access-review fields when asked', async () => {
		await useSandbox({ blankSecretFields: true });
		const result = await run([
			userNode('getMany', {
				apiEndpoint: 'accessManagement',
				limit: 2,
				options: { accessReviewFields: true },
			}),
		]);
		const [admin] = sandbox.store.users;
		expect(jsonOf(result.items)[0]).toEqual({
			id: admin.id,
			name: admin.name,
			email: admin.email,
			role: 'Admin',
			isEnabled: true,
			origin: 'local',
			createdAt: admin.createdAt,
			updatedAt: admin.updatedAt,
		});
	});
});

describe('User: Find by Email or Name', () => {
	it('finds by login name and stops paging on the page that has the user', async () => {
		await useSandbox({ users: 1000 });
		const target = sandbox.store.users[420];
		const result = await run([
			userNode('findByEmailOrName', { searchValue: target.name!.toUpperCase() }),
		]);
		expect(jsonOf(result.items)).toEqual([
			expect.objectContaining({ id: target.id, name: target.name, found: true }),
		]);
		expect(requestsTo(sandbox, 'GET /api/v1/users')).toBe(5);
	});

	it('searches again when users deleted meanwhile shifted the pages past the user', async () => {
		await useSandbox({ users: 1000 });
		const target = sandbox.store.users[100];
		const deleted = sandbox.store.users[10];
		sandbox.beforeHandling = (routeKey, routeCount) => {
			// Before page 2 is read, a user of page 1 goes: page 2 starts one user later and the
			// target, first on page 2 until then, is passed over.
			if (routeKey === 'GET /api/v1/users' && routeCount === 2) {
				sandbox.store.deleteUser(deleted.id!);
			}
		};
		const result = await run([userNode('findByEmailOrName', { searchValue: target.email })]);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items)).toEqual([expect.objectContaining({ id: target.id, found: true })]);
		// The 10 pages of the first search, then the first page of the second, where it now is.
		expect(requestsTo(sandbox, 'GET /api/v1/users')).toBe(11);
	});

	it('does not match an email when told to look at names only', async () => {
		await useSandbox();
		const target = seededUser(() => true);
		const result = await run([
			userNode('findByEmailOrName', {
				findBy: 'name',
				searchValue: target.email,
				ifNotFound: 'outputNotFoundItem',
			}),
		]);
		expect(jsonOf(result.items)).toEqual([{ found: false, searchedFor: target.email }]);
	});

	it('fails when nothing matches, saying how many users were searched and how to branch instead', async () => {
		await useSandbox({ users: 230 });
		const result = await run([
			userNode('findByEmailOrName', { searchValue: 'nobody@example.com' }),
		]);
		expect(result.error?.message).toBe('No BigID user has the email or name "nobody@example.com"');
		expect(result.error?.description).toContain('All 230 users were searched');
		expect(result.error?.description).toContain('Output Nothing Found Item');
		expect(requestsTo(sandbox, 'GET /api/v1/users')).toBe(3);
	});
});

describe('User: Update', () => {
	it('changes the role under a replacing PUT without losing any other field', async () => {
		await useSandbox({ putSemantics: 'replace' });
		const target = seededUser((user) => user.role === 'Viewer' && user.isEnabled === false);
		const before = { ...target };
		const result = await run([
			userNode('update', { user: byId(target.id), updateFields: { role: 'Auditor' } }),
		]);
		expect(result.error).toBeUndefined();
		const after = sandbox.store.getUser(target.id)!;
		expect(after).toEqual({ ...before, role: 'Auditor', updatedAt: after.updatedAt });
		expect(after.updatedAt > before.updatedAt).toBe(true);
		expect(jsonOf(result.items)[0]).toMatchObject({ role: 'Auditor', isEnabled: false });
	});

	it('never sends back the blank password of a real record, so the password survives', async () => {
		await useSandbox({ putSemantics: 'replace', blankSecretFields: true });
		const user = sandbox.store.createUser({
			name: 'keeps.password',
			email: 'k@example.com',
			role: 'Viewer',
			password: 'Original-1',
		});
		const result = await run([
			userNode('update', { user: byId(user.id), updateFields: { lastName: 'Changed' } }),
		]);
		expect(result.error).toBeUndefined();
		expect(sandbox.store.isValidUserPassword('keeps.password', 'Original-1')).toBe(true);
		expect(sandbox.store.getUser(user.id)).not.toHaveProperty('token');
		expect(jsonOf(result.items)[0]).toMatchObject({ lastName: 'Changed', email: 'k@example.com' });
	});

	it('sets a new password when one is given', async () => {
		await useSandbox({ putSemantics: 'replace' });
		const user = sandbox.store.createUser({ name: 'pw', email: 'pw@example.com', role: 'Viewer' });
		await run([
			userNode('update', { user: byId(user.id), updateFields: { password: 'Brand-New-2' } }),
		]);
		expect(sandbox.store.isValidUserPassword('pw', 'Brand-New-2')).toBe(true);
		expect(sandbox.store.getUser(user.id)).toMatchObject({ email: 'pw@example.com' });
	});

	it('refuses an empty update and a wrong-case role before writing anything', async () => {
		await useSandbox();
		const target = seededUser(() => true);
		const empty = await run([userNode('update', { user: byId(target.id), updateFields: {} })]);
		expect(empty.error?.message).toBe('Nothing to update');
		const wrongCase = await run([
			userNode('update', { user: byId(target.id), updateFields: { role: 'privacy analyst' } }),
		]);
		expect(wrongCase.error?.message).toBe(
			'Role "privacy analyst" was not found. Did you mean "Privacy Analyst"?',
		);
		expect(sandbox.stats.writes).toEqual({});
		expect(requestsTo(sandbox, 'GET /api/v1/users/:id')).toBe(0);
	});
});

describe('User: Disable and Enable', () => {
	it('disables a SAML user, reads it back, and notes the identity provider', async () => {
		await useSandbox({ putSemantics: 'replace' });
		const target = seededUser((user) => user.origin === 'saml' && user.isEnabled === true);
		const result = await run([userNode('disable', { user: byId(target.id) })]);
		expect(jsonOf(result.items)[0]).toMatchObject({
			id: target.id,
			isEnabled: false,
			origin: 'saml',
			note: expect.stringContaining('also disable them in your identity provider'),
		});
		expect(sandbox.store.getUser(target.id)?.isEnabled).toBe(false);
		expect(requestsTo(sandbox, 'GET /api/v1/users/:id')).toBe(2);
		expect(sandbox.stats.writes).toEqual({ 'PUT /api/v1/users/:id': 1 });
	});

	it('enables a disabled local user, without a note', async () => {
		await useSandbox();
		const target = seededUser((user) => user.origin === 'local' && user.isEnabled === false);
		const [output] = jsonOf((await run([userNode('enable', { user: byId(target.id) })])).items);
		expect(output).toMatchObject({ id: target.id, isEnabled: true });
		expect(output).not.toHaveProperty('note');
		expect(sandbox.store.getUser(target.id)?.isEnabled).toBe(true);
	});

	it('leaves a user that is already disabled untouched', async () => {
		await useSandbox();
		const target = seededUser((user) => user.isEnabled === false);
		const { updatedAt } = target;
		const [output] = jsonOf((await run([userNode('disable', { user: byId(target.id) })])).items);
		expect(output.isEnabled).toBe(false);
		expect(sandbox.stats.writes).toEqual({});
		expect(sandbox.store.getUser(target.id)?.updatedAt).toBe(updatedAt);
	});
});

describe('User: Delete (Permanent)', () => {
	it.each([
		['without the confirmation', {}],
		['when item data or an AI tries to confirm it', { confirmPermanentDeletion: '={{$json.yes}}' }],
	])('does nothing %s, and recommends Disable', async (_, parameters) => {
		await useSandbox();
		const target = seededUser(() => true);
		const result = await run(
			[userNode('delete', { user: byId(target.id), ...parameters })],
			[{ yes: true }],
		);
		expect(result.error?.message).toBe('Permanent deletion was not confirmed');
		expect(result.error?.description).toContain('Use the Disable operation instead');
		expect(sandbox.stats.requests).toBe(0);
		expect(sandbox.store.getUser(target.id)).toBeDefined();
	});

	it('deletes for good when confirmed', async () => {
		await useSandbox();
		const target = seededUser(() => true);
		const result = await run([
			userNode('delete', { user: byId(target.id), confirmPermanentDeletion: true }),
		]);
		expect(jsonOf(result.items)).toEqual([
			{ id: target.id, _id: target.id, deleted: true, message: 'User deleted successfully' },
		]);
		expect(sandbox.store.getUser(target.id)).toBeUndefined();
	});
});

describe('User dropdown', () => {
	function loadOptionsContext(parameters: INodeParameters) {
		const workflow = buildWorkflow([userNode('get', parameters)]);
		const node = workflow.getNode('BigID 1')!;
		const additionalData = additionalDataFor(session.credentials);
		additionalData.currentNodeParameters = node.parameters;
		return new LoadOptionsContext(workflow, node, additionalData, 'parameters.user');
	}

	it('searches users by email on either endpoint family, with the ObjectId as value', async () => {
		await useSandbox({ users: 500 });
		const target = sandbox.store.users[333];
		for (const apiEndpoint of ['users', 'accessManagement']) {
			const context = loadOptionsContext({ apiEndpoint });
			const { results } = await searchUsers.call(context, target.email!.toUpperCase());
			expect(results).toEqual([{ name: `${target.name} (${target.email})`, value: target.id }]);
		}
	});

	it('pages through users with a token', async () => {
		await useSandbox({ users: 150 });
		const context = loadOptionsContext({});
		const first = await searchUsers.call(context);
		expect(first.results).toHaveLength(100);
		const second = await searchUsers.call(context, undefined, first.paginationToken);
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
	});

	it('searches on past a batch of pages that has no match, from where the token says', async () => {
		await useSandbox({ users: 1500 });
		const target = sandbox.store.users[1200];
		const context = loadOptionsContext({});
		const first = await searchUsers.call(context, target.email!);
		expect(first).toEqual({ results: [], paginationToken: '1000' });
		const requestsBefore = sandbox.stats.byRoute['GET /api/v1/users'];
		const second = await searchUsers.call(context, target.email!, first.paginationToken);
		// The next batch starts at user 1000: its 5 pages, none of the 10 already searched.
		expect(sandbox.stats.byRoute['GET /api/v1/users'] - requestsBefore).toBe(5);
		expect(second).toEqual({
			results: [{ name: `${target.name} (${target.email})`, value: target.id }],
			paginationToken: undefined,
		});
	});
});
