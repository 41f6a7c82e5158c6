import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { addObjectTags } from '../../api/tags';
import { tagsAfterAdding, tagsText } from '../../model/tag';
import { showFor } from '../common.descriptions';
import { objectTaggingProperties } from './catalogObject.descriptions';
import { prepareTagging, requireApplied } from './catalogObject.parameters';

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
	const { source, fullyQualifiedName, tags, present, absent, pairsOf } = await prepareTagging.call(
		this,
		itemIndex,
	);
	const unchanged = { source, fullyQualifiedName, tagsAdded: [], alreadyTagged: present };
	if (absent.length === 0) {
		return {
			...unchanged,
			mutuallyExcluded: [],
			tags,
			message: `The object already has ${tagsText(present)}: nothing was sent to BigID`,
		};
	}
	const added = pairsOf(absent);
	const outcome = await addObjectTags.call(
		this,
		{ source, fullyQualifiedName, tags: added },
		itemIndex,
	);
	requireApplied.call(this, outcome, fullyQualifiedName, itemIndex);
	return {
		...unchanged,
		tagsAdded: absent,
		mutuallyExcluded: outcome.mutuallyExcluded,
		tags: tagsAfterAdding(tags, added),
		message: `Tagged with ${tagsText(absent)}`,
	};
}
