import type { IDataObject } from 'n8n-workflow';

/**
 * BigID answers either bare (`{users, totalCount}`, as BigID's API guides show) or wrapped
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

/** The list of an answer under `listKey`, or under the first of several keys that holds one. */
export function listPageOf(
	body: IDataObject,
	listKey: string | readonly string[],
	totalCountKey = 'totalCount',
): ListPage | undefined {
	const content = unwrapEnvelope(body);
	const list = [listKey]
		.flat()
		.map((key) => content[key] ?? body[key])
		.find((candidate) => Array.isArray(candidate));
	if (!Array.isArray(list)) return undefined;
	const announced = content[totalCountKey] ?? body[totalCountKey];
	const totalCount =
		announced === null || announced === undefined || announced === '' ? NaN : Number(announced);
	return {
		items: list as IDataObject[],
		totalCount: Number.isFinite(totalCount) ? totalCount : undefined,
	};
}
