import type { INodeParameters } from 'n8n-workflow';

import { BigId } from '../../nodes/BigId/BigId.node';
import { casesApi } from '../../sandbox/entities/cases/routes';
import { policiesApi } from '../../sandbox/entities/policies/routes';
import { loadOptionsContext, runNode } from '../harness/actionNode';
import { byId, jsonOf } from '../harness/items';
import { useSandboxSession } from '../harness/sandbox';

const ROUTE = 'GET /api/v1/compliance-rules';

const session = useSandboxSession();
const policies = () => session.sandbox.store.model(policiesApi).policies;
const reads = () => session.sandbox.stats.byRoute[ROUTE] ?? 0;
const run = async (parameters: INodeParameters) =>
	await runNode(session.credentials, 'policy', parameters);
const byName = (value: string) => ({ __rl: true, mode: 'name', value });

describe('Policy > Get Many', () => {
	it('outputs every policy in one request, both ID spellings and enabled filled', async () => {
		const { items, error } = await run({ operation: 'getMany', returnAll: true });
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual(
			policies().map((policy) => ({ ...policy, _id: policy.id, enabled: true })),
		);
		expect(reads()).toBe(1);
		const limited = await run({ operation: 'getMany', limit: 2 });
		expect(jsonOf(limited.items).map((policy) => policy.name)).toEqual(
			policies()
				.slice(0, 2)
				.map((policy) => policy.name),
		);
	});

	it('names the policy of every DSPM case, and marks those with open cases violated', async () => {
		const { items } = await run({ operation: 'getMany', returnAll: true });
		const names = jsonOf(items).map((policy) => policy.name);
		const cases = session.sandbox.store.model(casesApi).cases;
		for (const item of cases) expect(names).toContain(item.policyName);
		const open = cases.find((item) => item.caseStatus === 'open')!;
		expect(jsonOf(items).find((policy) => policy.name === open.policyName)).toMatchObject({
			status: 'VIOLATED',
			findings: { violated: true },
		});
	});

	it('filters by name through BigID, and matches another spelling itself', async () => {
		const exact = await run({
			operation: 'getMany',
			returnAll: true,
			options: { name: 'Passwords' },
		});
		expect(jsonOf(exact.items).map((policy) => policy.name)).toEqual(['Passwords']);
		expect(reads()).toBe(1);
		const spelled = await run({
			operation: 'getMany',
			returnAll: true,
			options: { name: ' pci - credit card  numbers' },
		});
		expect(jsonOf(spelled.items).map((policy) => policy.name)).toEqual([
			'PCI - Credit Card Numbers',
		]);
		// BigID's exact ?name= found none, so the whole list was read and matched.
		expect(reads()).toBe(3);
		const none = await run({ operation: 'getMany', returnAll: true, options: { name: 'Nope' } });
		expect(none.items).toEqual([]);
	});
});

describe('Policy > Get', () => {
	it("gets the policy a case's policyName names, in one request", async () => {
		const [item] = session.sandbox.store.model(casesApi).cases;
		const { items, error } = await run({ operation: 'get', policy: byName(item.policyName) });
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({ name: item.policyName, severity: item.severityLevel }),
		]);
		expect(reads()).toBe(1);
	});

	it('gets a policy picked from the list or by its ID', async () => {
		const context = loadOptionsContext(
			session.credentials,
			{ resource: 'policy', operation: 'get' },
			'policy',
		);
		const { results } = await new BigId().methods.listSearch.searchPolicies.call(context, 'pci');
		expect(results).toEqual([
			{ name: 'PCI - Credit Card Numbers', value: 'PCI - Credit Card Numbers' },
		]);
		const picked = await run({
			operation: 'get',
			policy: { __rl: true, mode: 'list', value: results[0].value },
		});
		expect(jsonOf(picked.items)[0].name).toBe('PCI - Credit Card Numbers');
		const policy = policies()[3];
		const byIdResult = await run({ operation: 'get', policy: byId(policy.id) });
		expect(jsonOf(byIdResult.items)[0].name).toBe(policy.name);
	});

	it('says which policy name does not exist, and needs one before any request', async () => {
		const { error } = await run({ operation: 'get', policy: byName('Nope') });
		expect(error?.message).toBe('No policy is named "Nope"');
		expect(error?.description).toMatch(/Policy > Get Many lists every policy/);
		const requests = session.sandbox.stats.requests;
		const blank = await run({ operation: 'get', policy: byName(' ') });
		expect(blank.error?.message).toBe('No policy given');
		expect(session.sandbox.stats.requests).toBe(requests);
	});
});
