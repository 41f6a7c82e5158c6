import {
	aciObjectOf,
	aciPermissionOf,
	aciUserOf,
	aciGroupOf,
} from '../../nodes/BigId/model/accessIntelligence';
import type { AccessIntelligenceModel } from '../../sandbox/entities/accessIntelligence/model';
import { accessIntelligenceApi } from '../../sandbox/entities/accessIntelligence/routes';
import { runNode } from '../harness/actionNode';
import { jsonOf } from '../harness/items';
import { requestsTo, useSandboxSession } from '../harness/sandbox';

const USERS_ROUTE = 'GET /api/v1/aci/users';
const GROUPS_ROUTE = 'GET /api/v1/aci/groups';
const OBJECTS_ROUTE = 'GET /api/v1/aci/data-manager';
const PERMISSIONS_ROUTE = 'GET /api/v1/aci/data-manager/:path/permissions';
/** A person with accounts in three data sources, one of which spells the address with capitals. */
const PERSON = 'grace.wilson13@example.com';

describe('Access Intelligence', () => {
	const session = useSandboxSession({});
	const aci = (): AccessIntelligenceModel => session.sandbox.store.model(accessIntelligenceApi);
	const run = async (operation: string, parameters: Record<string, unknown> = {}) =>
		await runNode(session.credentials, 'accessIntelligence', { operation, ...parameters });
	const personsAccounts = () => aci().users.filter((user) => user.email?.toLowerCase() === PERSON);

	describe('Get Many Users', () => {
		it('reads every account page by page, each in one output shape', async () => {
			const users = aci().users;
			const { items, error } = await run('getManyUsers', {
				returnAll: true,
				options: { pageSize: 10 },
			});
			expect(error).toBeUndefined();
			expect(jsonOf(items)).toEqual(users.map((user) => aciUserOf({ ...user })));
			expect(requestsTo(session.sandbox, USERS_ROUTE)).toBe(Math.ceil(users.length / 10));
			expect(items[0].json).toEqual({
				id: users[0]._id,
				_id: users[0]._id,
				dataSource: users[0].dataSource,
				name: users[0].name,
				email: users[0].email,
				displayName: users[0].displayName,
				groups: users[0].groups,
				sharedObjectsCount: users[0].sharedObjectsCount,
				lastLogin: users[0].lastLogin,
				status: users[0].status,
				external: false,
			});
		});

		it("finds a person's accounts in every data source by e-mail, whatever the case", async () => {
			const accounts = personsAccounts();
			expect(accounts).toHaveLength(3);
			expect(accounts.some((account) => account.email !== PERSON)).toBe(true);
			const { items, error } = await run('getManyUsers', {
				filters: { emailOrName: PERSON.toUpperCase() },
				options: { pageSize: 10 },
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.id)).toEqual(accounts.map((account) => account._id));
			expect(items.map((item) => item.json.groups)).toEqual(
				accounts.map((account) => account.groups),
			);
			// Limit (50) counts matches: every page is read to find them all.
			expect(requestsTo(session.sandbox, USERS_ROUTE)).toBe(Math.ceil(aci().users.length / 10));
		});

		it('outputs no items for an e-mail access intelligence does not know, after reading every page', async () => {
			const { items, error } = await run('getManyUsers', {
				filters: { emailOrName: 'left.long.ago@example.com' },
				options: { pageSize: 20 },
			});
			expect(error).toBeUndefined();
			expect(items).toEqual([]);
			expect(requestsTo(session.sandbox, USERS_ROUTE)).toBe(Math.ceil(aci().users.length / 20));
		});

		it('stops paging once Limit accounts matched a filter', async () => {
			const source = aci().users[0].dataSource;
			const wanted = aci().users.filter((user) => user.dataSource === source);
			const { items } = await run('getManyUsers', {
				limit: 2,
				filters: { dataSource: source.toUpperCase() },
				options: { pageSize: 5, concurrency: 1 },
			});
			expect(items.map((item) => item.json.id)).toEqual(wanted.slice(0, 2).map((user) => user._id));
			const pageOfSecond =
				Math.floor(aci().users.findIndex((user) => user._id === wanted[1]._id) / 5) + 1;
			expect(requestsTo(session.sandbox, USERS_ROUTE)).toBe(pageOfSecond);
			expect(pageOfSecond).toBeLessThan(Math.ceil(aci().users.length / 5));
		});

		it('reads a bare answer and one whose list is data itself the same way', async () => {
			const accounts = personsAccounts().map((account) => account._id);
			for (const shape of ['bare', 'data'] as const) {
				session.sandbox.transformAnswer = (route, answer) => {
					if (route !== USERS_ROUTE || !('json' in answer)) return answer;
					const { users, totalCount } = (
						answer.json as { data: { users: unknown[]; totalCount: number } }
					).data;
					return { ...answer, json: shape === 'bare' ? { users, totalCount } : { data: users } };
				};
				const { items, error } = await run('getManyUsers', {
					filters: { emailOrName: PERSON },
				});
				expect(error).toBeUndefined();
				expect(items.map((item) => item.json.id)).toEqual(accounts);
			}
		});

		it('sends a field name as a JSON sort, and refuses a malformed JSON sort before any request', async () => {
			const { items } = await run('getManyUsers', {
				limit: 5,
				options: { sort: 'sharedObjectsCount' },
			});
			const counts = aci()
				.users.map((user) => user.sharedObjectsCount)
				.sort((left, right) => left - right);
			expect(items.map((item) => item.json.sharedObjectsCount)).toEqual(counts.slice(0, 5));
			const before = requestsTo(session.sandbox, USERS_ROUTE);
			const { error } = await run('getManyUsers', { options: { sort: '[{"field":' } });
			expect(error?.message).toBe('Sort is not valid JSON: [{"field":');
			expect(requestsTo(session.sandbox, USERS_ROUTE)).toBe(before);
		});
	});

	describe('Get Many Groups', () => {
		it('reads every group over more than one page, and finds groups by name', async () => {
			const groups = aci().groups;
			const all = await run('getManyGroups', { returnAll: true, options: { pageSize: 4 } });
			expect(jsonOf(all.items)).toEqual(groups.map((group) => aciGroupOf({ ...group })));
			expect(requestsTo(session.sandbox, GROUPS_ROUTE)).toBe(Math.ceil(groups.length / 4));
			const { items } = await run('getManyGroups', { filters: { name: 'ALL-EMPLOYEES' } });
			expect(items.map((item) => item.json.dataSource)).toEqual(
				groups.filter((group) => group.name === 'all-employees').map((group) => group.dataSource),
			);
			expect(items.every((item) => typeof item.json.membersCount === 'number')).toBe(true);
		});
	});

	describe('Get Many Objects', () => {
		it('finds the objects a person owns or that are shared with them or their groups', async () => {
			const accounts = personsAccounts();
			const principals = accounts.flatMap((account) => [account.email!, account.name]);
			const groups = [...new Set(accounts.flatMap((account) => account.groups))];
			const lower = (values: Array<string | null>) => values.map((value) => value?.toLowerCase());
			const wanted = aci().objects.filter(
				(object) =>
					lower([object.owner, ...object.annotations.sharedWith]).some((holder) =>
						lower(principals).includes(holder),
					) || object.annotations.sharedWithGroup.some((group) => groups.includes(group)),
			);
			expect(wanted.length).toBeGreaterThan(0);
			const { items, error } = await run('getManyObjects', {
				returnAll: true,
				filters: { sharedWith: principals.join(', '), sharedWithGroups: groups.join(',') },
				options: { pageSize: 7 },
			});
			expect(error).toBeUndefined();
			expect(jsonOf(items)).toEqual(wanted.map((object) => aciObjectOf({ ...object })));
			expect(requestsTo(session.sandbox, OBJECTS_ROUTE)).toBe(Math.ceil(aci().objects.length / 7));
		});

		it('sends the query and data sources as the filter, and keeps only open-access objects', async () => {
			const source = aci().objects[0].source;
			const wanted = aci().objects.filter(
				(object) =>
					object.source === source &&
					object.objectType !== 'folder' &&
					object.annotations.openAccess.length > 0,
			);
			expect(wanted.length).toBeGreaterThan(0);
			const { items, error } = await run('getManyObjects', {
				returnAll: true,
				filters: { query: 'objectType = "rdb"', dataSourceNames: source, openAccessOnly: true },
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.fullPath)).toEqual(
				wanted.map((object) => object.fullyQualifiedName),
			);
			expect(items.every((item) => item.json.openAccess === true)).toBe(true);
		});

		it("fails a malformed query with BigID's 400 and the query language's advice", async () => {
			const { error } = await run('getManyObjects', { filters: { query: 'source = ' } });
			expect(error?.message).toMatch(/400/);
			expect(error?.description).toMatch(/BigID takes its catalog query language/);
			expect(requestsTo(session.sandbox, OBJECTS_ROUTE)).toBe(1);
		});
	});

	describe('Get Object Permissions', () => {
		it('lists who may reach an object whose path has slashes and spaces, each with the path', async () => {
			const folder = aci().objects.find((object) =>
				/\/.* |.* .*\//.test(object.fullyQualifiedName),
			)!;
			const path = folder.fullyQualifiedName;
			const permissions = aci().permissionsOf(path)!;
			const { items, error } = await run('getObjectPermissions', {
				objectPath: path,
				returnAll: true,
			});
			expect(error).toBeUndefined();
			expect(requestsTo(session.sandbox, PERMISSIONS_ROUTE)).toBe(1);
			expect(jsonOf(items)).toEqual(
				permissions.map((permission) => aciPermissionOf({ ...permission }, path)),
			);
			expect(items[0].json).toMatchObject({
				objectPath: path,
				principal: folder.owner,
				principalType: 'user',
				access: ['READ', 'WRITE', 'DELETE'],
				inherited: false,
			});
			expect(items.some((item) => item.json.principal === 'Everyone')).toBe(true);
			expect(items.some((item) => item.json.inherited === true)).toBe(true);
		});

		it('refuses an empty path before any request, and says where paths come from for an unknown one', async () => {
			const blank = await run('getObjectPermissions', { objectPath: '  ' });
			expect(blank.error?.message).toBe('Object Path is empty');
			expect(requestsTo(session.sandbox, PERMISSIONS_ROUTE)).toBe(0);
			const unknown = await run('getObjectPermissions', { objectPath: 'no/such object' });
			expect(unknown.error?.message).toMatch(/404/);
			expect(unknown.error?.description).toMatch(/Get Many Objects/);
		});
	});
});

describe('the access intelligence model', () => {
	it('reads a permission given as {principal, access, inherited} or as {name, email, grantType}', () => {
		expect(
			aciPermissionOf(
				{ principal: 'jdoe@example.com', access: ['READ'], inherited: true },
				'a/b c',
			),
		).toEqual({
			id: null,
			_id: null,
			objectPath: 'a/b c',
			principal: 'jdoe@example.com',
			name: 'jdoe@example.com',
			email: null,
			principalType: null,
			access: ['READ'],
			inherited: true,
			grantType: null,
		});
		expect(
			aciPermissionOf(
				{
					_id: 'p1',
					name: 'Finance',
					email: 'fin@acme.test',
					type: 'group',
					access: ['READ'],
					grantType: 'INHERITED',
				},
				'x',
			),
		).toMatchObject({ id: 'p1', _id: 'p1', principal: 'fin@acme.test', inherited: true });
	});

	it('reads a user whose groups are objects and whose name is a username', () => {
		expect(
			aciUserOf({
				id: 'u1',
				username: 'jdoe',
				groups: [{ name: 'ops' }, 'dev'],
				sharedObjectsCount: '4',
			}),
		).toMatchObject({
			id: 'u1',
			_id: 'u1',
			name: 'jdoe',
			displayName: 'jdoe',
			groups: ['ops', 'dev'],
			sharedObjectsCount: 4,
		});
	});
});
