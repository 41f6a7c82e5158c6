import { DEFAULT_CONCURRENCY } from '../../nodes/BigId/transport';
import type { Sandbox } from '../../sandbox';
import { runWorkflow } from '../harness/engine';
import { startSandboxSession } from '../harness/sandbox';

const LIST_ROUTE = 'GET /api/v1/ds-connections';

const listDataSources = (parameters: Record<string, unknown> = {}) => [
	{
		parameters: {
			resource: 'dataSource',
			operation: 'getMany',
			returnAll: true,
			...parameters,
		},
	},
];

describe('pagination of skip/limit lists', () => {
	let sandbox: Sandbox | undefined;
	afterEach(async () => {
		await sandbox?.close();
		sandbox = undefined;
	});

	test('a session that expires in the middle of a 1,000-item listing: every item, exactly 2 logins', async () => {
		// Five requests per token: the token dies on the 6th page request, n8n logs in again once
		// for every page then in flight.
		const session = await startSandboxSession({ dataSources: 1000, tokenMaxUses: 5 });
		sandbox = session.sandbox;

		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: listDataSources({ options: { pageSize: 100 } }),
		});

		expect(result.error).toBeUndefined();
		const ids = result.items.map((item) => item.json._id);
		expect(ids.length).toBe(1000);
		expect(new Set(ids).size).toBe(1000);
		expect(sandbox.stats.logins).toBe(2);
		expect(sandbox.stats.rejectedAuth).toBeGreaterThanOrEqual(1);
		expect(sandbox.stats.rejectedAuth).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
		expect(sandbox.stats.byRoute[LIST_ROUTE]).toBe(10 + sandbox.stats.rejectedAuth);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	test('a server that caps pages at 100 when 500 are asked: skip follows what arrived', async () => {
		const session = await startSandboxSession({ dataSources: 1250, pageCap: 100 });
		sandbox = session.sandbox;

		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: listDataSources({ options: { pageSize: 500 } }),
		});

		expect(result.error).toBeUndefined();
		expect(new Set(result.items.map((item) => item.json._id)).size).toBe(1250);
		expect(sandbox.stats.byRoute[LIST_ROUTE]).toBe(13);
	});

	test('a limit stops paging as soon as it is reached', async () => {
		const session = await startSandboxSession({ dataSources: 1000, pageCap: 100 });
		sandbox = session.sandbox;

		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: listDataSources({ returnAll: false, limit: 250, options: { pageSize: 100 } }),
		});

		expect(result.items.length).toBe(250);
		expect(sandbox.stats.byRoute[LIST_ROUTE]).toBe(3);
	});

	test('an item inserted between two pages shifts the list: nothing is returned twice', async () => {
		const session = await startSandboxSession({ dataSources: 300 });
		sandbox = session.sandbox;
		const { store } = sandbox;
		let inserted = false;
		sandbox.beforeHandling = (routeKey, routeCount) => {
			// After page 1: a new data source at the front pushes page 1's last item into page 2.
			// The count includes the pages read ahead and not answered yet.
			if (routeKey === LIST_ROUTE && routeCount >= 2 && !inserted) {
				inserted = true;
				store.dataSources.unshift({
					...store.dataSources[0],
					_id: 'f'.repeat(24),
					name: 'new-source',
				});
			}
		};

		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: listDataSources({ options: { pageSize: 100 } }),
		});

		expect(inserted).toBe(true);
		const ids = result.items.map((item) => item.json._id);
		expect(ids.length).toBe(300);
		expect(new Set(ids).size).toBe(300);
	});

	test('a negative limit is rejected before any request, with the fix', async () => {
		const session = await startSandboxSession();
		sandbox = session.sandbox;

		const result = await runWorkflow({
			credentials: session.credentials,
			nodes: listDataSources({ returnAll: false, limit: -5 }),
		});

		expect(result.error?.message).toBe('Limit must be a whole number from 1 to 100000, not -5');
		expect(sandbox.stats.requests).toBe(0);
	});
});
