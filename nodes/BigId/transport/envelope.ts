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

export function listPageOf(
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
