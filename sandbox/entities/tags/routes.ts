import { bodyObject } from '../../context';
import { defineEntity, WRITE, type EntityHandler } from '../../entity';
import { errorResponse, json } from '../../envelopes';
import { catalogApi } from '../catalog/routes';
import { TAG_EDIT_PERMISSION, TagsModel, type TagReference } from './model';

type Handler = EntityHandler<TagsModel>;

const listPairs: Handler = (request, tags) =>
	json(200, { data: tags.search(request.query.get('search') ?? '') });

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

function tagReferences(value: unknown): TagReference[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const references: TagReference[] = [];
	for (const entry of value) {
		const { tagId, valueId } = (entry ?? {}) as Record<string, unknown>;
		if (!isText(tagId) || !isText(valueId)) return undefined;
		references.push({ tagId, valueId });
	}
	return references;
}

type Entry =
	| { source: string; fullyQualifiedName: string; references: TagReference[]; error?: undefined }
	| { fullyQualifiedName: unknown; error: string };

function parseEntry(item: unknown): Entry {
	const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
	const { type, source, fullyQualifiedName } = entry;
	const references = tagReferences(entry.tags);
	const named = fullyQualifiedName ?? null;
	if (type !== 'OBJECT') {
		return { fullyQualifiedName: named, error: `Unsupported type ${JSON.stringify(type ?? null)}` };
	}
	if (!isText(source) || !isText(fullyQualifiedName)) {
		return { fullyQualifiedName: named, error: 'source and fullyQualifiedName are required' };
	}
	if (!references) {
		return { fullyQualifiedName, error: 'tags must be a list of {tagId, valueId}' };
	}
	return { source, fullyQualifiedName, references };
}

/**
 * A bad entry lands in `errors` and the others still apply: BigID answers 201 whatever became
 * of each entry, so a client has to read `errors` to know whether anything was tagged.
 */
const writeTags =
	(apply: 'tagObject' | 'untagObject', status: number): Handler =>
	(request, tags) => {
		if (!tags.canEdit) {
			return errorResponse(403, `Forbidden: the user lacks the permission ${TAG_EDIT_PERMISSION}`);
		}
		const data = bodyObject(request)?.data;
		if (!Array.isArray(data)) return errorResponse(400, 'Request body must have a data array');
		let modifiedCount = 0;
		const errors: Array<{ fullyQualifiedName: unknown; message: string }> = [];
		const mutuallyExcluded: Array<{ fullyQualifiedName: string; tagName: string }> = [];
		for (const item of data) {
			const entry = parseEntry(item);
			if (entry.error !== undefined) {
				errors.push({ fullyQualifiedName: entry.fullyQualifiedName, message: entry.error });
				continue;
			}
			const { source, fullyQualifiedName, references } = entry;
			const outcome = tags[apply](source, fullyQualifiedName, references);
			if (outcome.error !== undefined) {
				errors.push({ fullyQualifiedName, message: outcome.error });
				continue;
			}
			if (outcome.modified) modifiedCount += 1;
			for (const tagName of outcome.mutuallyExcluded) {
				mutuallyExcluded.push({ fullyQualifiedName, tagName });
			}
		}
		return json(status, { data: { modified_count: modifiedCount, errors, mutuallyExcluded } });
	};

export const tagsApi = defineEntity({
	createModel: (services) => new TagsModel(services, services.model(catalogApi)),
	routes: (route, { catalogTagRemoval }) => [
		route('GET', '/data-catalog/tags/all-pairs', listPairs),
		route('POST', '/data-catalog/manual-fields/tags', writeTags('tagObject', 201), WRITE),
		// Inferred from the write that adds tags (docs/bigid-api.md): answered as that one, but 200.
		...(catalogTagRemoval
			? [route('DELETE', '/data-catalog/manual-fields/tags', writeTags('untagObject', 200), WRITE)]
			: []),
	],
});
