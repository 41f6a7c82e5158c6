import type { IDataObject } from 'n8n-workflow';

import type { BigIdContext, ListRequest, ListResult } from '../transport';
import { bigIdApiRequestAllItems } from '../transport';

/** What a caller asks of a BigID list: query (sort, filter...), page size, limit, when to stop. */
export type ListOptions = Pick<ListRequest, 'qs' | 'pageSize' | 'limit' | 'stopWhen'>;

/** A list read through the shared pagination, each item in the shape `outputOf` gives it. */
export async function listOf(
	this: BigIdContext,
	request: ListRequest,
	outputOf: (item: IDataObject) => IDataObject,
	itemIndex: number,
): Promise<ListResult> {
	const result = await bigIdApiRequestAllItems.call(this, request, itemIndex);
	return { ...result, items: result.items.map(outputOf) };
}
