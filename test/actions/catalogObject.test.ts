import { catalogApi } from '../../sandbox/entities/catalog/routes';
import type { SandboxCatalogObject } from '../../sandbox/entities/catalog/model';
import { runNode } from '../harness/actionNode';
import { byName, jsonOf } from '../harness/items';
import { useSandboxSession } from '../harness/sandbox';

const SEARCH_ROUTE = 'GET /api/v1/data-catalog';
const COUNT_ROUTE = 'GET /api/v1/data-catalog/count';
const HOUR_MS = 3600 * 1000;

describe('Catalog Object > Search and Count', () => {
	const session = useSandboxSession({ dataSources: 8, parentScans: 6 });
	const catalog = () => session.sandbox.store.model(catalogApi).objects;
	const search = async (parameters: Record<string, unknown>) =>
		await runNode(session.credentials, 'catalogObject', { operation: 'search', ...parameters });
	const namesOf = (objects: SandboxCatalogObject[]) => objects.map((object) => object.id);

	it('reads the whole catalog page by page with offset, each object in one normalised shape', async () => {
		const objects = catalog();
		expect(objects.length).toBeGreaterThan(12);
		const { items, error } = await search({ returnAll: true, options: { pageSize: 5 } });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(namesOf(objects));
		expect(session.sandbox.stats.byRoute[SEARCH_ROUTE]).toBe(Math.ceil(objects.length / 5));
		const sensitive = objects.find((object) => object.attribute_details.length > 1)!;
		expect(items.find((item) => item.json.id === sensitive.id)!.json).toEqual({
			id: sensitive.id,
			source: sensitive.source,
			name: sensitive.objectName,
			fullPath: sensitive.fullyQualifiedName,
			type: sensitive.objectType,
			attributes: sensitive.attribute_details,
			sensitiveFindings: sensitive.total_pii_count,
			policies: sensitive.policy,
			tags: sensitive.tags,
			owner: sensitive.owner,
			lastScanned: sensitive.last_scanned,
		});
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('stops at the limit', async () => {
		const { items } = await search({ limit: 3 });
		expect(items).toHaveLength(3);
		expect(session.sandbox.stats.byRoute[SEARCH_ROUTE]).toBe(1);
	});

	it('combines the filters by AND, and counts what they match', async () => {
		const objects = catalog();
		const source = objects[0].source;
		const wanted = objects.filter(
			(object) =>
				object.source === source &&
				object.attribute.some((name) => ['email', 'ssn'].includes(name)) &&
				object.policy.length > 0,
		);
		const filters = {
			dataSourceNames: [source],
			attributes: ['email', 'ssn'],
			policies: ['GDPR', 'PII Exposure', 'PCI'],
		};
		const { items } = await search({ returnAll: true, filters });
		expect(items.map((item) => item.json.id)).toEqual(namesOf(wanted));
		const counted = await runNode(session.credentials, 'catalogObject', {
			operation: 'count',
			filters,
		});
		expect(jsonOf(counted.items)).toEqual([
			{
				count: wanted.length,
				query: `system = "${source}" AND attribute IN ("email", "ssn") AND policy IN ("GDPR", "PII Exposure", "PCI")`,
			},
		]);
		expect(session.sandbox.stats.byRoute[COUNT_ROUTE]).toBe(1);
	});

	it('finds by tag, by name prefix and by a raw query', async () => {
		const objects = catalog();
		const open = objects.filter((object) =>
			object.tags.some((tag) => tag.tagName === 'Access Type' && tag.tagValue === 'Open Access'),
		);
		expect(open.length).toBeGreaterThan(0);
		const tagged = await search({
			returnAll: true,
			filters: { tags: { tag: [{ name: 'Access Type', value: 'Open Access' }] } },
		});
		expect(tagged.items.map((item) => item.json.id)).toEqual(namesOf(open));

		const prefixed = await search({ returnAll: true, filters: { objectNameStartsWith: 'cust' } });
		expect(prefixed.items.map((item) => item.json.id)).toEqual(
			namesOf(objects.filter((object) => object.objectName.startsWith('cust'))),
		);

		const raw = await search({
			returnAll: true,
			filters: { rawQuery: 'NOT attribute EXISTS OR policy IN ("PCI")' },
		});
		expect(raw.items.map((item) => item.json.id)).toEqual(
			namesOf(
				objects.filter((object) => object.attribute.length === 0 || object.policy.includes('PCI')),
			),
		);
	});

	it('matches a value with quotes, keywords and parentheses literally: it cannot widen the search', async () => {
		const source = catalog()[0].source;
		for (const hostile of [
			`${source}" OR system != "x`,
			`x") OR (system = "${source}`,
			`${source}\\`,
			'AND OR NOT (',
		]) {
			const { items, error } = await search({
				returnAll: true,
				filters: { dataSourceNames: [hostile] },
			});
			expect(error).toBeUndefined();
			expect(items).toEqual([]);
		}
	});

	it('names the fix when BigID refuses a raw query', async () => {
		const { error } = await search({ returnAll: true, filters: { rawQuery: 'system = ' } });
		expect(error?.description).toMatch(/catalog query language/);
	});
});

describe('Catalog Object > Search after a scan of a data source', () => {
	const session = useSandboxSession({ dataSources: 4, parentScans: 0, scanDurationMs: HOUR_MS });

	it('finds the objects of a source once its scan has completed, not before', async () => {
		const { sandbox, credentials } = session;
		const source = sandbox.store.dataSources[0].name;
		const searchSource = async () =>
			await runNode(credentials, 'catalogObject', {
				operation: 'search',
				returnAll: true,
				filters: { dataSourceNames: [source] },
			});
		await runNode(credentials, 'dataSource', { operation: 'scan', dataSourceName: byName(source) });
		expect((await searchSource()).items).toEqual([]);
		sandbox.store.advanceClock(HOUR_MS);
		const { items } = await searchSource();
		expect(items.length).toBeGreaterThanOrEqual(3);
		const completedAt = sandbox.store.parentScans.at(-1)!.completed_at;
		expect(items.every((item) => item.json.source === source)).toBe(true);
		expect(items.every((item) => item.json.lastScanned === completedAt)).toBe(true);
	});
});
