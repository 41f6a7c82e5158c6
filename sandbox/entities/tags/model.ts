import type { ModelServices } from '../../entity';
import type { CatalogModel } from '../catalog/model';

/** One tag/value pair as BigID's `/data-catalog/tags/all-pairs` answers it. */
export interface SandboxTagPair {
	tagId: string;
	valueId: string;
	tagName: string;
	tagValue: string;
	isMutuallyExclusive: boolean;
	properties: { applicationType: 'userDefined'; hidden: false };
}

export interface TagReference {
	tagId: string;
	valueId: string;
}

/** What tagging one catalog object did. */
export type TaggingOutcome =
	| { error: string; modified?: undefined; mutuallyExcluded?: undefined }
	| { error?: undefined; modified: boolean; mutuallyExcluded: string[] };

/**
 * Each tag gets one id and each of its values another. "Access Type" and "Sensitivity" are what
 * the seeded catalog objects already carry, so every tag an object shows is a known pair.
 */
export const TAG_SEEDS: ReadonlyArray<{
	tagName: string;
	values: string[];
	isMutuallyExclusive: boolean;
}> = [
	{ tagName: 'Access Type', values: ['Open Access'], isMutuallyExclusive: false },
	{ tagName: 'Exception', values: ['Approved', 'Rejected'], isMutuallyExclusive: true },
	{ tagName: 'Owner Review', values: ['Done'], isMutuallyExclusive: false },
	{ tagName: 'Sensitivity', values: ['Restricted'], isMutuallyExclusive: false },
];

/**
 * BigID's catalog tags: the seeded tag/value pairs, and tagging writes into the catalog model's
 * own objects, so Catalog search answers the new tags.
 */
export class TagsModel {
	readonly pairs: SandboxTagPair[] = [];

	constructor(
		{ ids }: ModelServices,
		private readonly catalog: CatalogModel,
	) {
		for (const seed of TAG_SEEDS) {
			const tagId = ids.next();
			for (const tagValue of seed.values) {
				this.pairs.push({
					tagId,
					valueId: ids.next(),
					tagName: seed.tagName,
					tagValue,
					isMutuallyExclusive: seed.isMutuallyExclusive,
					properties: { applicationType: 'userDefined', hidden: false },
				});
			}
		}
	}

	/** Pairs whose tag name or value contains the text, ignoring case; all of them without one. */
	search(text = ''): SandboxTagPair[] {
		const wanted = text.toLowerCase();
		return this.pairs.filter(
			(pair) =>
				pair.tagName.toLowerCase().includes(wanted) || pair.tagValue.toLowerCase().includes(wanted),
		);
	}

	findPair({ tagId, valueId }: TagReference): SandboxTagPair | undefined {
		return this.pairs.find((pair) => pair.tagId === tagId && pair.valueId === valueId);
	}

	/**
	 * Adds the pairs to one catalog object, all or none: an unknown object or pair changes
	 * nothing. A value of a mutually exclusive tag replaces the object's other values of it.
	 */
	tagObject(source: string, fullyQualifiedName: string, tags: TagReference[]): TaggingOutcome {
		const objectTags = this.catalog.tagsOf(source, fullyQualifiedName);
		if (!objectTags) {
			return { error: `Object ${fullyQualifiedName} of data source ${source} was not found` };
		}
		const pairs: SandboxTagPair[] = [];
		for (const reference of tags) {
			const pair = this.findPair(reference);
			if (!pair) {
				return { error: `Tag ${reference.tagId} has no value ${reference.valueId}` };
			}
			pairs.push(pair);
		}
		let modified = false;
		const mutuallyExcluded: string[] = [];
		for (const { tagName, tagValue, isMutuallyExclusive } of pairs) {
			if (objectTags.some((tag) => tag.tagName === tagName && tag.tagValue === tagValue)) continue;
			if (isMutuallyExclusive) {
				const kept = objectTags.filter((tag) => tag.tagName !== tagName);
				if (kept.length < objectTags.length && !mutuallyExcluded.includes(tagName)) {
					mutuallyExcluded.push(tagName);
				}
				objectTags.splice(0, objectTags.length, ...kept);
			}
			objectTags.push({ tagName, tagValue });
			modified = true;
		}
		return { modified, mutuallyExcluded };
	}
}
