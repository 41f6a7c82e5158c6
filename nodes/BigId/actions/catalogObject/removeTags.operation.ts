import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { removeObjectTags } from '../../api/tags';
import { tagsAfterRemoving, tagsText } from '../../model/tag';
import { showFor } from '../common.descriptions';
import { objectTaggingProperties } from './catalogObject.descriptions';
import { prepareTagging, requireApplied } from './catalogObject.parameters';

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
	const { source, fullyQualifiedName, tags, present, absent, pairsOf } = await prepareTagging.call(
		this,
		itemIndex,
	);
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
	const outcome = await removeObjectTags.call(
		this,
		{ source, fullyQualifiedName, tags: pairsOf(present) },
		itemIndex,
	);
	requireApplied.call(this, outcome, fullyQualifiedName, itemIndex);
	return {
		source,
		fullyQualifiedName,
		tagsRemoved: present,
		notTagged: absent,
		tags: tagsAfterRemoving(tags, present),
		message: `Removed ${tagsText(present)}`,
	};
}
