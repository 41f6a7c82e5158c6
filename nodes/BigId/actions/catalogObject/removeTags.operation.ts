import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { removeObjectTags } from '../../api/tags';
import {
	objectTagsOf,
	sameTag,
	splitByPresence,
	tagsAfterRemoving,
	tagsText,
} from '../../model/tag';
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
	'removeTags',
	objectTaggingProperties,
);

/**
 * Removing a tag the object does not have is a success that says so, with nothing sent; an
 * unknown tag or object fails the item before any write.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const request = readTaggingRequest.call(this, itemIndex);
	const { source, fullyQualifiedName, wanted } = request;
	const pairs = await resolveTagPairs.call(this, wanted, itemIndex);
	const tags = objectTagsOf(await requireCatalogObject.call(this, fullyQualifiedName, itemIndex));
	const { present, absent } = splitByPresence(wanted, tags);
	if (present.length === 0) {
		return {
			source,
			fullyQualifiedName,
			tagsRemoved: [],
			notTagged: absent,
			tags,
			message: `The object has none of ${tagsText(absent)}: nothing was sent to BigID`,
		};
	}
	const removed = [...new Set(pairs)].filter((pair) => present.some((tag) => sameTag(tag, pair)));
	const outcome = await removeObjectTags.call(
		this,
		{ source, fullyQualifiedName, tags: removed },
		itemIndex,
	);
	requireApplied.call(this, outcome, request, itemIndex);
	return {
		source,
		fullyQualifiedName,
		tagsRemoved: present,
		notTagged: absent,
		tags: tagsAfterRemoving(tags, present),
		message: `Removed ${tagsText(present)}`,
	};
}
