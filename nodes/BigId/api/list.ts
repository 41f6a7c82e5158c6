import type { ListRequest } from '../transport';

/** What a caller asks of a BigID list: query (sort, filter...), page size, limit, when to stop. */
export type ListOptions = Pick<ListRequest, 'qs' | 'pageSize' | 'limit' | 'stopWhen'>;
