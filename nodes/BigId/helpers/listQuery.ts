import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ListRequest } from '../transport';
import { readLimit, readPageSize } from './parameters';

/** What a Get Many asks of a BigID list endpoint. */
export interface ListQuery {
	limit?: number;
	pageSize?: number;
	sort?: string;
	filter?: string;
}

/** Return All / Limit, and the Page Size, Sort and Filter options where the operation has them. */
export function readListQuery(this: IExecuteFunctions, itemIndex: number): ListQuery {
	return {
		limit: readLimit.call(this, itemIndex),
		pageSize: readPageSize.call(this, itemIndex),
		sort: (this.getNodeParameter('options.sort', itemIndex, '') as string).trim(),
		filter: (this.getNodeParameter('options.filter', itemIndex, '') as string).trim(),
	};
}

/** The paging request for a query; `sort` and `filter` reach BigID only when set. */
export function listRequestOf(
	query: ListQuery,
	sortAndFilterExample: string,
): Pick<ListRequest, 'qs' | 'limit' | 'pageSize' | 'hints'> {
	const qs: IDataObject = {};
	if (query.sort) qs.sort = query.sort;
	if (query.filter) qs.filter = query.filter;
	return {
		qs,
		limit: query.limit,
		pageSize: query.pageSize,
		// With sort or filter set, a 400 most likely means BigID did not take their syntax.
		hints: { 400: `Check Sort and Filter: ${sortAndFilterExample}` },
	};
}
