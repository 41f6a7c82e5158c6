import type { IDataObject } from 'n8n-workflow';

import type { ObjectFields } from './fields';

/**
 * The data catalog: which objects (tables, files...) hold which sensitive data. Its search takes
 * BigID's query language (`system = "crm-db" AND policy IN ("PCI")`); the filters a user fills
 * in are composed into it here, every value quoted so that no value can change the query.
 */

export interface CatalogTagFilter {
	name: string;
	value: string;
}

export interface CatalogFilters {
	/** Objects of any of these data sources (`system`). */
	dataSourceNames?: string[];
	/** Objects where any of these attributes (classifications) was found. */
	attributes?: string[];
	/** Objects any of these policies flags. */
	policies?: string[];
	/** Objects carrying every one of these tags. */
	tags?: CatalogTagFilter[];
	objectNameStartsWith?: string;
	/** A query in BigID's language, taken as it is and combined with the rest by AND. */
	rawQuery?: string;
	/** Only objects anyone may open: access intelligence's open-access filter. */
	openAccessOnly?: boolean;
}

/** The open-access objects, as BigID's access intelligence finds them. */
export const OPEN_ACCESS_QUERY = 'tags."Access Type" = "Open Access"';

const ESCAPES: Record<string, string> = {
	'\\': '\\\\',
	'"': '\\"',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
};

/** A string literal of BigID's query language: inside it, a quote or a keyword is only text. */
export function quoteQueryValue(value: string): string {
	return `"${value.replace(/[\\"\n\r\t]/g, (character) => ESCAPES[character])}"`;
}

function cleaned(values: readonly string[] | undefined): string[] {
	return [...new Set((values ?? []).map((value) => value.trim()).filter((value) => value !== ''))];
}

/** `field = "value"`, or `field IN (...)` for several values; undefined for none. */
export function anyOf(field: string, values: readonly string[] | undefined): string | undefined {
	const wanted = cleaned(values);
	if (wanted.length === 0) return undefined;
	if (wanted.length === 1) return `${field} = ${quoteQueryValue(wanted[0])}`;
	return `${field} IN (${wanted.map(quoteQueryValue).join(', ')})`;
}

/** The query the filters say, or '' for the whole catalog. */
export function catalogQueryOf(filters: CatalogFilters): string {
	const raw = filters.rawQuery?.trim() ?? '';
	const prefix = filters.objectNameStartsWith?.trim() ?? '';
	const clauses = [
		raw === '' ? undefined : `(${raw})`,
		anyOf('system', filters.dataSourceNames),
		anyOf('attribute', filters.attributes),
		anyOf('policy', filters.policies),
		...(filters.tags ?? [])
			.filter((tag) => tag.name.trim() !== '')
			.map((tag) => `tags.${quoteQueryValue(tag.name.trim())} = ${quoteQueryValue(tag.value)}`),
		prefix === '' ? undefined : `objectName STARTSWITH ${quoteQueryValue(prefix)}`,
		filters.openAccessOnly === true ? OPEN_ACCESS_QUERY : undefined,
	].filter((clause): clause is string => clause !== undefined);
	// A lone raw query needs no parentheses around it.
	if (clauses.length === 1 && raw !== '') return raw;
	return clauses.join(' AND ');
}

export interface CatalogAttribute extends IDataObject {
	name: string;
	/** How many findings of it the object holds, when BigID tells. */
	count: number | null;
}

function countOf(value: unknown): number | null {
	const count = Number(value);
	return value === undefined || value === null || value === '' || !Number.isFinite(count)
		? null
		: count;
}

function attributeOf(entry: unknown): CatalogAttribute | undefined {
	if (typeof entry === 'string') return entry === '' ? undefined : { name: entry, count: null };
	if (!entry || typeof entry !== 'object') return undefined;
	const record = entry as IDataObject;
	const name = record.name ?? record.attributeName ?? record.attribute_name ?? record.attribute;
	if (typeof name !== 'string' || name === '') return undefined;
	return { name, count: countOf(record.count ?? record.findings ?? record.total) };
}

/** `attribute_details` (names and counts) where BigID gives it, else `attributes` or `attribute`. */
function attributesOf(object: IDataObject): CatalogAttribute[] {
	const candidates = [object.attribute_details, object.attributes, object.attribute];
	const list = candidates.find((candidate) => Array.isArray(candidate)) as unknown[] | undefined;
	return (list ?? [])
		.map(attributeOf)
		.filter((attribute): attribute is CatalogAttribute => attribute !== undefined);
}

const first = (...values: unknown[]) =>
	values.find((value) => value !== undefined && value !== null && value !== '') ?? null;

/** One catalog object as the node outputs it, whichever of BigID's spellings it came in. */
export function catalogObjectOf(object: IDataObject): IDataObject {
	const attributes = attributesOf(object);
	const fullPath = first(object.fullyQualifiedName, object.fullPath, object.path);
	return {
		id: first(object.id, object._id, fullPath),
		source: first(object.source, object.system, object.dataSourceName, object.ds_connection),
		name: first(object.objectName, object.name),
		fullPath,
		type: first(object.objectType, object.type, object.scanner_type_group),
		attributes,
		sensitiveFindings: attributes.reduce((sum, attribute) => sum + (attribute.count ?? 0), 0),
		policies: Array.isArray(object.policy) ? object.policy : (object.policies ?? []),
		tags: object.tags ?? [],
		owner: first(object.owner, object.objectOwner, object.owners),
		lastScanned: first(
			object.last_scanned,
			object.lastScanned,
			object.scanDate,
			object.update_date,
		),
	};
}

/** The fields of `catalogObjectOf`. */
export const CATALOG_OBJECT_FIELDS = [
	'id',
	'name',
	'fullPath',
	'source',
	'type',
	'attributes',
	'sensitiveFindings',
	'policies',
	'tags',
	'owner',
	'lastScanned',
] as const;

/**
 * A simplified catalog object: where it is (ID, name, full path, data source, type), what
 * sensitive data it holds and which policies flag it, whom to tell, and when it was last
 * scanned. Tags, a list of name/value objects, are left to the raw output.
 */
export const SIMPLIFIED_CATALOG_OBJECT_FIELDS = [
	'id',
	'name',
	'fullPath',
	'source',
	'type',
	'attributes',
	'sensitiveFindings',
	'policies',
	'owner',
	'lastScanned',
] as const satisfies ReadonlyArray<(typeof CATALOG_OBJECT_FIELDS)[number]>;

export const catalogObjectFields: ObjectFields = {
	all: CATALOG_OBJECT_FIELDS,
	simplified: SIMPLIFIED_CATALOG_OBJECT_FIELDS,
};

/** What the catalog count (api/catalog.ts) answers: `{count}`, another total's name, or a bare number. */
export function catalogCountOf(answer: IDataObject): number | null {
	return countOf(first(answer.count, answer.totalRowsCounter, answer.totalCount, answer.value));
}

/** A column of an object as Get Details outputs it, with the attributes found in it. */
export interface CatalogColumn extends IDataObject {
	name: string;
	type: string | null;
	attributes: CatalogAttribute[];
}

function columnOf(entry: unknown): CatalogColumn | undefined {
	if (!entry || typeof entry !== 'object') return undefined;
	const column = entry as IDataObject;
	const name = first(column.columnName, column.column_name, column.name, column.fieldName);
	if (typeof name !== 'string') return undefined;
	const type = first(column.fieldType, column.field_type, column.type, column.data_type);
	return { name, type: typeof type === 'string' ? type : null, attributes: attributesOf(column) };
}

/**
 * The object an object-details answer is about: the answer itself, or the entry of a list under
 * `data` whose fully qualified name is the one asked for; undefined when it holds no such object.
 */
export function objectDetailsOf(
	content: IDataObject,
	fullyQualifiedName: string,
): IDataObject | undefined {
	const candidates = Array.isArray(content.data) ? (content.data as IDataObject[]) : [content];
	return candidates.find((candidate) => {
		const name = first(candidate.fullyQualifiedName, candidate.fullPath, candidate.path);
		return name === null ? Object.keys(candidate).length > 0 : name === fullyQualifiedName;
	});
}

/** One object as Get Details outputs it: the Search shape, with its columns. */
export function catalogObjectDetailsOutputOf(object: IDataObject): IDataObject {
	const columns = [object.columns, object.fields, object.column_details].find((candidate) =>
		Array.isArray(candidate),
	) as unknown[] | undefined;
	return {
		...catalogObjectOf(object),
		columns: (columns ?? [])
			.map(columnOf)
			.filter((column): column is CatalogColumn => column !== undefined),
	};
}
