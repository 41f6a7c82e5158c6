import type { IDataObject } from 'n8n-workflow';

import type { BigIdContext, ListRequest, ListResult } from '../transport';
import { bigIdApiRequestAllItems, MAX_CONCURRENCY } from '../transport';

export const MAX_PAGE_SIZE = 10000;

/** What a caller asks of a BigID list: query (sort, filter...), page size, limit, when to stop. */
export type ListOptions = Pick<
	ListRequest,
	'qs' | 'pageSize' | 'limit' | 'stopWhen' | 'concurrency' | 'startAt' | 'hints'
>;

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

/** Why a Page Size cannot be sent to BigID, or undefined when it can. */
export function pageSizeProblem(value: unknown): string | undefined {
	return wholeNumberProblem('Page Size', value, MAX_PAGE_SIZE);
}

/** Why a number of Concurrent Requests cannot be used, or undefined when it can. */
export function concurrencyProblem(value: unknown): string | undefined {
	return wholeNumberProblem('Concurrent Requests', value, MAX_CONCURRENCY);
}

function wholeNumberProblem(name: string, value: unknown, max: number): string | undefined {
	return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max
		? undefined
		: `${name} must be a whole number from 1 to ${max}, not ${String(value)}`;
}
