import { BigId } from '../nodes/BigId/BigId.node';
import { dsarApi } from '../sandbox/entities/dsar/routes';
import { byId, jsonOf } from './harness/items';
import { useSandboxSession } from './harness/sandbox';
import { loadOptionsContext, runNode } from './harness/scanTests';

const session = useSandboxSession();
const profiles = () => session.sandbox.store.model(dsarApi).profiles;

describe('DSAR > Get Profiles', () => {
	it('outputs one item per profile, both ID spellings filled', async () => {
		const { items, error } = await runNode(session.credentials, 'dsar', {
			operation: 'getProfiles',
		});
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual(profiles().map((profile) => ({ ...profile, id: profile._id })));
	});

	it('lists the profiles for the locator, filtered', async () => {
		const context = loadOptionsContext(
			session.credentials,
			{ resource: 'dsar', operation: 'getAttributes' },
			'profile',
		);
		const { results } = await new BigId().methods.listSearch.searchSarProfiles.call(context, 'eu');
		expect(results).toEqual([{ name: 'EU Customers', value: profiles()[1]._id }]);
	});
});

describe('DSAR > Get Attributes', () => {
	it('outputs the identity attributes of the chosen profile', async () => {
		const profile = profiles()[1];
		const { items, error } = await runNode(session.credentials, 'dsar', {
			operation: 'getAttributes',
			profile: byId(profile._id),
		});
		expect(error).toBeUndefined();
		expect(jsonOf(items).map((attribute) => attribute.name)).toEqual(['email', 'customer_id']);
	});

	it('names the fix for an unknown profile, and needs a profile before any request', async () => {
		const unknown = await runNode(session.credentials, 'dsar', {
			operation: 'getAttributes',
			profile: byId('ffffffffffffffffffffffff'),
		});
		expect(unknown.error?.description).toMatch(/DSAR > Get Profiles/);
		const requests = session.sandbox.stats.requests;
		const blank = await runNode(session.credentials, 'dsar', {
			operation: 'getAttributes',
			profile: byId(' '),
		});
		expect(blank.error?.message).toBe('No DSAR profile given');
		expect(session.sandbox.stats.requests).toBe(requests);
	});
});
