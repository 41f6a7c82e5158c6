import type { ModelServices } from '../../entity';
import type { CatalogModel, CatalogTag } from '../catalog/model';

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

/** The permission BigID checks before a tag write, as its 403 names it. */
export const TAG_EDIT_PERMISSION = 'catalog.manual_fields.edit';

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
	/** Whether the logged-in user may write tags (`catalog.manual_fields.edit`); off answers 403. */
	canEdit = true;
	/** Tag writes BigID applied to each object (`source/fullyQualifiedName`), adding and removing. */
	private readonly writesByObject = new Map<string, number>();

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

	/** How many tag writes (adding or removing, changing anything or not) reached the object. */
	writesTo(source: string, fullyQualifiedName: string): number {
		return this.writesByObject.get(`${source}/${fullyQualifiedName}`) ?? 0;
	}

	/**
	 * Adds the pairs to one catalog object, all or none: an unknown object or pair changes
	 * nothing. A value of a mutually exclusive tag replaces the object's other values of it.
	 */
	tagObject(source: string, fullyQualifiedName: string, tags: TagReference[]): TaggingOutcome {
		const found = this.startWrite(source, fullyQualifiedName, tags);
		if ('error' in found) return found;
		const { objectTags, pairs } = found;
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

	/** Removes the pairs from one catalog object, all or none, as `tagObject` adds them. */
	untagObject(source: string, fullyQualifiedName: string, tags: TagReference[]): TaggingOutcome {
		const found = this.startWrite(source, fullyQualifiedName, tags);
		if ('error' in found) return found;
		const { objectTags, pairs } = found;
		const kept = objectTags.filter(
			(tag) =>
				!pairs.some((pair) => pair.tagName === tag.tagName && pair.tagValue === tag.tagValue),
		);
		const modified = kept.length < objectTags.length;
		objectTags.splice(0, objectTags.length, ...kept);
		return { modified, mutuallyExcluded: [] };
	}

	/** The object's stored tags and the pairs named, counting the write; or why it cannot apply. */
	private startWrite(
		source: string,
		fullyQualifiedName: string,
		tags: TagReference[],
	): { objectTags: CatalogTag[]; pairs: SandboxTagPair[] } | { error: string } {
		const objectTags = this.catalog.tagsOf(source, fullyQualifiedName);
		if (!objectTags) {
			return { error: `Object ${fullyQualifiedName} of data source ${source} was not found` };
		}
		const pairs: SandboxTagPair[] = [];
		for (const reference of tags) {
			const pair = this.findPair(reference);
			if (!pair) return { error: `Tag ${reference.tagId} has no value ${reference.valueId}` };
			pairs.push(pair);
		}
		const key = `${source}/${fullyQualifiedName}`;
		this.writesByObject.set(key, (this.writesByObject.get(key) ?? 0) + 1);
		return { objectTags, pairs };
	}
}
