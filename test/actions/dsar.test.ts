import { BigId } from '../../nodes/BigId/BigId.node';
import { dsarApi } from '../../sandbox/entities/dsar/routes';
import { loadOptionsContext, runNode } from '../harness/actionNode';
import { byId, jsonOf } from '../harness/items';
import { useSandboxSession } from '../harness/sandbox';

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

describe('DSAR > Submit Request and Get Report Status (unconfirmed endpoints)', () => {
	const submit = async (userValues: Array<Record<string, string>>) =>
		await runNode(session.credentials, 'dsar', {
			operation: 'submitRequest',
			profile: byId(profiles()[0]._id),
			userValues: { value: userValues },
		});

	it('submits one request with the identity values and reads its status until it completes', async () => {
		const { sandbox, credentials } = session;
		const { items, error } = await submit([
			{ attributeName: 'email', attributeValue: ' jane.doe@example.com ' },
		]);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ requestId: 'dsar-0001' }]);
		const [stored] = sandbox.store.model(dsarApi).requests;
		expect(stored.userValues).toEqual([
			{ attributeName: 'email', attributeValue: 'jane.doe@example.com' },
		]);
		expect(sandbox.stats.writes['POST /api/v1/sar/reports']).toBe(1);
		const status = async () =>
			(
				await runNode(credentials, 'dsar', {
					operation: 'getReportStatus',
					requestId: '={{ "dsar-0001" }}',
				})
			).items[0].json;
		expect(await status()).toEqual({ requestId: 'dsar-0001', status: 'Pending' });
		sandbox.store.advanceClock(sandbox.options.scanDurationMs);
		expect(await status()).toEqual({ requestId: 'dsar-0001', status: 'Completed' });
		expect(sandbox.stats.byRoute['GET /api/v1/sar/reports/:requestId/status']).toBe(2);
	});

	it('refuses identity values without a name or a value before any request', async () => {
		const requests = session.sandbox.stats.requests;
		for (const userValues of [[], [{ attributeName: 'email', attributeValue: ' ' }]]) {
			const { error } = await submit(userValues);
			expect(error?.message).toBe('Every identity value needs an attribute name and a value');
		}
		expect(session.sandbox.stats.requests).toBe(requests);
	});

	it('names the fix for an attribute the profile does not have', async () => {
		const { error } = await submit([{ attributeName: 'shoe_size', attributeValue: '42' }]);
		expect(error?.description).toMatch(/DSAR > Get Attributes lists for the profile/);
		expect(session.sandbox.stats.writes['POST /api/v1/sar/reports']).toBeUndefined();
	});

	it('says when this BigID version does not offer DSAR submission', async () => {
		session.sandbox.transformAnswer = (route, answer) =>
			route === 'POST /api/v1/sar/reports' ? { status: 404, json: { error: 'Not Found' } } : answer;
		const { error } = await submit([{ attributeName: 'email', attributeValue: 'a@b.c' }]);
		expect(error?.message).toBe(
			'This BigID version does not offer submitting DSAR requests (POST /api/v1/sar/reports answered 404)',
		);
	});
});
