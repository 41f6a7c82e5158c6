import { startSandbox, type Sandbox } from '../../sandbox';
import type { CatalogTag, SandboxCatalogObject } from '../../sandbox/entities/catalog/model';
import { catalogApi } from '../../sandbox/entities/catalog/routes';
import type { SandboxTagPair } from '../../sandbox/entities/tags/model';
import { tagsApi } from '../../sandbox/entities/tags/routes';

const TAG_ROUTE = 'POST /api/v1/data-catalog/manual-fields/tags';
const UNTAG_ROUTE = 'DELETE /api/v1/data-catalog/manual-fields/tags';

interface Answer {
	status: number;
	// The assertions read the sandbox's JSON answers by path; their shapes are what is under test.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

/** A session token of the sandbox's demo login. */
async function loginTo(sandbox: Sandbox): Promise<string> {
	const login = await fetch(sandbox.url + '/api/v1/sessions', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			username: sandbox.options.username,
			password: sandbox.options.password,
		}),
	});
	return ((await login.json()) as { auth_token: string }).auth_token;
}

describe('catalog tags', () => {
	let sandbox: Sandbox;
	let token: string;

	const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
		const response = await fetch(sandbox.url + path, {
			method,
			headers: {
				authorization: token,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, json: await response.json() };
	};

	beforeAll(async () => {
		sandbox = await startSandbox({ dataSources: 4, parentScans: 3 });
		token = await loginTo(sandbox);
	});
	afterAll(async () => sandbox.close());

	const pairs = () => sandbox.store.model(tagsApi).pairs;
	const pair = (tagName: string, tagValue: string): SandboxTagPair =>
		pairs().find((known) => known.tagName === tagName && known.tagValue === tagValue)!;
	const reference = ({ tagId, valueId }: SandboxTagPair) => ({ tagId, valueId });
	const objects = () => sandbox.store.model(catalogApi).objects;
	const entry = (object: SandboxCatalogObject, ...tags: SandboxTagPair[]) => ({
		type: 'OBJECT',
		source: object.source,
		fullyQualifiedName: object.fullyQualifiedName,
		tags: tags.map(reference),
	});
	const tag = async (...data: unknown[]) =>
		await call('POST', '/api/v1/data-catalog/manual-fields/tags', { data });
	const untag = async (...data: unknown[]) =>
		await call('DELETE', '/api/v1/data-catalog/manual-fields/tags', { data });
	/** The object's tags as Catalog search answers them, not as the model holds them. */
	const listedTags = async (object: SandboxCatalogObject): Promise<CatalogTag[]> => {
		const listing = await call('GET', '/api/v1/data-catalog/?limit=1000');
		expect(listing.status).toBe(200);
		return (listing.json.results as SandboxCatalogObject[]).find(
			(listed) =>
				listed.source === object.source && listed.fullyQualifiedName === object.fullyQualifiedName,
		)!.tags;
	};
	const untagged = (tagName: string, skip = 0) =>
		objects().filter((object) => !object.tags.some((known) => known.tagName === tagName))[skip];

	it('lists every pair, or those whose name or value contains the search text', async () => {
		const all = await call('GET', '/api/v1/data-catalog/tags/all-pairs');
		expect(all.status).toBe(200);
		expect(all.json.data).toEqual(pairs());
		expect(
			all.json.data.map((known: SandboxTagPair) => `${known.tagName}/${known.tagValue}`),
		).toEqual([
			'Access Type/Open Access',
			'Exception/Approved',
			'Exception/Rejected',
			'Owner Review/Done',
			'Sensitivity/Restricted',
		]);
		expect(all.json.data[1]).toEqual({
			tagId: expect.stringMatching(/^[0-9a-f]{24}$/),
			valueId: expect.stringMatching(/^[0-9a-f]{24}$/),
			tagName: 'Exception',
			tagValue: 'Approved',
			isMutuallyExclusive: true,
			properties: { applicationType: 'userDefined', hidden: false },
		});
		expect(all.json.data[1].tagId).toBe(all.json.data[2].tagId);
		expect(all.json.data[1].valueId).not.toBe(all.json.data[2].valueId);

		const byName = await call('GET', '/api/v1/data-catalog/tags/all-pairs?search=eXcEp');
		expect(byName.json.data).toEqual([
			pair('Exception', 'Approved'),
			pair('Exception', 'Rejected'),
		]);
		const byValue = await call('GET', '/api/v1/data-catalog/tags/all-pairs?search=open');
		expect(byValue.json.data).toEqual([pair('Access Type', 'Open Access')]);
		const none = await call('GET', '/api/v1/data-catalog/tags/all-pairs?search=nothing-like-it');
		expect(none.json.data).toEqual([]);
	});

	it('adds a pair that Catalog search then shows, once: the same call again modifies nothing', async () => {
		const object = untagged('Owner Review');
		const done = pair('Owner Review', 'Done');
		const before = sandbox.stats.writes[TAG_ROUTE] ?? 0;

		const first = await tag(entry(object, done));
		expect(first).toEqual({
			status: 201,
			json: { data: { modified_count: 1, errors: [], mutuallyExcluded: [] } },
		});
		expect(await listedTags(object)).toContainEqual({ tagName: 'Owner Review', tagValue: 'Done' });
		expect(sandbox.stats.writes[TAG_ROUTE]).toBe(before + 1);

		const again = await tag(entry(object, done));
		expect(again.status).toBe(201);
		expect(again.json.data).toEqual({ modified_count: 0, errors: [], mutuallyExcluded: [] });
		const listed = await listedTags(object);
		expect(listed.filter((known) => known.tagName === 'Owner Review')).toHaveLength(1);
	});

	it('reports an unknown object or pair in errors, tags nothing for it, and applies the rest', async () => {
		const object = untagged('Exception');
		const approved = pair('Exception', 'Approved');
		const before = await listedTags(object);

		const answer = await tag(
			{ ...entry(object, approved), fullyQualifiedName: 'no.such.object' },
			{
				...entry(object),
				tags: [reference(approved), { tagId: approved.tagId, valueId: 'f'.repeat(24) }],
			},
			entry(untagged('Owner Review'), pair('Owner Review', 'Done')),
		);
		expect(answer.status).toBe(201);
		expect(answer.json.data).toEqual({
			modified_count: 1,
			errors: [
				{ fullyQualifiedName: 'no.such.object', message: expect.stringContaining('not found') },
				{ fullyQualifiedName: object.fullyQualifiedName, message: expect.any(String) },
			],
			mutuallyExcluded: [],
		});
		expect(await listedTags(object)).toEqual(before);
	});

	it('replaces the other value of a mutually exclusive tag and says so', async () => {
		const object = untagged('Exception', 1);
		const approved = await tag(entry(object, pair('Exception', 'Approved')));
		expect(approved.json.data).toEqual({ modified_count: 1, errors: [], mutuallyExcluded: [] });

		const rejected = await tag(entry(object, pair('Exception', 'Rejected')));
		expect(rejected.status).toBe(201);
		expect(rejected.json.data).toEqual({
			modified_count: 1,
			errors: [],
			mutuallyExcluded: [{ fullyQualifiedName: object.fullyQualifiedName, tagName: 'Exception' }],
		});
		const exceptions = (await listedTags(object)).filter((known) => known.tagName === 'Exception');
		expect(exceptions).toEqual([{ tagName: 'Exception', tagValue: 'Rejected' }]);
	});

	it('answers 400 for a body without a data array, and counts no write', async () => {
		const before = sandbox.stats.writes[TAG_ROUTE] ?? 0;
		for (const body of [{}, { data: 'OBJECT' }, [entry(objects()[0])]]) {
			const answer = await call('POST', '/api/v1/data-catalog/manual-fields/tags', body);
			expect(answer).toEqual({ status: 400, json: { error: expect.any(String) } });
		}
		expect(sandbox.stats.writes[TAG_ROUTE] ?? 0).toBe(before);
	});

	it('removes a pair with the inferred DELETE, once: the same call again modifies nothing', async () => {
		const object = untagged('Owner Review', 2);
		const done = pair('Owner Review', 'Done');
		await tag(entry(object, done));
		const writes = sandbox.store.model(tagsApi).writesTo(object.source, object.fullyQualifiedName);
		const before = sandbox.stats.writes[UNTAG_ROUTE] ?? 0;

		const removed = await untag(entry(object, done));
		expect(removed).toEqual({
			status: 200,
			json: { data: { modified_count: 1, errors: [], mutuallyExcluded: [] } },
		});
		expect(await listedTags(object)).not.toContainEqual({
			tagName: 'Owner Review',
			tagValue: 'Done',
		});
		const again = await untag(entry(object, done));
		expect(again.json.data.modified_count).toBe(0);
		expect(sandbox.stats.writes[UNTAG_ROUTE]).toBe(before + 2);
		// Every write that reached the object counts, whether it changed anything or not.
		expect(sandbox.store.model(tagsApi).writesTo(object.source, object.fullyQualifiedName)).toBe(
			writes + 2,
		);
		const unknown = await untag({ ...entry(object, done), source: 'no-such-source' });
		expect(unknown.json.data.errors).toEqual([
			{
				fullyQualifiedName: object.fullyQualifiedName,
				message: expect.stringContaining('not found'),
			},
		]);
		expect(sandbox.store.model(tagsApi).writesTo('no-such-source', object.fullyQualifiedName)).toBe(
			0,
		);
	});

	it('answers 403 to a user without catalog.manual_fields.edit, and changes nothing', async () => {
		const object = untagged('Owner Review', 3);
		const before = await listedTags(object);
		const writes = { ...sandbox.stats.writes };
		sandbox.store.model(tagsApi).canEdit = false;
		try {
			for (const write of [tag, untag]) {
				const answer = await write(entry(object, pair('Owner Review', 'Done')));
				expect(answer).toEqual({
					status: 403,
					json: { error: expect.stringContaining('catalog.manual_fields.edit') },
				});
			}
		} finally {
			sandbox.store.model(tagsApi).canEdit = true;
		}
		expect(await listedTags(object)).toEqual(before);
		expect(sandbox.stats.writes).toEqual(writes);
	});

	it('answers object-details by fully qualified name: the object, its tags and its columns', async () => {
		const table = objects().find(
			(object) => object.objectType === 'rdb' && object.attribute_details.length > 0,
		)!;
		const details = await call(
			'GET',
			`/api/v1/data-catalog/object-details?object_name=${encodeURIComponent(table.fullyQualifiedName)}`,
		);
		expect(details.status).toBe(200);
		expect(details.json.data).toEqual({
			...table,
			tags: await listedTags(table),
			columns: [
				{ columnName: 'id', fieldType: 'integer', attribute_details: [] },
				...table.attribute_details.map((detail) => ({
					columnName: detail.name,
					fieldType: 'string',
					attribute_details: [detail],
				})),
			],
		});
		const file = objects().find((object) => object.objectType === 'file');
		if (file) {
			const fileDetails = await call(
				'GET',
				`/api/v1/data-catalog/object-details?object_name=${encodeURIComponent(file.fullyQualifiedName)}`,
			);
			expect(fileDetails.json.data.columns).toEqual([]);
		}
		const unknown = await call('GET', '/api/v1/data-catalog/object-details?object_name=no.such');
		expect(unknown).toEqual({ status: 404, json: { error: expect.stringContaining('no.such') } });
		const missing = await call('GET', '/api/v1/data-catalog/object-details');
		expect(missing.status).toBe(400);
	});
});

describe('catalog tags on a BigID without tag removal', () => {
	it('answers the inferred DELETE 404 and still tags', async () => {
		const sandbox = await startSandbox({
			dataSources: 2,
			parentScans: 2,
			catalogTagRemoval: false,
		});
		try {
			const token = await loginTo(sandbox);
			const object = sandbox.store.model(catalogApi).objects[0];
			const { tagId, valueId } = sandbox.store.model(tagsApi).pairs[0];
			const body = JSON.stringify({
				data: [
					{
						type: 'OBJECT',
						source: object.source,
						fullyQualifiedName: object.fullyQualifiedName,
						tags: [{ tagId, valueId }],
					},
				],
			});
			const write = async (method: string) =>
				await fetch(sandbox.url + '/api/v1/data-catalog/manual-fields/tags', {
					method,
					headers: { authorization: token, 'content-type': 'application/json' },
					body,
				});
			expect((await write('DELETE')).status).toBe(404);
			expect((await write('POST')).status).toBe(201);
			expect(sandbox.stats.writes[UNTAG_ROUTE]).toBeUndefined();
		} finally {
			await sandbox.close();
		}
	});
});
