import type { Sandbox } from '../../sandbox';
import type { SandboxCatalogObject } from '../../sandbox/entities/catalog/model';
import { catalogApi } from '../../sandbox/entities/catalog/routes';
import { tagsApi } from '../../sandbox/entities/tags/routes';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { MAY_HAVE_HAPPENED, runWriteScenario, scanForLeaks, startWatchedSession } from './support';

const OBJECTS = 20;
const EXCEPTION = 'Exception';
const APPROVED = 'Approved';

let sandbox: Sandbox | undefined;
let credentials: TestCredentialsHelper;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

/** A sandbox whose catalog holds OBJECTS objects, and the key each one is counted under. */
async function useCatalog() {
	({ sandbox, credentials } = await startWatchedSession({ dataSources: 5, parentScans: 3 }));
	const box = sandbox;
	const objects = box.store.model(catalogApi).objects.slice(0, OBJECTS);
	expect(objects).toHaveLength(OBJECTS);
	const tags = box.store.model(tagsApi);
	const keyOf = (object: SandboxCatalogObject) => `${object.source}\n${object.fullyQualifiedName}`;
	const byKey = new Map(objects.map((object) => [keyOf(object), object]));
	const writesTo = (key: string) => {
		const { source, fullyQualifiedName } = byKey.get(key)!;
		return tags.writesTo(source, fullyQualifiedName);
	};
	const hasApproved = (object: SandboxCatalogObject) =>
		box.store
			.model(catalogApi)
			.tagsOf(object.source, object.fullyQualifiedName)!
			.some((tag) => tag.tagName === EXCEPTION && tag.tagValue === APPROVED);
	return { box, objects, tags, keyOf, writesTo, hasApproved };
}

/** The node's parameters: the object from the input item, the tag Exception = Approved. */
const taggingNode = (operation: 'addTags' | 'removeTags') => ({
	parameters: {
		resource: 'catalogObject',
		operation,
		source: '={{ $json.source }}',
		fullyQualifiedName: '={{ $json.fullPath }}',
		tags: { tag: [{ name: EXCEPTION, value: APPROVED }] },
	},
});

const inputOf = (objects: SandboxCatalogObject[]) => (n: number) => ({
	source: objects[n].source,
	fullPath: objects[n].fullyQualifiedName,
});

describe('fault matrix: every tag write happens at most once', () => {
	test('Catalog Object > Add Tags: each object tagged once or reported "may have happened"', async () => {
		const { box, objects, keyOf, writesTo, hasApproved } = await useCatalog();
		const { result, outcome } = await runWriteScenario(
			box,
			credentials,
			{
				scenario: 'Add Tags',
				route: 'POST /api/v1/data-catalog/manual-fields/tags',
				node: taggingNode('addTags'),
				input: inputOf(objects),
				keyOf: (n) => keyOf(objects[n]),
				storedCount: writesTo,
			},
			OBJECTS,
		);
		// Reported tagged means tagged; a lost answer promises nothing but "at most once".
		result.items.forEach((item, n) => {
			if (item.json.error === undefined) {
				expect(item.json.tagsAdded).toEqual([{ tagName: EXCEPTION, tagValue: APPROVED }]);
				expect(hasApproved(objects[n])).toBe(true);
			}
		});
		expect(outcome.created + outcome.uncertain + outcome.refused).toBe(OBJECTS);
	});

	test('Catalog Object > Remove Tags: each object untagged once or reported "may have happened"', async () => {
		const { box, objects, tags, keyOf, writesTo, hasApproved } = await useCatalog();
		const approved = tags.pairs.find(
			(pair) => pair.tagName === EXCEPTION && pair.tagValue === APPROVED,
		)!;
		for (const object of objects) {
			tags.tagObject(object.source, object.fullyQualifiedName, [approved]);
		}
		// Only the removals count: each object took one tag write above.
		const { result } = await runWriteScenario(
			box,
			credentials,
			{
				scenario: 'Remove Tags',
				route: 'DELETE /api/v1/data-catalog/manual-fields/tags',
				node: taggingNode('removeTags'),
				input: inputOf(objects),
				keyOf: (n) => keyOf(objects[n]),
				storedCount: (key) => writesTo(key) - 1,
			},
			OBJECTS,
		);
		result.items.forEach((item, n) => {
			if (item.json.error === undefined) {
				expect(item.json.tagsRemoved).toEqual([{ tagName: EXCEPTION, tagValue: APPROVED }]);
				expect(hasApproved(objects[n])).toBe(false);
			} else if (!MAY_HAVE_HAPPENED.test(`${item.json.error} ${item.json.description}`)) {
				expect(hasApproved(objects[n])).toBe(true);
			}
		});
	});
});

describe('secrets', () => {
	test('no password, API token or session token in any output, error or log line of the tag writes', () => {
		const scan = scanForLeaks();
		expect(scan.leaks).toEqual([]);
		expect(scan.texts).toBeGreaterThanOrEqual(2);
	});
});
