import type { IDataObject } from 'n8n-workflow';

import { namesText } from './object';

/**
 * BigID's catalog tags: a tag (`tagName`, `tagId`) has values (`tagValue`, `valueId`), and a
 * catalog object carries tag/value pairs. Writes name a pair by its two IDs, objects show it by
 * its two names: this model turns one into the other and back.
 */

/** One tag/value pair as `GET /data-catalog/tags/all-pairs` answers it. */
export interface TagPair extends IDataObject {
	tagId: string;
	valueId: string;
	tagName: string;
	tagValue: string;
	isMutuallyExclusive: boolean;
}

/** A tag as a catalog object shows it, and as the node's Tags parameter names it. */
export interface ObjectTag extends IDataObject {
	tagName: string;
	tagValue: string;
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** A pair of the all-pairs answer, or undefined for an entry without both IDs and both names. */
export function tagPairOf(entry: IDataObject): TagPair | undefined {
	const pair = {
		...entry,
		tagId: textOf(entry.tagId),
		valueId: textOf(entry.valueId),
		tagName: textOf(entry.tagName),
		tagValue: textOf(entry.tagValue),
		isMutuallyExclusive: entry.isMutuallyExclusive === true,
	};
	return [pair.tagId, pair.valueId, pair.tagName, pair.tagValue].includes('') ? undefined : pair;
}

/** The tags of a catalog object, in the spellings BigID's answers use (`tagName`, `tag_name`, `name`). */
export function objectTagsOf(object: IDataObject): ObjectTag[] {
	const tags = Array.isArray(object.tags) ? (object.tags as unknown[]) : [];
	return tags.flatMap((entry) => {
		if (!entry || typeof entry !== 'object') return [];
		const tag = entry as IDataObject;
		const tagName = textOf(tag.tagName ?? tag.tag_name ?? tag.name);
		const tagValue = textOf(tag.tagValue ?? tag.tag_value ?? tag.value);
		return tagName === '' ? [] : [{ tagName, tagValue }];
	});
}

export const sameTag = (left: ObjectTag, right: ObjectTag) =>
	left.tagName === right.tagName && left.tagValue === right.tagValue;

/** `wanted` without repeats, split by whether `tags` has each one. */
export function splitByPresence(
	wanted: readonly ObjectTag[],
	tags: readonly ObjectTag[],
): { present: ObjectTag[]; absent: ObjectTag[] } {
	const unique = wanted.filter(
		(tag, index) => wanted.findIndex((other) => sameTag(other, tag)) === index,
	);
	return {
		present: unique.filter((tag) => tags.some((known) => sameTag(known, tag))),
		absent: unique.filter((tag) => !tags.some((known) => sameTag(known, tag))),
	};
}

export interface TagProblem {
	message: string;
	description: string;
}

/**
 * The pair BigID has for a tag name and value, matched exactly (BigID's tag names are what its
 * users chose, so a near miss is a different tag), or the problem to report: which name or
 * value does not exist, and which do among `pairs` (those BigID answered for the name, or all).
 */
export function findTagPair(wanted: ObjectTag, pairs: readonly TagPair[]): TagPair | TagProblem {
	const ofName = pairs.filter((pair) => pair.tagName === wanted.tagName);
	if (ofName.length === 0) {
		return {
			message: `Tag '${wanted.tagName}' does not exist in BigID`,
			description: `Tag names are matched exactly; create the tag in BigID (Catalog > Tags) or pick one of: ${namesText(pairs.map((pair) => pair.tagName))}`,
		};
	}
	const pair = ofName.find((candidate) => candidate.tagValue === wanted.tagValue);
	if (pair) return pair;
	return {
		message: `Tag '${wanted.tagName}' has no value '${wanted.tagValue}' in BigID`,
		description: `Tag values are matched exactly; add the value to the tag in BigID (Catalog > Tags) or pick one of: ${namesText(ofName.map((candidate) => candidate.tagValue))}`,
	};
}

export const isTagProblem = (found: TagPair | TagProblem): found is TagProblem =>
	'message' in found;

/** What BigID answered a tag write: `{data: {modified_count, errors, mutuallyExcluded}}`. */
export interface TagWriteOutcome {
	modifiedCount: number | null;
	/** BigID's message for each entry it did not apply; it answers 201 all the same. */
	errors: string[];
	/** Names of mutually exclusive tags whose other value the write replaced. */
	mutuallyExcluded: string[];
}

function messageOf(entry: unknown): string {
	if (typeof entry === 'string') return entry;
	if (!entry || typeof entry !== 'object') return JSON.stringify(entry);
	const record = entry as IDataObject;
	const message = record.message ?? record.error ?? record.reason;
	return typeof message === 'string' && message !== '' ? message : JSON.stringify(entry);
}

export function tagWriteOutcomeOf(content: IDataObject): TagWriteOutcome {
	const count = Number(content.modified_count ?? content.modifiedCount);
	const errors = Array.isArray(content.errors) ? (content.errors as unknown[]) : [];
	const excluded = Array.isArray(content.mutuallyExcluded)
		? (content.mutuallyExcluded as unknown[])
		: [];
	return {
		modifiedCount: Number.isFinite(count) ? count : null,
		errors: errors.map(messageOf),
		mutuallyExcluded: [
			...new Set(
				excluded.map((entry) =>
					entry && typeof entry === 'object'
						? textOf((entry as IDataObject).tagName)
						: textOf(entry),
				),
			),
		].filter((name) => name !== ''),
	};
}

/**
 * The object's tags after adding `added`: a value of a mutually exclusive tag replaces the
 * object's other values of that tag, as BigID does.
 */
export function tagsAfterAdding(
	tags: readonly ObjectTag[],
	added: readonly TagPair[],
): ObjectTag[] {
	const exclusive = new Set(
		added.filter((pair) => pair.isMutuallyExclusive).map((pair) => pair.tagName),
	);
	const kept = tags.filter((tag) => !exclusive.has(tag.tagName));
	const addedTags = added.map(({ tagName, tagValue }) => ({ tagName, tagValue }));
	return [...kept, ...addedTags.filter((tag) => !kept.some((known) => sameTag(known, tag)))];
}

export function tagsAfterRemoving(
	tags: readonly ObjectTag[],
	removed: readonly ObjectTag[],
): ObjectTag[] {
	return tags.filter((tag) => !removed.some((gone) => sameTag(gone, tag)));
}

/** Tags as messages name them: `Exception = Approved, Owner Review = Done`. */
export const tagsText = (tags: readonly ObjectTag[]) =>
	tags.map((tag) => `${tag.tagName} = ${tag.tagValue}`).join(', ');
