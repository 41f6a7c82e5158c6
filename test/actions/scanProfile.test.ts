import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BigId } from '../../nodes/BigId/BigId.node';
import type { Sandbox, SandboxOptions } from '../../sandbox';
import { loadOptionsContext, runNode } from '../harness/actionNode';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { startSandboxSession } from '../harness/sandbox';
import { byId } from '../harness/items';

const UNKNOWN_ID = 'ffffffffffffffffffffffff';
const TEMPLATE = 'standard-privacy-template-001';
const CREATE_ROUTE = 'POST /api/v1/scanProfiles';

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;

async function useSandbox(options: SandboxOptions = {}) {
	({ sandbox, credentials } = await startSandboxSession({ dataSources: 8, ...options }));
}
afterEach(async () => await sandbox.close());

const run = (parameters: INodeParameters, input?: IDataObject[], continueOnFail?: boolean) =>
	runNode(credentials, 'scanProfile', parameters, input, continueOnFail);

const healthySourceIds = (count: number) =>
	sandbox.store.dataSources
		.filter((source) => source.name !== 'failing-source')
		.slice(0, count)
		.map((source) => source._id);

function create(parameters: INodeParameters = {}) {
	return {
		operation: 'create',
		name: 'Quarterly HR Scan',
		dataSourceIds: healthySourceIds(2),
		scanTemplateId: TEMPLATE,
		...parameters,
	};
}

describe('Scan Profile > Create', () => {
	beforeEach(async () => await useSandbox());

	it('creates a scheduled profile with the rest of the schema', async () => {
		const scansBefore = sandbox.store.parentScans.length;
		const { items, error } = await run(
			create({
				description: 'HR sources, weekdays',
				runMode: 'scheduled',
				cronExpression: ' 0  2 * * MON-FRI ',
				timeZone: 'Europe/Berlin',
				active: false,
				additionalFields: { isCustomScanProfile: true, otherFields: '{"owners":["alice"]}' },
			}),
		);
		expect(error).toBeUndefined();
		const stored = sandbox.store.findScanProfileByName('Quarterly HR Scan')!;
		expect(stored).toMatchObject({
			dataSourceList: healthySourceIds(2),
			scanTemplateId: TEMPLATE,
			description: 'HR sources, weekdays',
			schedule: { cronExpression: '0 2 * * MON-FRI', timeZone: 'Europe/Berlin' },
			active: false,
			isCustomScanProfile: true,
			owners: ['alice'],
		});
		expect(stored).not.toHaveProperty('isSingleRunScan');
		expect(items.map((item) => item.json)).toEqual([expect.objectContaining({ id: stored._id })]);
		// Only a one-time profile queues a scan when it is saved.
		expect(sandbox.store.parentScans).toHaveLength(scansBefore);
	});

	it('takes data source IDs from an expression, as a comma-separated string', async () => {
		const ids = healthySourceIds(3);
		const { error } = await run(create({ dataSourceIds: `={{ "${ids.join(', ')}" }}` }));
		expect(error).toBeUndefined();
		expect(sandbox.store.findScanProfileByName('Quarterly HR Scan')?.dataSourceList).toEqual(ids);
	});

	it('scans every enabled data source when asked to', async () => {
		const { error } = await run(create({ dataSourceSelection: 'allEnabled', dataSourceIds: [] }));
		expect(error).toBeUndefined();
		const enabled = sandbox.store.dataSources.filter((source) => source.enabled === 'yes');
		expect(enabled.length).toBeLessThan(sandbox.store.dataSources.length);
		expect(sandbox.store.findScanProfileByName('Quarterly HR Scan')?.dataSourceList).toEqual(
			enabled.map((source) => source._id),
		);
	});

	it.each([
		[
			{ runMode: 'scheduled', cronExpression: '0 0 2 * * 0', timeZone: 'UTC' },
			'Invalid cron expression "0 0 2 * * 0": expected 5 fields (minute hour day month weekday), got 6',
		],
		[
			{ runMode: 'scheduled', cronExpression: '0 25 * * *', timeZone: 'UTC' },
			'Invalid cron expression "0 25 * * *": hour: 25 is out of range 0-23',
		],
		[
			{ runMode: 'scheduled', cronExpression: '0 2 * * 0', timeZone: 'Europe/Atlantis' },
			'Invalid time zone: "Europe/Atlantis" is not a known IANA time zone',
		],
		// Expressions: n8n itself refuses a required parameter left empty in the editor.
		[{ name: '={{ "  " }}' }, 'The scan profile name is empty'],
		[{ dataSourceIds: '={{ [] }}' }, 'No data sources selected for the scan profile'],
		[
			{ dataSourceIds: ['marketing-db-1'] },
			'Data source ID is invalid: "marketing-db-1" is not a BigID ID',
		],
		[{ scanTemplateId: '={{ $json.template }}' }, 'The scan template ID is empty'],
		[{ additionalFields: { otherFields: '[1]' } }, 'Other Fields must be a JSON object'],
	])('rejects %j before any request', async (parameters, message) => {
		const { error } = await run(create(parameters));
		expect(error?.message).toBe(message);
		expect(error?.description).toBeTruthy();
		expect(sandbox.stats.requests).toBe(0);
		expect(sandbox.stats.logins).toBe(0);
	});

	it('names data source IDs that do not exist, and creates nothing', async () => {
		const other = 'eeeeeeeeeeeeeeeeeeeeeeee';
		const { error } = await run(
			create({ dataSourceIds: [healthySourceIds(1)[0], UNKNOWN_ID, other] }),
		);
		expect(error?.message).toBe(`Data source ${UNKNOWN_ID}, ${other} were not found`);
		expect(error?.description).toContain('GET /ds-connections');
		expect(sandbox.stats.writes[CREATE_ROUTE]).toBeUndefined();
	});

	it('passes BigID’s conflict for a name in use through with the fix', async () => {
		const { error } = await run(create({ name: 'Weekly Full Scan' }));
		expect(error?.message).toBe('BigID answered 409: Scan profile Weekly Full Scan already exists');
		expect(error?.description).toContain('Use a different name');
	});

	it('creates from each input item, with error items under Continue On Fail', async () => {
		const { items, error } = await run(
			create({ name: '={{ $json.name }}', dataSourceIds: '={{ $json.sources }}' }),
			[
				{ name: 'First', sources: healthySourceIds(1) },
				{ name: '', sources: healthySourceIds(1) },
				{ name: 'Third', sources: [UNKNOWN_ID] },
				{ name: 'Fourth', sources: healthySourceIds(2) },
			],
			true,
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(items.map((item) => item.json.name ?? item.json.error)).toEqual([
			'First',
			'The scan profile name is empty',
			`Data source ${UNKNOWN_ID} was not found`,
			'Fourth',
		]);
		expect(sandbox.stats.writes[CREATE_ROUTE]).toBe(2);
		// The data sources were read once for the whole execution.
		expect(sandbox.stats.byRoute['GET /api/v1/ds-connections']).toBe(1);
	});
});

describe('Scan Profile > Get, Get Many, Update, Delete', () => {
	beforeEach(async () => await useSandbox());

	const profileNamed = (name: string) => sandbox.store.findScanProfileByName(name)!;

	it('gets a profile by ID, and answers one that does not exist with the fix', async () => {
		const profile = profileNamed('Daily Marketing Scan');
		const { items } = await run({ operation: 'get', scanProfile: byId(profile._id) });
		expect(items[0].json).toEqual(expect.objectContaining({ ...profile }));

		const { error } = await run({ operation: 'get', scanProfile: byId(UNKNOWN_ID) });
		expect(error?.message).toBe(`BigID answered 404: Scan profile ${UNKNOWN_ID} was not found`);
		expect(error?.description).toContain('Make sure the ID is valid');
	});

	it('lists the profiles, all or up to a limit', async () => {
		const all = await run({ operation: 'getMany', returnAll: true, options: { pageSize: 2 } });
		expect(all.items.map((item) => item.json._id)).toEqual(
			sandbox.store.scanProfiles.map((profile) => profile._id),
		);
		const limited = await run({ operation: 'getMany', limit: 1 });
		expect(limited.items).toHaveLength(1);
	});

	it('updates name and data sources, keeping the rest of the profile', async () => {
		const profile = profileNamed('Daily Marketing Scan');
		const { items, error } = await run({
			operation: 'update',
			scanProfile: byId(profile._id),
			updateFields: { name: 'Daily CRM Scan', dataSourceIds: healthySourceIds(3) },
		});
		expect(error).toBeUndefined();
		expect(sandbox.store.getScanProfile(profile._id)).toMatchObject({
			name: 'Daily CRM Scan',
			dataSourceList: healthySourceIds(3),
			schedule: { cronExpression: '0 3 * * *', timeZone: 'UTC' },
			scanTemplateId: TEMPLATE,
		});
		expect(items[0].json).toMatchObject({ _id: profile._id, name: 'Daily CRM Scan' });
	});

	it('moves a schedule to another time zone, keeping its cron expression', async () => {
		const profile = profileNamed('Daily Marketing Scan');
		await run({
			operation: 'update',
			scanProfile: byId(profile._id),
			updateFields: { timeZone: 'America/New_York' },
		});
		expect(sandbox.store.getScanProfile(profile._id)?.schedule).toEqual({
			cronExpression: '0 3 * * *',
			timeZone: 'America/New_York',
		});
	});

	it('switches between one-time and scheduled', async () => {
		const profile = profileNamed('Daily Marketing Scan');
		const toOneTime = await run({
			operation: 'update',
			scanProfile: byId(profile._id),
			updateFields: { runMode: 'oneTime' },
		});
		expect(toOneTime.error).toBeUndefined();
		expect(sandbox.store.getScanProfile(profile._id)).toMatchObject({
			isSingleRunScan: true,
			schedule: null,
		});

		const withoutCron = await run({
			operation: 'update',
			scanProfile: byId(profile._id),
			updateFields: { runMode: 'scheduled' },
		});
		expect(withoutCron.error?.message).toBe(
			'The scan profile has no schedule yet: a Cron Expression is needed to make it scheduled',
		);

		const toScheduled = await run({
			operation: 'update',
			scanProfile: byId(profile._id),
			updateFields: { runMode: 'scheduled', cronExpression: '30 1 1 * *' },
		});
		expect(toScheduled.error).toBeUndefined();
		expect(sandbox.store.getScanProfile(profile._id)).toMatchObject({
			isSingleRunScan: false,
			schedule: { cronExpression: '30 1 1 * *', timeZone: 'UTC' },
		});
	});

	it.each([
		[{}, 'No fields to update'],
		[{ cronExpression: '* * * * * *' }, 'expected 5 fields (minute hour day month weekday), got 6'],
		[{ timeZone: 'Moon/Base' }, 'Invalid time zone: "Moon/Base" is not a known IANA time zone'],
		[
			{ runMode: 'oneTime', cronExpression: '0 1 * * *' },
			'Cron Expression and Time Zone do not apply to a one-time scan profile',
		],
		[{ name: '' }, 'The scan profile name is empty'],
	])('rejects the update %j before any request', async (updateFields, message) => {
		const { error } = await run({
			operation: 'update',
			scanProfile: byId(profileNamed('Daily Marketing Scan')._id),
			updateFields,
		});
		expect(error?.message).toContain(message);
		expect(sandbox.stats.requests).toBe(0);
	});

	it('deletes a profile, and says so for one that does not exist', async () => {
		const profile = profileNamed('Legacy Source Scan');
		const { items } = await run({ operation: 'delete', scanProfile: byId(profile._id) });
		expect(items[0].json).toMatchObject({
			id: profile._id,
			name: 'Legacy Source Scan',
			deleted: true,
		});
		expect(sandbox.store.getScanProfile(profile._id)).toBeUndefined();

		const again = await run({ operation: 'delete', scanProfile: byId(profile._id) });
		expect(again.error?.message).toBe(
			`BigID answered 404: Scan profile ${profile._id} was not found`,
		);
		expect(sandbox.stats.writes['DELETE /api/v1/scanProfiles/:id']).toBe(1);
	});

	it('searches the profiles for the resource locator list', async () => {
		const context = loadOptionsContext(
			credentials,
			{ resource: 'scan', operation: 'start' },
			'scanProfile',
		);
		const { results } = await new BigId().methods.listSearch.searchScanProfiles.call(
			context,
			'scan',
		);
		expect(results.map((result) => result.name)).toEqual([
			'Weekly Full Scan',
			'Daily Marketing Scan',
			'Legacy Source Scan',
		]);
		const daily = await new BigId().methods.listSearch.searchScanProfiles.call(context, 'DAILY');
		expect(daily.results).toEqual([
			{ name: 'Daily Marketing Scan', value: profileNamed('Daily Marketing Scan')._id },
		]);
	});
});

describe('Scan Profile on a BigID version without list, update and delete', () => {
	beforeEach(async () => await useSandbox({ scanProfileCrud: false }));

	it.each([
		[
			{ operation: 'getMany', returnAll: true },
			'listing scan profiles',
			'GET /api/v1/scanProfiles',
		],
		[
			{ operation: 'update', updateFields: { description: 'x' } },
			'updating scan profiles',
			'PUT /api/v1/scanProfiles/:id',
		],
		[{ operation: 'delete' }, 'deleting scan profiles', 'DELETE /api/v1/scanProfiles/:id'],
	])('%j says this version does not offer it', async (parameters, what, route) => {
		const profile = sandbox.store.scanProfiles[0];
		const { error } = await run({ scanProfile: byId(profile._id), ...parameters });
		expect(error?.message).toBe(
			`This BigID version does not offer ${what} (${route.replace(':id', profile._id)} answered 404)`,
		);
		expect(error?.description).toContain('Do this in the BigID UI instead');
		expect(sandbox.store.getScanProfile(profile._id)).toEqual(profile);
	});
});
