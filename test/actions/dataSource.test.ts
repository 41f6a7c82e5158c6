import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BigId } from '../../nodes/BigId/BigId.node';
import type { Sandbox } from '../../sandbox';
import { loadOptionsContext, runNode } from '../harness/actionNode';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { startSandboxSession } from '../harness/sandbox';

const LIST_ROUTE = 'GET /api/v1/ds-connections';
const UNKNOWN_ID = 'ffffffffffffffffffffffff';

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;

beforeEach(async () => {
	({ sandbox, credentials } = await startSandboxSession({ dataSources: 12 }));
});
afterEach(async () => await sandbox.close());

const run = (parameters: INodeParameters, input?: IDataObject[], continueOnFail?: boolean) =>
	runNode(credentials, 'dataSource', parameters, input, continueOnFail);

describe('Data Source > Get Many', () => {
	it('reads every data source over several pages and normalizes them', async () => {
		const { items, error } = await run({
			operation: 'getMany',
			returnAll: true,
			options: { pageSize: 5 },
		});
		expect(error).toBeUndefined();
		const sources = sandbox.store.dataSources;
		expect(items.map((item) => item.json._id)).toEqual(sources.map((source) => source._id));
		expect(sandbox.stats.byRoute[LIST_ROUTE]).toBe(3);
		expect(items[0].json).toMatchObject({
			id: sources[0]._id,
			name: sources[0].name,
			enabled: 'yes',
			createdAt: sources[0].created_at,
		});
	});

	it('stops at the limit', async () => {
		const { items } = await run({ operation: 'getMany', limit: 3 });
		expect(items).toHaveLength(3);
		expect(sandbox.stats.byRoute[LIST_ROUTE]).toBe(1);
	});

	it('sorts and filters in BigID, and reports the total count', async () => {
		const sorted = await run({ operation: 'getMany', returnAll: true, options: { sort: '-name' } });
		const names = sandbox.store.dataSources.map((source) => source.name);
		expect(sorted.items.map((item) => item.json.name)).toEqual(
			[...names].sort((left, right) => (left < right ? 1 : -1)),
		);

		const s3 = sandbox.store.dataSources.filter((source) => source.type === 's3');
		expect(s3.length).toBeGreaterThan(1);
		const counted = await run({
			operation: 'getMany',
			limit: 1,
			options: { filter: '{"type":"s3"}', includeTotalCount: true },
		});
		expect(counted.items).toHaveLength(1);
		expect(counted.items[0].json).toEqual({
			totalCount: s3.length,
			returned: 1,
			dataSources: [expect.objectContaining({ _id: s3[0]._id, type: 's3' })],
		});
	});
});

describe('Data Source > Get', () => {
	it('gets one by ID, from the list, or by exact name', async () => {
		const source = sandbox.store.dataSources[2];
		for (const locator of [
			{ mode: 'id', value: source._id },
			{ mode: 'list', value: source._id },
			{ mode: 'name', value: source.name },
		]) {
			const { items, error } = await run({
				operation: 'get',
				dataSource: { __rl: true, ...locator },
			});
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual([
				expect.objectContaining({ _id: source._id, id: source._id, name: source.name }),
			]);
		}
		expect(sandbox.stats.byRoute['GET /api/v1/ds-connections/:idOrName']).toBe(3);
		expect(sandbox.stats.byRoute[LIST_ROUTE]).toBeUndefined();
	});

	it('names a data source that does not exist, after looking through the list', async () => {
		const { error } = await run({
			operation: 'get',
			dataSource: { __rl: true, mode: 'name', value: 'crm-archive' },
		});
		expect(error?.message).toBe('Data source "crm-archive" was not found');
		expect(error?.description).toContain('Data Source > Get Many');
		expect(sandbox.stats.byRoute[LIST_ROUTE]).toBe(1);
	});

	it('finds one through the list on a BigID version without the single data source endpoint', async () => {
		await sandbox.close();
		({ sandbox, credentials } = await startSandboxSession({
			dataSources: 12,
			dataSourceLookup: false,
		}));
		const source = sandbox.store.dataSources[9];
		const { items, error } = await run({
			operation: 'get',
			dataSource: { __rl: true, mode: 'id', value: source._id },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ _id: source._id, name: source.name });
		expect(sandbox.stats.byRoute['GET *']).toBe(1);
		expect(sandbox.stats.byRoute[LIST_ROUTE]).toBe(1);
	});

	it('gives error items for failing inputs and data sources for the rest under Continue On Fail', async () => {
		const source = sandbox.store.dataSources[0];
		const { items, error } = await run(
			{ operation: 'get', dataSource: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			[{ id: 'marketing' }, { id: source._id }, { id: UNKNOWN_ID }],
			true,
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.error).toBe('Data source ID is invalid: "marketing" is not a BigID ID');
		expect(items[1].json).toMatchObject({ _id: source._id, name: source.name });
		expect(items[2].json.error).toBe(`Data source ${UNKNOWN_ID} was not found`);
	});
});

describe('data source dropdowns', () => {
	it('fills the multi-select with names, storing IDs', async () => {
		const context = loadOptionsContext(
			credentials,
			{ resource: 'scanProfile', operation: 'create' },
			'dataSourceIds',
		);
		const options = await new BigId().methods.loadOptions.getDataSources.call(context);
		const sources = sandbox.store.dataSources;
		expect(options).toHaveLength(sources.length);
		const disabled = sources.find((source) => source.enabled === 'no')!;
		expect(options).toContainEqual({
			name: disabled.name,
			value: disabled._id,
			description: `${disabled.type}, disabled`,
		});
		const names = options.map((option) => option.name);
		expect(names).toEqual([...names].sort((left, right) => left.localeCompare(right)));
	});

	it('searches the resource locator list', async () => {
		const context = loadOptionsContext(
			credentials,
			{ resource: 'dataSource', operation: 'get' },
			'dataSource',
		);
		const { results } = await new BigId().methods.listSearch.searchDataSources.call(
			context,
			'MARKETING',
		);
		const marketing = sandbox.store.dataSources.filter((source) =>
			source.name.includes('marketing'),
		);
		expect(marketing.length).toBeGreaterThan(1);
		expect(results).toEqual(marketing.map((source) => ({ name: source.name, value: source._id })));
	});
});
