import type { Sandbox } from '../../sandbox';
import { FAILING_DATA_SOURCE_NAME } from '../../sandbox';
import { dataSourcesApi } from '../../sandbox/entities/dataSources/routes';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { byName } from '../harness/items';
import { MAY_HAVE_HAPPENED, runWriteScenario, startWatchedSession } from './support';

const SOURCES = 20;

let sandbox: Sandbox | undefined;
let credentials: TestCredentialsHelper;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

/** A sandbox with SOURCES data sources besides failing-source, and their names. */
async function useDataSources() {
	({ sandbox, credentials } = await startWatchedSession({
		dataSources: SOURCES + 1,
		parentScans: 0,
	}));
	const model = sandbox.store.model(dataSourcesApi);
	const names = model.dataSources
		.map((source) => source.name)
		.filter((name) => name !== FAILING_DATA_SOURCE_NAME);
	expect(names).toHaveLength(SOURCES);
	return { box: sandbox, model, names };
}

const isUncertain = (json: { error?: unknown; description?: unknown }) =>
	MAY_HAVE_HAPPENED.test(`${String(json.error)} ${String(json.description)}`);

describe('fault matrix: every data source write happens at most once', () => {
	test('Data Source > Create: each source created once or reported "may have happened"', async () => {
		const { box, model } = await useDataSources();
		const nameOf = (n: number) => `cmdb-db-${n}`;
		const { result, outcome } = await runWriteScenario(
			box,
			credentials,
			{
				scenario: 'Data Source > Create',
				route: 'POST /api/v1/ds_connections',
				node: {
					parameters: {
						resource: 'dataSource',
						operation: 'create',
						name: '={{ "cmdb-db-" + $json.n }}',
						type: 'rdb-mysql',
						host: '={{ "db-" + $json.n + ".internal:3306" }}',
						credentialId: 'mysql-scanner',
						enabled: true,
					},
				},
				keyOf: nameOf,
				storedCount: (name) => model.dataSources.filter((source) => source.name === name).length,
			},
			SOURCES,
		);
		expect(outcome.created + outcome.uncertain + outcome.refused).toBe(SOURCES);
		result.items.forEach((item, n) => {
			if (item.json.error !== undefined) return;
			expect(model.get(nameOf(n))).toMatchObject({ rdb_url: `db-${n}.internal:3306` });
		});
	});

	test('Data Source > Update: each source replaced once or reported "may have happened"', async () => {
		const { box, model, names } = await useDataSources();
		const { result } = await runWriteScenario(
			box,
			credentials,
			{
				scenario: 'Data Source > Update',
				route: 'PUT /api/v1/ds_connections/:name',
				node: {
					parameters: {
						resource: 'dataSource',
						operation: 'update',
						dataSource: byName('={{ $json.source }}'),
						updateFields: { description: '={{ "Reviewed " + $json.n }}' },
					},
				},
				input: (n) => ({ source: names[n] }),
				keyOf: (n) => names[n],
				storedCount: (name) => model.updatesOf(name),
			},
			SOURCES,
		);
		result.items.forEach((item, n) => {
			const stored = model.get(names[n])!;
			if (item.json.error === undefined) {
				expect(stored.description).toBe(`Reviewed ${n}`);
			} else if (!isUncertain(item.json)) {
				expect(stored.description).not.toBe(`Reviewed ${n}`);
			}
			// Whatever happened, the replacement kept the fields it did not change.
			expect(stored.type).toBeTruthy();
			expect(stored.location).toBeTruthy();
		});
	});

	test('Data Source > Delete: each source deleted once or reported "may have happened"', async () => {
		const { box, model, names } = await useDataSources();
		const { result } = await runWriteScenario(
			box,
			credentials,
			{
				scenario: 'Data Source > Delete',
				route: 'DELETE /api/v1/ds_connections/:name',
				node: {
					parameters: {
						resource: 'dataSource',
						operation: 'delete',
						dataSource: byName('={{ $json.source }}'),
						confirmDeletion: true,
					},
				},
				input: (n) => ({ source: names[n] }),
				keyOf: (n) => names[n],
				storedCount: (name) => model.deletionsOf(name),
			},
			SOURCES,
		);
		result.items.forEach((item, n) => {
			const gone = model.get(names[n]) === undefined;
			if (item.json.error === undefined) expect(gone).toBe(true);
			else if (!isUncertain(item.json)) expect(gone).toBe(false);
		});
	});
});
