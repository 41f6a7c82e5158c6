import { startSandbox, type Sandbox } from '../../sandbox';
import {
	ALL_EMPLOYEES,
	EVERYONE,
	SHARED_FOLDER,
	type AccessIntelligenceModel,
} from '../../sandbox/entities/accessIntelligence/model';
import { accessIntelligenceApi } from '../../sandbox/entities/accessIntelligence/routes';
import { catalogApi } from '../../sandbox/entities/catalog/routes';
import { usersApi } from '../../sandbox/entities/users/routes';

const ACI = '/api/v1/aci';

describe('access intelligence', () => {
	let sandbox: Sandbox;
	let token: string;
	const aci = (): AccessIntelligenceModel => sandbox.store.model(accessIntelligenceApi);

	// The assertions read the sandbox's JSON answers by path; their shapes are what is under test.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const get = async (path: string): Promise<{ status: number; json: any }> => {
		const response = await fetch(sandbox.url + path, { headers: { authorization: token } });
		return { status: response.status, json: await response.json() };
	};

	beforeAll(async () => {
		sandbox = await startSandbox({});
		const exchange = await fetch(`${sandbox.url}/api/v1/refresh-access-token`, {
			headers: { authorization: sandbox.options.apiToken },
		});
		token = ((await exchange.json()) as { systemToken: string }).systemToken;
	});
	afterAll(async () => sandbox.close());

	it('gives every person but the administrator accounts in one to three data sources', () => {
		const people = sandbox.store.model(usersApi).users.slice(1);
		const accounts = aci().users.filter((user) => !user.headless && !user.external);
		for (const person of people) {
			const own = accounts.filter(
				(account) => account.email?.toLowerCase() === person.email!.toLowerCase(),
			);
			expect(own.length).toBeGreaterThanOrEqual(1);
			expect(own.length).toBeLessThanOrEqual(3);
			expect(new Set(own.map((account) => account.dataSource)).size).toBe(own.length);
			expect(own.every((account) => account.groups[0] === ALL_EMPLOYEES)).toBe(true);
		}
		// Salesforce spells the address with capitals, as some directories do.
		const salesforce = accounts.find((account) => account.dataSource.startsWith('sales-crm'))!;
		expect(salesforce.email).not.toBe(salesforce.email!.toLowerCase());
		expect(salesforce.name).toBe(salesforce.email!.toLowerCase());
		expect(aci().users.some((user) => user.headless && user.email === null)).toBe(true);
		expect(aci().users.some((user) => user.external)).toBe(true);
	});

	it('is the same for a seed, and another seed gives other data', async () => {
		const again = await startSandbox({});
		const other = await startSandbox({ seed: 2 });
		try {
			const model = (box: Sandbox) => box.store.model(accessIntelligenceApi);
			expect(model(again).users).toEqual(aci().users);
			expect(model(again).objects).toEqual(aci().objects);
			const first = aci().objects[0].fullyQualifiedName;
			expect(model(again).permissionsOf(first)).toEqual(aci().permissionsOf(first));
			expect(model(other).users).not.toEqual(aci().users);
		} finally {
			await again.close();
			await other.close();
		}
	});

	it("derives the objects from the catalog's, with an owner, sharing, and Everyone where open", () => {
		const catalog = sandbox.store.model(catalogApi).objects;
		const objects = aci().objects;
		expect(objects.map((object) => object.fullyQualifiedName)).toEqual(
			expect.arrayContaining(catalog.map((object) => object.fullyQualifiedName)),
		);
		const folder = objects.find((object) => object.fullyQualifiedName.endsWith(SHARED_FOLDER))!;
		expect(folder.objectType).toBe('folder');
		for (const object of objects) {
			const permissions = aci().permissionsOf(object.fullyQualifiedName)!;
			const catalogObject = catalog.find(
				(known) => known.fullyQualifiedName === object.fullyQualifiedName,
			);
			const isOpen =
				catalogObject === undefined ||
				catalogObject.tags.some((tag) => tag.tagValue === 'Open Access');
			expect(object.annotations.openAccess).toEqual(isOpen ? [EVERYONE] : []);
			expect(permissions.some((permission) => permission.name === EVERYONE)).toBe(isOpen);
			const direct = permissions.filter(
				(permission) => permission.type === 'user' && permission.grantType === 'DIRECT',
			);
			expect(direct.map((permission) => permission.email)).toEqual([
				object.owner,
				...object.annotations.sharedWith,
			]);
		}
		const grants = objects.flatMap((object) => aci().permissionsOf(object.fullyQualifiedName)!);
		expect(grants.some((permission) => permission.grantType === 'INHERITED')).toBe(true);
	});

	it("counts each account's shared objects and each group's members from the permissions", () => {
		const account = aci().users.find((user) => user.sharedObjectsCount > 1)!;
		const reached = aci().objects.filter(
			(object) =>
				object.source === account.dataSource &&
				aci()
					.permissionsOf(object.fullyQualifiedName)!
					.some((permission) => permission.email === (account.email ?? account.name)),
		);
		expect(reached).toHaveLength(account.sharedObjectsCount);
		const everyone = aci().groups.find((group) => group.name === ALL_EMPLOYEES)!;
		expect(everyone.membersCount).toBe(
			aci().users.filter(
				(user) => user.dataSource === everyone.dataSource && user.groups.includes(ALL_EMPLOYEES),
			).length,
		);
	});

	it('pages users and groups under data with their total, and sorts by a JSON sort', async () => {
		const users = aci().users;
		const first = await get(`${ACI}/users?skip=0&limit=10&requireTotalCount=true`);
		expect(first.status).toBe(200);
		expect(first.json).toMatchObject({ status: 'success', statusCode: 200 });
		expect(first.json.data.users).toEqual(users.slice(0, 10));
		expect(first.json.data.totalCount).toBe(users.length);
		const second = await get(`${ACI}/users?skip=10&limit=10`);
		expect(second.json.data.users).toEqual(users.slice(10, 20));
		expect(second.json.data.totalCount).toBeUndefined();
		const sort = encodeURIComponent('[{"field":"sharedObjectsCount","order":"desc"}]');
		const sorted = await get(`${ACI}/users?limit=3&sort=${sort}`);
		const counts = users.map((user) => user.sharedObjectsCount).sort((a, b) => b - a);
		expect(
			sorted.json.data.users.map((user: { sharedObjectsCount: number }) => user.sharedObjectsCount),
		).toEqual(counts.slice(0, 3));
		const groups = await get(`${ACI}/groups/?limit=1000&requireTotalCount=true`);
		expect(groups.json.data.groups).toEqual(aci().groups);
		expect(sandbox.stats.byRoute[`GET ${ACI}/groups`]).toBe(1);
	});

	it('answers the data manager only with app_id=acl, filtered by the query language', async () => {
		expect((await get(`${ACI}/data-manager`)).status).toBe(400);
		const source = aci().objects[0].source;
		const filter = encodeURIComponent(`source = "${source}" AND openAccess = "${EVERYONE}"`);
		const answer = await get(
			`${ACI}/data-manager?app_id=acl&filter=${filter}&limit=100&requireTotalCount=true`,
		);
		const wanted = aci().objects.filter(
			(object) => object.source === source && object.annotations.openAccess.length > 0,
		);
		expect(wanted.length).toBeGreaterThan(0);
		expect(answer.json.data).toEqual(wanted);
		expect(answer.json.totalCount).toBe(wanted.length);
		const bad = await get(
			`${ACI}/data-manager?app_id=acl&filter=${encodeURIComponent('source = ')}`,
		);
		expect(bad.status).toBe(400);
		expect(bad.json.error).toMatch(/filter/i);
	});

	it('answers the permissions of an object named with slashes and spaces, and 404 for none', async () => {
		const folder = aci().objects.find((object) => object.fullyQualifiedName.includes(' '))!;
		const path = encodeURIComponent(folder.fullyQualifiedName);
		const answer = await get(`${ACI}/data-manager/${path}/permissions/?app_id=acl`);
		expect(answer.status).toBe(200);
		expect(answer.json.data).toEqual({
			permissions: aci().permissionsOf(folder.fullyQualifiedName),
			totalCount: aci().permissionsOf(folder.fullyQualifiedName)!.length,
		});
		const missing = await get(
			`${ACI}/data-manager/${encodeURIComponent('no/such object')}/permissions`,
		);
		expect(missing.status).toBe(404);
	});
});
