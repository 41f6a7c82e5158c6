import type { IDataObject } from 'n8n-workflow';

/** BigID objects carry `_id` (a MongoDB ObjectId) and sometimes `id`; `_id` wins where both exist. */
export function idOf(object: IDataObject): string | undefined {
	const id = object._id ?? object.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** `_id` and `id`, `createdAt` and `created_at`: every object leaves the node with both spellings filled. */
export function normalizeObject(object: IDataObject): IDataObject {
	return fillAliases(copyOf(object));
}

/**
 * A shallow copy, without the keys in `leaveOut`, that takes more keys cheaply. V8 gives a spread
 * copy no room to grow: adding the aliases to 10,000 spread copies cost ten times the copying.
 * A `__proto__` key (JSON.parse makes it an own key) is not copied, as assigning it would set the
 * copy's prototype.
 */
export function copyOf(object: IDataObject, leaveOut: readonly string[] = []): IDataObject {
	const copy: IDataObject = {};
	for (const key in object) {
		if (key !== '__proto__' && !leaveOut.includes(key)) copy[key] = object[key];
	}
	return copy;
}

/** Fields the server owns: never sent back in an update. */
const SERVER_FIELDS = ['_id', 'id', 'createdAt', 'updatedAt', 'created_at', 'updated_at'];

/** The object as a PUT sends it back: BigID may replace the whole object with the body. */
export function writableFields(object: IDataObject): IDataObject {
	return copyOf(object, SERVER_FIELDS);
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

/** A JSON object, not null and not a list: what an entry of a BigID list must be to be read. */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text that says something, trimmed; undefined for blank text and for anything not a string. */
export function filledText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** How many names an error lists before it says how many more there are. */
const LISTED_NAMES = 20;

/** The names an error offers instead of one that does not exist: each once, sorted, at most 20. */
export function namesText(names: readonly string[]): string {
	const unique = [...new Set(names)].sort((left, right) => left.localeCompare(right));
	if (unique.length === 0) return '(none)';
	const listed = unique.slice(0, LISTED_NAMES).join(', ');
	const more = unique.length - LISTED_NAMES;
	return more > 0 ? `${listed} and ${more} more` : listed;
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

/**
 * The one comparison key of a BigID state, status or severity: versions spell the same one
 * 'Completed With Errors', 'completed_with_errors' or 'CompletedWithErrors', so only letters and
 * digits count, without case.
 */
export function comparisonKey(value: unknown): string {
	return String(value ?? '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** A BigID date as epoch milliseconds, or `fallback` when it is absent or unreadable. */
export function timeOf(value: unknown, fallback: number): number {
	const parsed =
		typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : NaN;
	return Number.isFinite(parsed) ? parsed : fallback;
}

/**
 * BigID dates its objects `created_at`/`updated_at`; some objects and versions answer camelCase
 * instead. The snake_case spelling wins where both exist, everywhere.
 */
export function createdAtValueOf(object: IDataObject): unknown {
	return object.created_at ?? object.createdAt;
}

export function updatedAtValueOf(object: IDataObject): unknown {
	return object.updated_at ?? object.updatedAt;
}

/** When the object last changed; one without a date sorts as the oldest. */
export function updatedAtOf(object: IDataObject): number {
	return timeOf(updatedAtValueOf(object), -Infinity);
}

/** A MongoDB ObjectId, as BigID's IDs are: 24 hexadecimal characters, in either case. */
export const OBJECT_ID_PATTERN = '[0-9a-fA-F]{24}';
const OBJECT_ID = new RegExp(`^${OBJECT_ID_PATTERN}$`);

export function isObjectId(value: string): boolean {
	return OBJECT_ID.test(value);
}

/** Text a user may give as one comma-separated string or as an array: its entries trimmed, empty ones dropped. */
export function listedValues(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : String(value ?? '').split(',');
	return entries.map((entry) => String(entry ?? '').trim()).filter((entry) => entry !== '');
}

/**
 * A BigID yes/no field, which versions send as a boolean or as text ("yes", "no", "false", in
 * any case); undefined when it is neither.
 */
export function flagOf(value: unknown): boolean | undefined {
	const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
	if (text === true || text === 'true' || text === 'yes') return true;
	if (text === false || text === 'false' || text === 'no') return false;
	return undefined;
}
