import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { addObjectTags } from '../../api/tags';
import { objectTagsOf, sameTag, splitByPresence, tagsAfterAdding, tagsText } from '../../model/tag';
import { showFor } from '../common.descriptions';
import { objectTaggingProperties } from './catalogObject.descriptions';
import {
	readTaggingRequest,
	requireApplied,
	requireCatalogObject,
	resolveTagPairs,
} from './catalogObject.parameters';

export const description: INodeProperties[] = showFor(
	'catalogObject',
	'addTags',
	objectTaggingProperties,
);

/**
 * Idempotent: the object's tags are read first, and one that has every tag already is a success
 * that says so, with nothing sent. An unknown tag or object fails the item before any write.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const request = readTaggingRequest.call(this, itemIndex);
	const { source, fullyQualifiedName, wanted } = request;
	const pairs = await resolveTagPairs.call(this, wanted, itemIndex);
	const tags = objectTagsOf(await requireCatalogObject.call(this, fullyQualifiedName, itemIndex));
	const { present, absent } = splitByPresence(wanted, tags);
	if (absent.length === 0) {
		return {
			source,
			fullyQualifiedName,
			tagsAdded: [],
			alreadyTagged: present,
			mutuallyExcluded: [],
			tags,
			message: `The object already has ${tagsText(present)}: nothing was sent to BigID`,
		};
	}
	const added = [...new Set(pairs)].filter((pair) => absent.some((tag) => sameTag(tag, pair)));
	const outcome = await addObjectTags.call(
		this,
		{ source, fullyQualifiedName, tags: added },
		itemIndex,
	);
	requireApplied.call(this, outcome, request, itemIndex);
	return {
		source,
		fullyQualifiedName,
		tagsAdded: absent,
		alreadyTagged: present,
		mutuallyExcluded: outcome.mutuallyExcluded,
		tags: tagsAfterAdding(tags, added),
		message: `Tagged with ${tagsText(absent)}`,
	};
}
