import { BigId } from '../../nodes/BigId/BigId.node';
import { FAILING_DATA_SOURCE_NAME } from '../../sandbox';
import { loadOptionsContext, runNode } from '../harness/actionNode';
import { runWorkflow } from '../harness/engine';
import { byName, jsonOf } from '../harness/items';
import { useSandboxSession } from '../harness/sandbox';

const SCAN_ROUTE = 'POST /api/v1/ds-connections/:name/scan';
const LAST_SCAN_ROUTE = 'GET /api/v1/ds-connections/:name/scan';
const HOUR_MS = 3600 * 1000;

const session = useSandboxSession({ dataSources: 6, scanDurationMs: HOUR_MS });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

describe('Data Source > Scan', () => {
	it('starts a scan of the named source with the query options, and outputs its scan ID and state', async () => {
		const { sandbox, credentials } = session;
		const source = sandbox.store.dataSources[1];
		const { items, error } = await runNode(credentials, 'dataSource', {
			operation: 'scan',
			dataSourceName: fromList(source.name),
			scanType: 'metadataScan',
			options: { isSampleScan: true },
		});
		expect(error).toBeUndefined();
		const parent = sandbox.store.parentScans.at(-1)!;
		const child = parent.scanChildren[0];
		expect(parent.scanChildren.map((scan) => scan.dataSourceName)).toEqual([source.name]);
		expect(child).toMatchObject({ type: 'metadataScan', isSampleScan: true, state: 'Queued' });
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({
				scanId: child._id,
				dataSourceName: source.name,
				state: 'Queued',
				scanType: 'metadataScan',
				isSampleScan: true,
				isFinished: false,
				isSucceeded: false,
				message: `Scan of ${source.name} started`,
			}),
		]);
		// The start answer has no ID: the last scan of the source gives it.
		expect(sandbox.stats.writes[SCAN_ROUTE]).toBe(1);
		expect(sandbox.stats.byRoute[LAST_SCAN_ROUTE]).toBe(1);
	});

	it('hands its scan ID to Scan > Wait for Completion, which sees it complete', async () => {
		const { sandbox, credentials } = session;
		const source = sandbox.store.dataSources[0];
		const running = runWorkflow({
			credentials,
			nodes: [
				{
					name: 'Scan',
					parameters: {
						resource: 'dataSource',
						operation: 'scan',
						dataSourceName: byName(source.name),
					},
				},
				{
					name: 'Wait',
					parameters: {
						resource: 'scan',
						operation: 'waitForCompletion',
						scanId: '={{ $json.scanId }}',
						pollInterval: 0.02,
					},
				},
			],
		});
		while ((sandbox.stats.byRoute['GET /api/v1/scans/:id/status'] ?? 0) < 1) {
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		sandbox.store.advanceClock(HOUR_MS);
		const { items, error } = await running;
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'Completed', isFinished: true, timedOut: false });
	});

	it('names the fix when the data source does not exist, and honours Continue On Fail per item', async () => {
		const { sandbox, credentials } = session;
		const { items, error } = await runNode(
			credentials,
			'dataSource',
			{
				operation: 'scan',
				dataSourceName: '={{ { __rl: true, mode: "name", value: $json.name } }}',
			},
			[{ name: 'no-such-source' }, { name: sandbox.store.dataSources[2].name }],
			true,
		);
		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(/404|not found/i);
		expect(String(items[0].json.description)).toMatch(/exact, case-sensitive name/);
		expect(items[1].json).toMatchObject({ dataSourceName: sandbox.store.dataSources[2].name });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sandbox.stats.writes[SCAN_ROUTE]).toBe(1);
	});

	it('refuses a blank data source name before any request', async () => {
		const { sandbox, credentials } = session;
		const { error } = await runNode(credentials, 'dataSource', {
			operation: 'scan',
			dataSourceName: byName('  '),
		});
		expect(error?.message).toBe('No data source given');
		expect(sandbox.stats.requests).toBe(0);
	});

	it('lists data sources by name for the locator', async () => {
		const { sandbox, credentials } = session;
		const context = loadOptionsContext(
			credentials,
			{ resource: 'dataSource', operation: 'scan' },
			'dataSourceName',
		);
		const { results } = await new BigId().methods.listSearch.searchDataSourceNames.call(context);
		expect(results).toEqual(
			sandbox.store.dataSources.map((source) => ({ name: source.name, value: source.name })),
		);
	});
});

describe('Data Source > Get Last Scan', () => {
	it('gives the newest scan of the source with the finished and succeeded flags', async () => {
		const { sandbox, credentials } = session;
		const run = async (name: string) =>
			await runNode(credentials, 'dataSource', {
				operation: 'getLastScan',
				dataSourceName: byName(name),
			});
		const good = sandbox.store.dataSources[0].name;
		await runNode(credentials, 'dataSource', { operation: 'scan', dataSourceName: byName(good) });
		await runNode(credentials, 'dataSource', {
			operation: 'scan',
			dataSourceName: byName(FAILING_DATA_SOURCE_NAME),
		});
		expect((await run(good)).items[0].json).toMatchObject({
			dataSourceName: good,
			state: 'Queued',
			isFinished: false,
		});
		sandbox.store.advanceClock(HOUR_MS);
		const completed = (await run(good)).items[0].json;
		expect(completed).toMatchObject({ state: 'Completed', isFinished: true, isSucceeded: true });
		expect(completed.scanId).toBe(sandbox.store.parentScans.at(-2)!.scanChildren[0]._id);
		expect((await run(FAILING_DATA_SOURCE_NAME)).items[0].json).toMatchObject({
			state: 'Failed',
			isFinished: true,
			isSucceeded: false,
		});
	});
});

describe('Data Source > Get Last Scan, before any scan', () => {
	const unscanned = useSandboxSession({ parentScans: 0 });

	it('says a source that was never scanned has no last scan', async () => {
		const { sandbox, credentials } = unscanned;
		const { error } = await runNode(credentials, 'dataSource', {
			operation: 'getLastScan',
			dataSourceName: byName(sandbox.store.dataSources[0].name),
		});
		expect(error?.description).toMatch(/never scanned has no last scan/);
	});
});
