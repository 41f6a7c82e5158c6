import type { IHttpRequestMethods } from 'n8n-workflow';

import type { TagPair, TagWriteOutcome } from '../model/tag';
import { tagPairOf, tagWriteOutcomeOf } from '../model/tag';
import type { BigIdContext } from '../transport';
import { bigIdApiRequest, listPageOf, unwrapEnvelope } from '../transport';
import { oncePerRun } from './runCache';
import { DATA_CATALOG } from './catalog';

const MANUAL_FIELDS_TAGS = [DATA_CATALOG, 'manual-fields', 'tags'];

const EDIT_PERMISSION_FIX =
	'Give the BigID user of the credential a role with the permission catalog.manual_fields.edit (Administration > Access Management > Roles).';

/**
 * `GET /data-catalog/tags/all-pairs?search=`: every tag/value pair whose tag name or value holds
 * the text (all of them without one), at once: `{data: [{tagId, valueId, tagName, tagValue,
 * isMutuallyExclusive, properties}]}`.
 */
export async function listTagPairs(
	this: BigIdContext,
	search: string,
	itemIndex = 0,
): Promise<TagPair[]> {
	const answer = await bigIdApiRequest.call(
		this,
		{ path: [DATA_CATALOG, 'tags', 'all-pairs'], qs: search === '' ? {} : { search } },
		itemIndex,
	);
	// `items`: a bare list, as the transport hands it.
	const page = listPageOf(answer, ['data', 'items']);
	return (page?.items ?? []).map(tagPairOf).filter((pair): pair is TagPair => pair !== undefined);
}

/** The pairs a search answers, read once per node run however many items name that tag. */
export async function listTagPairsOnce(
	this: BigIdContext,
	search: string,
	itemIndex = 0,
): Promise<TagPair[]> {
	return await oncePerRun(
		this,
		`tagPairs:${search}`,
		async () => await listTagPairs.call(this, search, itemIndex),
	);
}

/** One catalog object and the pairs a tag write adds to or removes from it. */
export interface ObjectTagging {
	source: string;
	fullyQualifiedName: string;
	tags: Array<Pick<TagPair, 'tagId' | 'valueId'>>;
}

async function writeObjectTags(
	context: BigIdContext,
	method: IHttpRequestMethods,
	{ source, fullyQualifiedName, tags }: ObjectTagging,
	itemIndex: number,
	notOffered?: { what: string },
): Promise<TagWriteOutcome> {
	const answer = await bigIdApiRequest.call(
		context,
		{
			method,
			path: MANUAL_FIELDS_TAGS,
			body: {
				data: [
					{
						type: 'OBJECT',
						source,
						fullyQualifiedName,
						tags: tags.map(({ tagId, valueId }) => ({ tagId, valueId })),
					},
				],
			},
			hints: {
				400: 'Check the data source name and fully qualified name: give them as Catalog Object > Search outputs them (source and fullPath).',
				403: EDIT_PERMISSION_FIX,
			},
			notOffered,
		},
		itemIndex,
	);
	return tagWriteOutcomeOf(unwrapEnvelope(answer));
}

/**
 * `POST /data-catalog/manual-fields/tags` with `{data: [{type: 'OBJECT', source,
 * fullyQualifiedName, tags: [{tagId, valueId}]}]}` answers **201** `{data: {modified_count,
 * errors, mutuallyExcluded}}`, also when `errors` says an entry was not applied.
 */
export async function addObjectTags(
	this: BigIdContext,
	tagging: ObjectTagging,
	itemIndex = 0,
): Promise<TagWriteOutcome> {
	return await writeObjectTags(this, 'POST', tagging, itemIndex);
}

/**
 * `DELETE /data-catalog/manual-fields/tags` with the body of `addObjectTags`: no public client
 * shows how BigID removes a tag, so the path and body are inferred from the write that adds
 * one, and a 404/405 says this BigID version does not offer it. The answer is read as the add's.
 */
export async function removeObjectTags(
	this: BigIdContext,
	tagging: ObjectTagging,
	itemIndex = 0,
): Promise<TagWriteOutcome> {
	return await writeObjectTags(this, 'DELETE', tagging, itemIndex, {
		what: 'removing tags from catalog objects',
	});
}
