import type { IDataObject } from 'n8n-workflow';

import type { CatalogTag, SandboxCatalogObject } from '../../sandbox/entities/catalog/model';
import { catalogApi } from '../../sandbox/entities/catalog/routes';
import { tagsApi } from '../../sandbox/entities/tags/routes';
import { runNode } from '../harness/actionNode';
import { jsonOf } from '../harness/items';
import { requestsTo, useSandboxSession, type SandboxSession } from '../harness/sandbox';

const PAIRS_ROUTE = 'GET /api/v1/data-catalog/tags/all-pairs';
const DETAILS_ROUTE = 'GET /api/v1/data-catalog/object-details';
const TAG_ROUTE = 'POST /api/v1/data-catalog/manual-fields/tags';
const UNTAG_ROUTE = 'DELETE /api/v1/data-catalog/manual-fields/tags';
const SANDBOX = { dataSources: 4, parentScans: 3 };
const APPROVED: CatalogTag = { tagName: 'Exception', tagValue: 'Approved' };
const OPEN_ACCESS: CatalogTag = { tagName: 'Access Type', tagValue: 'Open Access' };

const tagsParameter = (...tags: CatalogTag[]) => ({
	tag: tags.map(({ tagName, tagValue }) => ({ name: tagName, value: tagValue })),
});

/** The node's parameters for one object, from the input item as Catalog Object > Search outputs it. */
const taggingOf = (operation: 'addTags' | 'removeTags', ...tags: CatalogTag[]) => ({
	operation,
	source: '={{ $json.source }}',
	fullyQualifiedName: '={{ $json.fullPath }}',
	tags: tagsParameter(...tags),
});

const inputOf = (object: SandboxCatalogObject) => ({
	source: object.source,
	fullPath: object.fullyQualifiedName,
});

function catalogOf(session: SandboxSession) {
	const objects = () => session.sandbox.store.model(catalogApi).objects;
	const tagsModel = () => session.sandbox.store.model(tagsApi);
	return {
		objects,
		tagsModel,
		/** The object's tags as the catalog stores them now. */
		tagsOf: (object: SandboxCatalogObject) =>
			session.sandbox.store
				.model(catalogApi)
				.tagsOf(object.source, object.fullyQualifiedName)!
				.map((tag) => ({ ...tag })),
		withTag: (tag: CatalogTag) =>
			objects().filter((object) =>
				object.tags.some(
					(known) => known.tagName === tag.tagName && known.tagValue === tag.tagValue,
				),
			),
		withoutTag: (tagName: string) =>
			objects().filter((object) => !object.tags.some((known) => known.tagName === tagName)),
	};
}

describe('Tag > Get Many', () => {
	const session = useSandboxSession(SANDBOX);
	const run = async (parameters: IDataObject) =>
		await runNode(session.credentials, 'tag', { operation: 'getMany', ...parameters });

	it('outputs one item per tag/value pair with its IDs, from one request', async () => {
		const { items, error } = await run({ returnAll: true });
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual(session.sandbox.store.model(tagsApi).pairs);
		expect(items.map((item) => `${item.json.tagName}/${item.json.tagValue}`)).toEqual([
			'Access Type/Open Access',
			'Exception/Approved',
			'Exception/Rejected',
			'Owner Review/Done',
			'Sensitivity/Restricted',
		]);
		expect(requestsTo(session.sandbox, PAIRS_ROUTE)).toBe(1);
	});

	it('passes Search to BigID and applies the limit to its answer', async () => {
		const searched = await run({ returnAll: true, search: 'exception' });
		expect(searched.items.map((item) => item.json.tagValue)).toEqual(['Approved', 'Rejected']);
		const limited = await run({ limit: 2 });
		expect(limited.items).toHaveLength(2);
		expect(requestsTo(session.sandbox, PAIRS_ROUTE)).toBe(2);
	});

	it('refuses a limit out of range before any request', async () => {
		const { error } = await run({ limit: 0 });
		expect(error?.message).toMatch(/^Limit must be a whole number/);
		expect(requestsTo(session.sandbox, PAIRS_ROUTE)).toBe(0);
	});
});

describe('Catalog Object > Add Tags', () => {
	const session = useSandboxSession(SANDBOX);
	const catalog = catalogOf(session);
	const add = async (input: IDataObject[], tags: CatalogTag[], continueOnFail = false) =>
		await runNode(
			session.credentials,
			'catalogObject',
			taggingOf('addTags', ...tags),
			input,
			continueOnFail,
		);

	it('tags each object, looking each tag name up once for all items, and outputs its tags after', async () => {
		const objects = catalog.withoutTag('Exception').slice(0, 4);
		expect(objects).toHaveLength(4);
		const before = objects.map(catalog.tagsOf);
		const { items, error } = await add(objects.map(inputOf), [APPROVED]);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual(
			objects.map((object, index) => ({
				source: object.source,
				fullyQualifiedName: object.fullyQualifiedName,
				tagsAdded: [APPROVED],
				alreadyTagged: [],
				mutuallyExcluded: [],
				tags: [...before[index], APPROVED],
				message: 'Tagged with Exception = Approved',
			})),
		);
		for (const object of objects) expect(catalog.tagsOf(object)).toContainEqual(APPROVED);
		expect(requestsTo(session.sandbox, PAIRS_ROUTE)).toBe(1);
		expect(requestsTo(session.sandbox, DETAILS_ROUTE)).toBe(4);
		expect(session.sandbox.stats.writes[TAG_ROUTE]).toBe(4);
	});

	it('looks up each distinct tag name once, and adds only the tags an object lacks', async () => {
		const [open, other] = [catalog.withTag(OPEN_ACCESS)[0], catalog.withoutTag('Access Type')[0]];
		const done = { tagName: 'Owner Review', tagValue: 'Done' };
		const { items, error } = await add([inputOf(open), inputOf(other)], [OPEN_ACCESS, done]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ tagsAdded: [done], alreadyTagged: [OPEN_ACCESS] });
		expect(items[1].json).toMatchObject({ tagsAdded: [OPEN_ACCESS, done], alreadyTagged: [] });
		expect(catalog.tagsOf(other)).toEqual(expect.arrayContaining([OPEN_ACCESS, done]));
		expect(requestsTo(session.sandbox, PAIRS_ROUTE)).toBe(2);
		expect(session.sandbox.stats.writes[TAG_ROUTE]).toBe(2);
	});

	it('is idempotent: a second run finds the tags there and writes nothing', async () => {
		const objects = catalog.withoutTag('Exception').slice(0, 3);
		await add(objects.map(inputOf), [APPROVED]);
		expect(session.sandbox.stats.writes[TAG_ROUTE]).toBe(3);

		const again = await add(objects.map(inputOf), [APPROVED, APPROVED]);
		expect(again.error).toBeUndefined();
		for (const item of again.items) {
			expect(item.json).toMatchObject({
				tagsAdded: [],
				alreadyTagged: [APPROVED],
				message: 'The object already has Exception = Approved: nothing was sent to BigID',
			});
		}
		expect(session.sandbox.stats.writes[TAG_ROUTE]).toBe(3);
		for (const object of objects) {
			expect(catalog.tagsOf(object).filter((tag) => tag.tagName === 'Exception')).toEqual([
				APPROVED,
			]);
		}
	});

	it('replaces the other value of a mutually exclusive tag, as BigID says it did', async () => {
		const object = catalog.withoutTag('Exception')[0];
		await add([inputOf(object)], [{ tagName: 'Exception', tagValue: 'Rejected' }]);
		const { items } = await add([inputOf(object)], [APPROVED]);
		expect(items[0].json.mutuallyExcluded).toEqual(['Exception']);
		const exceptions = (tags: unknown) =>
			(tags as CatalogTag[]).filter((tag) => tag.tagName === 'Exception');
		expect(exceptions(items[0].json.tags)).toEqual([APPROVED]);
		expect(exceptions(catalog.tagsOf(object))).toEqual([APPROVED]);
	});

	it('fails an unknown tag name before any write, listing the tags that exist', async () => {
		const object = catalog.objects()[0];
		const { error } = await add([inputOf(object)], [{ tagName: 'Exeption', tagValue: 'Approved' }]);
		expect(error?.message).toBe("Tag 'Exeption' does not exist in BigID");
		expect(error?.description).toBe(
			'Tag names are matched exactly; create the tag in BigID (Catalog > Tags) or pick one of: Access Type, Exception, Owner Review, Sensitivity',
		);
		expect(requestsTo(session.sandbox, DETAILS_ROUTE)).toBe(0);
		expect(session.sandbox.stats.writes[TAG_ROUTE]).toBeUndefined();
	});

	it('fails an unknown value before any write, listing the values of the tag', async () => {
		const object = catalog.objects()[0];
		const { error } = await add([inputOf(object)], [{ tagName: 'Exception', tagValue: 'Aproved' }]);
		expect(error?.message).toBe("Tag 'Exception' has no value 'Aproved' in BigID");
		expect(error?.description).toContain('pick one of: Approved, Rejected');
		expect(session.sandbox.stats.writes[TAG_ROUTE]).toBeUndefined();
	});

	it('fails an object the catalog does not have before any write, the other items still tagged', async () => {
		const object = catalog.withoutTag('Exception')[0];
		const unknown = { source: object.source, fullPath: `${object.source}.public.no_such_table` };
		const { items, error } = await add([unknown, inputOf(object)], [APPROVED], true);
		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe(`Catalog object ${unknown.fullPath} was not found in BigID`);
		expect(items[0].json.description).toMatch(/fullPath/);
		expect(items[1].json.tagsAdded).toEqual([APPROVED]);
		expect(session.sandbox.stats.writes[TAG_ROUTE]).toBe(1);
	});

	it('fails the item with the errors BigID lists in its 201 answer', async () => {
		const object = catalog.withoutTag('Exception')[0];
		const before = catalog.tagsOf(object);
		const { error } = await add([{ ...inputOf(object), source: 'no-such-source' }], [APPROVED]);
		expect(error?.message).toBe(
			`BigID did not change the tags of ${object.fullyQualifiedName}: Object ${object.fullyQualifiedName} of data source no-such-source was not found`,
		);
		expect(error?.description).toMatch(/Data Source Name/);
		expect(requestsTo(session.sandbox, TAG_ROUTE)).toBe(1);
		expect(catalog.tagsOf(object)).toEqual(before);
	});

	it('says which permission a 403 needs', async () => {
		catalog.tagsModel().canEdit = false;
		const object = catalog.withoutTag('Exception')[0];
		const { error } = await add([inputOf(object)], [APPROVED]);
		expect(error?.message).toMatch(/^BigID answered 403/);
		expect(error?.description).toContain('catalog.manual_fields.edit');
		expect(session.sandbox.stats.writes[TAG_ROUTE]).toBeUndefined();
	});

	it.each([
		[{ tags: {} }, 'No tags given'],
		[{ tags: { tag: [{ name: 'Exception', value: ' ' }] } }, "Tag 'Exception' has no value"],
		[{ tags: { tag: [{ name: '', value: 'Approved' }] } }, 'A tag has no name'],
		[{ source: '={{ $json.nothing }}' }, 'Data Source Name is empty'],
		[{ fullyQualifiedName: '={{ $json.nothing }}' }, 'Fully Qualified Name is empty'],
	])('refuses bad input %j before any request', async (change, message) => {
		const object = catalog.objects()[0];
		const { error } = await runNode(
			session.credentials,
			'catalogObject',
			{ ...taggingOf('addTags', APPROVED), ...change },
			[inputOf(object)],
		);
		expect(error?.message).toBe(message);
		expect(session.sandbox.stats.requests).toBe(0);
	});
});

describe('Catalog Object > Remove Tags', () => {
	const session = useSandboxSession(SANDBOX);
	const catalog = catalogOf(session);
	const remove = async (input: IDataObject[], tags: CatalogTag[]) =>
		await runNode(session.credentials, 'catalogObject', taggingOf('removeTags', ...tags), input);

	it('removes the tags an object has and outputs its tags after', async () => {
		const objects = catalog.withTag(OPEN_ACCESS).slice(0, 2);
		expect(objects).toHaveLength(2);
		const expected = objects.map((object) =>
			catalog.tagsOf(object).filter((tag) => tag.tagName !== 'Access Type'),
		);
		const { items, error } = await remove(objects.map(inputOf), [OPEN_ACCESS]);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual(
			objects.map((object, index) => ({
				source: object.source,
				fullyQualifiedName: object.fullyQualifiedName,
				tagsRemoved: [OPEN_ACCESS],
				notTagged: [],
				tags: expected[index],
				message: 'Removed Access Type = Open Access',
			})),
		);
		objects.forEach((object, index) => expect(catalog.tagsOf(object)).toEqual(expected[index]));
		expect(session.sandbox.stats.writes[UNTAG_ROUTE]).toBe(2);
		expect(requestsTo(session.sandbox, PAIRS_ROUTE)).toBe(1);
	});

	it('reports a tag the object does not have and sends nothing', async () => {
		const object = catalog.withoutTag('Exception')[0];
		const { items, error } = await remove([inputOf(object)], [APPROVED]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			tagsRemoved: [],
			notTagged: [APPROVED],
			message: 'The object has none of Exception = Approved: nothing was sent to BigID',
		});
		expect(requestsTo(session.sandbox, UNTAG_ROUTE)).toBe(0);
	});

	it('fails an unknown tag before any write', async () => {
		const object = catalog.withTag(OPEN_ACCESS)[0];
		const { error } = await remove([inputOf(object)], [{ tagName: 'Access', tagValue: 'Open' }]);
		expect(error?.message).toBe("Tag 'Access' does not exist in BigID");
		expect(requestsTo(session.sandbox, UNTAG_ROUTE)).toBe(0);
	});
});

describe('Catalog Object > Remove Tags on a BigID without it', () => {
	const session = useSandboxSession({ ...SANDBOX, catalogTagRemoval: false });
	const catalog = catalogOf(session);

	it('says this BigID version does not offer removing tags, and the object keeps them', async () => {
		const object = catalog.withTag(OPEN_ACCESS)[0];
		const { error } = await runNode(
			session.credentials,
			'catalogObject',
			taggingOf('removeTags', OPEN_ACCESS),
			[inputOf(object)],
		);
		expect(error?.message).toMatch(
			/^This BigID version does not offer removing tags from catalog objects \(DELETE .* answered 404\)/,
		);
		expect(catalog.tagsOf(object)).toContainEqual(OPEN_ACCESS);
	});
});

describe('Catalog Object > Get Details', () => {
	const session = useSandboxSession(SANDBOX);
	const catalog = catalogOf(session);
	const details = async (fullyQualifiedName: string) =>
		await runNode(session.credentials, 'catalogObject', {
			operation: 'getDetails',
			fullyQualifiedName,
		});

	it('outputs one object with its columns and the attributes found in each', async () => {
		const table = catalog
			.objects()
			.find((object) => object.objectType === 'rdb' && object.attribute_details.length > 0)!;
		const { items, error } = await details(table.fullyQualifiedName);
		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				id: table.id,
				source: table.source,
				name: table.objectName,
				fullPath: table.fullyQualifiedName,
				type: 'rdb',
				attributes: table.attribute_details,
				sensitiveFindings: table.total_pii_count,
				policies: table.policy,
				tags: table.tags,
				owner: table.owner,
				lastScanned: table.last_scanned,
				columns: [
					{ name: 'id', type: 'integer', attributes: [] },
					...table.attribute_details.map((detail) => ({
						name: detail.name,
						type: 'string',
						attributes: [detail],
					})),
				],
			},
		]);
		expect(requestsTo(session.sandbox, DETAILS_ROUTE)).toBe(1);
	});

	it('says an unknown object was not found', async () => {
		const { error } = await details('nowhere.public.nothing');
		expect(error?.message).toBe('Catalog object nowhere.public.nothing was not found in BigID');
		expect(error?.description).toMatch(/Catalog Object > Search/);
	});

	it('refuses an empty name before any request', async () => {
		const { error } = await details(' ');
		expect(error?.message).toBe('Fully Qualified Name is empty');
		expect(session.sandbox.stats.requests).toBe(0);
	});
});

describe('Catalog Object > Search: Open Access Only', () => {
	const session = useSandboxSession(SANDBOX);
	const catalog = catalogOf(session);

	it('finds only the open-access objects, ANDed to the other filters', async () => {
		const open = catalog.withTag(OPEN_ACCESS);
		expect(open.length).toBeGreaterThan(0);
		expect(open.length).toBeLessThan(catalog.objects().length);
		const { items } = await runNode(session.credentials, 'catalogObject', {
			operation: 'search',
			returnAll: true,
			filters: { openAccessOnly: true },
		});
		expect(items.map((item) => item.json.id)).toEqual(open.map((object) => object.id));

		const rawQuery = 'NOT attribute EXISTS OR attribute EXISTS';
		const counted = await runNode(session.credentials, 'catalogObject', {
			operation: 'count',
			filters: { openAccessOnly: true, rawQuery },
		});
		expect(jsonOf(counted.items)).toEqual([
			{ count: open.length, query: `(${rawQuery}) AND tags."Access Type" = "Open Access"` },
		]);
	});
});
