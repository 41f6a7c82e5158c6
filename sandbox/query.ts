/**
 * The query parameters BigID list endpoints share: skip/limit paging, requireTotalCount, and the
 * loosely documented sort and filter, accepted in every form clients are seen to send.
 */
export class QueryError extends Error {}

export interface Paging {
	skip: number;
	limit: number;
	requireTotalCount: boolean;
}

export interface SortKey {
	field: string;
	descending: boolean;
}

export interface FieldMatch {
	field: string;
	/** The item matches when its field, as a string, equals any of these. */
	anyOf: string[];
}

export function parsePaging(
	params: URLSearchParams,
	defaultPageSize: number,
	pageCap: number,
): Paging {
	const skip = Number.parseInt(params.get('skip') ?? '', 10);
	const limit = Number.parseInt(params.get('limit') ?? '', 10);
	const requestedLimit = Number.isFinite(limit) && limit > 0 ? limit : defaultPageSize;
	return {
		skip: Number.isFinite(skip) && skip > 0 ? skip : 0,
		// The cap is silent, like a real server's: the client only notices a short page.
		limit: Math.min(requestedLimit, pageCap),
		requireTotalCount: params.get('requireTotalCount') === 'true',
	};
}

function parseJsonParameter(name: string, raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		throw new QueryError(`Invalid ${name} parameter: ${raw}`);
	}
}

function looksLikeJson(raw: string): boolean {
	return raw.startsWith('[') || raw.startsWith('{');
}

function isDescending(order: unknown): boolean {
	return order === -1 || order === '-1' || String(order).toLowerCase() === 'desc';
}

/** Accepts `field`, `-field`, `a,-b`, `[{"field":"name","order":"desc"}]` and `{"name":-1}`. */
export function parseSort(raw: string | null): SortKey[] | undefined {
	if (!raw) return undefined;
	if (!looksLikeJson(raw)) {
		return raw
			.split(',')
			.map((part) => part.trim())
			.filter((part) => part.length > 0)
			.map((part) =>
				part.startsWith('-')
					? { field: part.slice(1), descending: true }
					: { field: part, descending: false },
			);
	}
	const parsed = parseJsonParameter('sort', raw);
	const entries = Array.isArray(parsed) ? parsed : [parsed];
	return entries.flatMap((entry): SortKey[] => {
		if (typeof entry !== 'object' || entry === null) {
			throw new QueryError(`Invalid sort parameter: ${raw}`);
		}
		const record = entry as Record<string, unknown>;
		if (typeof record.field === 'string') {
			return [{ field: record.field, descending: isDescending(record.order) }];
		}
		return Object.entries(record).map(([field, order]) => ({
			field,
			descending: isDescending(order),
		}));
	});
}

function toMatchValues(value: unknown): string[] {
	return Array.isArray(value) ? value.map(String) : [String(value)];
}

/**
 * Accepts `field=value[,field=value]`, `{"field":"value"}` and
 * `[{"field":"type","value":"s3","operator":"equal"}]`; all mean exact matches.
 */
export function parseFilter(raw: string | null): FieldMatch[] | undefined {
	if (!raw) return undefined;
	if (!looksLikeJson(raw)) {
		return raw.split(',').map((condition) => {
			const separator = condition.indexOf('=');
			if (separator <= 0) throw new QueryError(`Invalid filter parameter: ${raw}`);
			return {
				field: condition.slice(0, separator).trim(),
				anyOf: [condition.slice(separator + 1).trim()],
			};
		});
	}
	const parsed = parseJsonParameter('filter', raw);
	if (Array.isArray(parsed)) {
		return parsed.map((condition) => {
			const record = condition as Record<string, unknown> | null;
			if (typeof record?.field !== 'string' || record.value === undefined) {
				throw new QueryError(`Invalid filter parameter: ${raw}`);
			}
			return { field: record.field, anyOf: toMatchValues(record.value) };
		});
	}
	if (typeof parsed !== 'object' || parsed === null) {
		throw new QueryError(`Invalid filter parameter: ${raw}`);
	}
	return Object.entries(parsed).map(([field, value]) => ({ field, anyOf: toMatchValues(value) }));
}

function fieldOf(item: object, field: string): unknown {
	return (item as Record<string, unknown>)[field];
}

export function matchesFilter(item: object, filter: FieldMatch[]): boolean {
	return filter.every((condition) => {
		const value = fieldOf(item, condition.field);
		return value !== undefined && condition.anyOf.includes(String(value));
	});
}

function compareValues(left: unknown, right: unknown): number {
	if (left === right) return 0;
	// Missing values go after present ones in ascending order, before them in descending order.
	if (left === undefined || left === null) return 1;
	if (right === undefined || right === null) return -1;
	if (typeof left === 'number' && typeof right === 'number') return left - right;
	return String(left) < String(right) ? -1 : 1;
}

/** A sorted copy; ties keep creation order so pages never shuffle between requests. */
export function sortItems<T extends object>(items: readonly T[], sort: SortKey[]): T[] {
	const indexed = items.map((item, index) => ({ item, index }));
	indexed.sort((left, right) => {
		for (const key of sort) {
			const order = compareValues(fieldOf(left.item, key.field), fieldOf(right.item, key.field));
			if (order !== 0) return key.descending ? -order : order;
		}
		return left.index - right.index;
	});
	return indexed.map((entry) => entry.item);
}

export function describeSort(sort: SortKey[]): string {
	return sort.map((key) => (key.descending ? '-' : '') + key.field).join(',');
}
