import type { INodeParameters } from 'n8n-workflow';

import { getRoleNames } from '../../nodes/BigId/methods/role.loadOptions';
import { searchRoles } from '../../nodes/BigId/methods/role.listSearch';
import { loadOptionsContext, runNode } from '../harness/actionNode';
import { byId, byName, jsonOf } from '../harness/items';
import { useSandboxSession } from '../harness/sandbox';

const ROLE_NAMES = ['Admin', 'Viewer', 'Data Steward', 'Auditor', 'Privacy Analyst'];
const ROLES_ROUTE = 'GET /api/v1/roles';

const session = useSandboxSession();
const run = (parameters: INodeParameters) => runNode(session.credentials, 'role', parameters);
const roleNamed = (name: string) => session.sandbox.store.roles.find((role) => role.name === name)!;

describe('Role: Get', () => {
	it('names the near match of a role name typed in the wrong case', async () => {
		const result = await run({ operation: 'get', role: byName('VIEWER') });
		expect(result.error?.message).toBe('Role "VIEWER" was not found. Did you mean "Viewer"?');
	});

	it('gets a role by exact name and by ID, with both ID spellings', async () => {
		const steward = roleNamed('Data Steward');
		for (const role of [byName('Data Steward'), byId(steward._id)]) {
			const { items, error } = await run({ operation: 'get', role });
			expect(error).toBeUndefined();
			expect(jsonOf(items)).toEqual([
				expect.objectContaining({ name: 'Data Steward', _id: steward._id, id: steward._id }),
			]);
		}
	});

	it('refuses an ID BigID does not have, listing every valid name', async () => {
		const { error } = await run({ operation: 'get', role: byId('ffffffffffffffffffffffff') });
		expect(error?.message).toBe('Role with ID ffffffffffffffffffffffff was not found');
		expect(error?.description).toBe(
			`Role names must match BigID exactly. BigID has: ${ROLE_NAMES.join(', ')}.`,
		);
	});
});

describe('Role: Get Many', () => {
	it('lists every role with one request, or up to the limit', async () => {
		const all = await run({ operation: 'getMany', returnAll: true });
		expect(jsonOf(all.items).map((role) => role.name)).toEqual(ROLE_NAMES);
		const limited = await run({ operation: 'getMany', limit: 2 });
		expect(jsonOf(limited.items).map((role) => role.name)).toEqual(ROLE_NAMES.slice(0, 2));
		expect(session.sandbox.stats.byRoute[ROLES_ROUTE]).toBe(2);
	});
});

describe('Role dropdowns', () => {
	const context = () =>
		loadOptionsContext(session.credentials, { resource: 'role', operation: 'get' }, 'role');

	it('offers role names as values', async () => {
		const options = await getRoleNames.call(context());
		expect(options.map((option) => option.value)).toEqual(ROLE_NAMES);
	});

	it('searches roles without regard to case, with the role ID as value', async () => {
		const { results } = await searchRoles.call(context(), 'STEW');
		expect(results).toEqual([{ name: 'Data Steward', value: roleNamed('Data Steward')._id }]);
	});
});
