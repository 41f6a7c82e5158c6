import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getObjectDetails } from '../../api/catalog';
import { listTagPairsOnce } from '../../api/tags';
import type { CatalogFilters, CatalogTagFilter } from '../../model/catalogObject';
import { catalogQueryOf, OPEN_ACCESS_QUERY } from '../../model/catalogObject';
import { flagOf } from '../../model/object';
import type { ObjectTag, TagPair, TagWriteOutcome } from '../../model/tag';
import { findTagPair, isTagProblem, objectTagsOf, sameTag, splitByPresence } from '../../model/tag';
import { requireText } from '../parameters';

const manyValues = (
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	typeOptions: { multipleValues: true, multipleValueButtonText: `Add ${displayName}` },
	default: [],
	placeholder,
	description,
});

/** The filters Search and Count share; values are quoted for BigID's query language when sent. */
export const catalogFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		manyValues(
			'Attribute',
			'attributes',
			'e.g. email',
			'Only objects where any of these attributes (classifications) was found',
		),
		manyValues(
			'Data Source Name',
			'dataSourceNames',
			'e.g. marketing-db-1',
			'Only objects of any of these data sources',
		),
		{
			displayName: 'Object Name Starts With',
			name: 'objectNameStartsWith',
			type: 'string',
			default: '',
			placeholder: 'e.g. customer',
		},
		{
			displayName: 'Open Access Only',
			name: 'openAccessOnly',
			type: 'boolean',
			default: false,
			description: `Whether to find only the objects anyone may open (${OPEN_ACCESS_QUERY}), as access intelligence does`,
		},
		manyValues('Policy', 'policies', 'e.g. PCI', 'Only objects any of these policies flags'),
		{
			displayName: 'Query',
			name: 'rawQuery',
			type: 'string',
			default: '',
			placeholder: 'e.g. tags."Access Type" = "Open Access" OR NOT attribute EXISTS',
			description:
				"A query in BigID's catalog query language, combined with the other filters by AND. Unlike the other filters, it is sent as written.",
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Tag',
			description: 'Only objects carrying every one of these tags',
			options: [
				{
					displayName: 'Tag',
					name: 'tag',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. Access Type',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. Open Access',
						},
					],
				},
			],
		},
	],
};

/** Values as the editor gives them (an array), or as an expression may (one string). */
function textsOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((entry) => String(entry ?? ''));
	return typeof value === 'string' && value !== '' ? [value] : [];
}

export function readCatalogQuery(this: IExecuteFunctions, itemIndex: number): string {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const tags = ((filters.tags as IDataObject | undefined)?.tag ?? []) as CatalogTagFilter[];
	const wanted: CatalogFilters = {
		dataSourceNames: textsOf(filters.dataSourceNames),
		attributes: textsOf(filters.attributes),
		policies: textsOf(filters.policies),
		tags: tags.map((tag) => ({ name: String(tag.name ?? ''), value: String(tag.value ?? '') })),
		objectNameStartsWith: String(filters.objectNameStartsWith ?? ''),
		rawQuery: String(filters.rawQuery ?? ''),
		openAccessOnly: flagOf(filters.openAccessOnly) === true,
	};
	return catalogQueryOf(wanted);
}

/** The object a tag operation changes and the tags it names, as the item gives them. */
interface TaggingRequest {
	source: string;
	fullyQualifiedName: string;
	wanted: ObjectTag[];
}

export function readFullyQualifiedName(this: IExecuteFunctions, itemIndex: number): string {
	return requireText.call(this, this.getNodeParameter('fullyQualifiedName', itemIndex), itemIndex, {
		message: 'Fully Qualified Name is empty',
		description:
			'Give the full path of the object as Catalog Object > Search outputs it in fullPath, for example {{ $json.fullPath }}.',
	});
}

/** Checked before any request: an object, and at least one tag, each with a name and a value. */
function readTaggingRequest(this: IExecuteFunctions, itemIndex: number): TaggingRequest {
	const source = requireText.call(this, this.getNodeParameter('source', itemIndex), itemIndex, {
		message: 'Data Source Name is empty',
		description:
			'Give the data source of the object as Catalog Object > Search outputs it in source, for example {{ $json.source }}.',
	});
	const fullyQualifiedName = readFullyQualifiedName.call(this, itemIndex);
	const entries = ((this.getNodeParameter('tags', itemIndex, {}) as IDataObject).tag ??
		[]) as IDataObject[];
	const wanted = entries.map((entry) => ({
		tagName: String(entry.name ?? '').trim(),
		tagValue: String(entry.value ?? '').trim(),
	}));
	const problem =
		wanted.length === 0
			? 'No tags given'
			: wanted
					.map((tag) =>
						tag.tagName === ''
							? 'A tag has no name'
							: tag.tagValue === ''
								? `Tag '${tag.tagName}' has no value`
								: undefined,
					)
					.find((found) => found !== undefined);
	if (problem !== undefined) {
		throw new NodeOperationError(this.getNode(), problem, {
			itemIndex,
			description:
				'Add each tag under Tags with its Tag Name and Tag Value as BigID shows them (Catalog > Tags), for example Exception and Approved.',
		});
	}
	return { source, fullyQualifiedName, wanted };
}

/**
 * The pair of each wanted tag, or the item fails naming the tag or value BigID does not have:
 * the node never creates a tag. Each name is looked up once per node run; the whole list is read
 * only when BigID's search for a name does not answer it, to find it there or list the names.
 */
async function resolveTagPairs(
	this: IExecuteFunctions,
	wanted: readonly ObjectTag[],
	itemIndex: number,
): Promise<TagPair[]> {
	const pairs: TagPair[] = [];
	for (const tag of wanted) {
		const searched = await listTagPairsOnce.call(this, tag.tagName, itemIndex);
		const candidates = searched.some((pair) => pair.tagName === tag.tagName)
			? searched
			: await listTagPairsOnce.call(this, '', itemIndex);
		const found = findTagPair(tag, candidates);
		if (isTagProblem(found)) {
			throw new NodeOperationError(this.getNode(), found.message, {
				itemIndex,
				description: found.description,
			});
		}
		pairs.push(found);
	}
	return pairs;
}

/** The object as object-details answers it, or the item fails saying BigID has no such object. */
export async function requireCatalogObject(
	this: IExecuteFunctions,
	fullyQualifiedName: string,
	itemIndex: number,
): Promise<IDataObject> {
	const object = await getObjectDetails.call(this, fullyQualifiedName, itemIndex);
	if (!object) {
		throw new NodeOperationError(
			this.getNode(),
			`Catalog object ${fullyQualifiedName} was not found in BigID`,
			{
				itemIndex,
				description:
					'Check the Fully Qualified Name: give it as Catalog Object > Search outputs it in fullPath, matched exactly (case included). An object appears in the catalog once a scan of its data source has completed.',
			},
		);
	}
	return object;
}

/**
 * BigID answers a tag write 201 even where it did not apply it, saying why in `errors`: the item
 * fails with BigID's words, and the object was not changed.
 */
export function requireApplied(
	this: IExecuteFunctions,
	outcome: TagWriteOutcome,
	fullyQualifiedName: string,
	itemIndex: number,
): void {
	if (outcome.errors.length === 0) return;
	throw new NodeOperationError(
		this.getNode(),
		`BigID did not change the tags of ${fullyQualifiedName}: ${outcome.errors.join('; ')}`,
		{
			itemIndex,
			description:
				'BigID answered the write but reported this error for the object, so its tags are as they were. Check the Data Source Name and Fully Qualified Name: give them as Catalog Object > Search outputs them (source and fullPath).',
		},
	);
}

/** What Add Tags and Remove Tags know before their write, every check passed. */
export interface PreparedTagging {
	source: string;
	fullyQualifiedName: string;
	/** The object's tags now. */
	tags: ObjectTag[];
	/** The tags asked for (each once) that the object has, and those it lacks. */
	present: ObjectTag[];
	absent: ObjectTag[];
	/** The pairs (with their IDs) of some of the tags asked for. */
	pairsOf(wanted: readonly ObjectTag[]): TagPair[];
}

/**
 * The item's object and tags, the tags' IDs and the object's tags now: a bad parameter, an
 * unknown tag or value and an unknown object each fail the item here, before any write.
 */
export async function prepareTagging(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<PreparedTagging> {
	const { source, fullyQualifiedName, wanted } = readTaggingRequest.call(this, itemIndex);
	const pairs = await resolveTagPairs.call(this, wanted, itemIndex);
	const tags = objectTagsOf(await requireCatalogObject.call(this, fullyQualifiedName, itemIndex));
	return {
		source,
		fullyQualifiedName,
		tags,
		...splitByPresence(wanted, tags),
		pairsOf: (some) => [...new Set(pairs)].filter((pair) => some.some((tag) => sameTag(tag, pair))),
	};
}
