import type { ApiRequest, ApiResponse, SandboxContext } from './context';
import { parsePaging, type Paging } from './query';
import { isObjectId } from './random';

export const json = (status: number, body: unknown): ApiResponse => ({ status, json: body });

export const errorResponse = (status: number, message: string): ApiResponse =>
	json(status, { error: message });

export const NOT_AN_OBJECT = 'Request body must be a JSON object';

/** Real deployments wrap most answers like this. */
export const wrapped = (data: unknown, statusCode = 200) => ({
	status: 'success',
	statusCode,
	message: null,
	data,
});

export function paging(request: ApiRequest, context: SandboxContext): Paging {
	return parsePaging(request.query, context.options.defaultPageSize, context.options.pageCap);
}

export function page<T>(items: readonly T[], { skip, limit }: Paging): T[] {
	return items.slice(skip, skip + limit);
}

/** The user-management guide's bare `{users, totalCount}` or the wrapped envelope real deployments use. */
export function userEnvelope(
	context: SandboxContext,
	listName: string,
	items: unknown[],
	totalCount: number,
	{ requireTotalCount }: Paging,
	/** The user-management guide's bare /users answer shows totalCount even unasked. */
	bareShowsTotalCount: boolean,
): ApiResponse {
	const list: Record<string, unknown> = { [listName]: items };
	if (requireTotalCount || (bareShowsTotalCount && context.options.userEnvelope === 'bare')) {
		list.totalCount = totalCount;
	}
	return json(200, context.options.userEnvelope === 'wrapped' ? wrapped(list) : list);
}

/** BigID's answers for a path id: 400 when it is not an ObjectId, 404 when nothing has it. */
export function findByObjectId<Item>(
	kind: string,
	id: string,
	lookup: (id: string) => Item | undefined,
): { item: Item; failure?: undefined } | { item?: undefined; failure: ApiResponse } {
	if (!isObjectId(id)) return { failure: errorResponse(400, `${kind} ID is invalid`) };
	const item = lookup(id);
	return item !== undefined
		? { item }
		: { failure: errorResponse(404, `${kind} ${id} was not found`) };
}
