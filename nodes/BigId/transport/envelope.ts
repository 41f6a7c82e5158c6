import type { IDataObject } from 'n8n-workflow';

/**
 * BigID answers either bare (`{users, totalCount}`, as the seeds show) or wrapped
 * (`{status, statusCode, message, data: {...}}`, as real deployments do); both read the same here.
 */
export function unwrapEnvelope(body: IDataObject): IDataObject {
	const { data } = body;
	const looksWrapped = 'status' in body || 'statusCode' in body || Object.keys(body).length === 1;
	if (looksWrapped && data && typeof data === 'object' && !Array.isArray(data)) {
		return data as IDataObject;
	}
	return body;
}

export interface ListPage {
	items: IDataObject[];
	totalCount?: number;
}

export function readListPage(
	body: IDataObject,
	listKey: string,
	totalCountKey = 'totalCount',
): ListPage | undefined {
	const content = unwrapEnvelope(body);
	const list = content[listKey] ?? body[listKey];
	if (!Array.isArray(list)) return undefined;
	const announced = content[totalCountKey] ?? body[totalCountKey];
	const totalCount =
		announced === null || announced === undefined || announced === '' ? NaN : Number(announced);
	return {
		items: list as IDataObject[],
		totalCount: Number.isFinite(totalCount) ? totalCount : undefined,
	};
}

/** `_id` and `id`, `createdAt` and `created_at`: every object leaves the node with both spellings filled. */
export function normalizeObject(item: IDataObject): IDataObject {
	return fillAliases({ ...item });
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

export function idOf(item: IDataObject): string | undefined {
	const id = item._id ?? item.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
