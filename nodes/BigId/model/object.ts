import type { IDataObject } from 'n8n-workflow';

/** BigID objects carry `_id` (a MongoDB ObjectId) and sometimes `id`; `_id` wins where both exist. */
export function idOf(object: IDataObject): string | undefined {
	const id = object._id ?? object.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** `_id` and `id`, `createdAt` and `created_at`: every object leaves the node with both spellings filled. */
export function normalizeObject(object: IDataObject): IDataObject {
	return fillAliases({ ...object });
}

/** `normalizeObject` for an object the caller has just built and may change in place. */
export function fillAliases(object: IDataObject): IDataObject {
	if (object.id === undefined && object._id !== undefined) object.id = object._id;
	if (object._id === undefined && object.id !== undefined) object._id = object.id;
	if (object.createdAt === undefined && object.created_at !== undefined) {
		object.createdAt = object.created_at;
	}
	if (object.updatedAt === undefined && object.updated_at !== undefined) {
		object.updatedAt = object.updated_at;
	}
	return object;
}

/** Names, emails and origins as BigID compares them for people: jdoe@Example.com is jdoe@example.com. */
export function sameText(value: unknown, wanted: string): boolean {
	return typeof value === 'string' && value.trim().toLowerCase() === wanted.trim().toLowerCase();
}

/** Case-insensitive "contains", as every searchable dropdown filters. */
export function containsText(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}
