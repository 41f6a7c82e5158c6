import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BigIdContext, BigIdRequest } from '../transport';
import { bigIdApiRequest } from '../transport';
import { asNodeError } from './errors';
import { routeText } from './route';

export type EndpointOutcome<T> = { answer: T } | { missingStatus: string };

/**
 * Calls an endpoint BigID's API guides (docs/bigid-api.md) do not confirm. A 404 or 405 (or another of `missingStatuses`)
 * means this BigID version lacks it: the caller decides what follows.
 */
export async function unlessMissing<T>(
	context: BigIdContext,
	send: () => Promise<T>,
	itemIndex: number,
	missingStatuses = ['404', '405'],
): Promise<EndpointOutcome<T>> {
	try {
		return { answer: await send() };
	} catch (error) {
		if (error instanceof NodeApiError && missingStatuses.includes(error.httpCode ?? '')) {
			return { missingStatus: error.httpCode ?? '' };
		}
		throw asNodeError(context, error, itemIndex);
	}
}

export function endpointNotOffered(
	context: BigIdContext,
	what: string,
	route: string,
	status: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`This BigID version does not offer ${what} (${route} answered ${status})`,
		{
			itemIndex,
			description:
				'The BigID API of your deployment has no such endpoint. Do this in the BigID UI instead, or check the API documentation of your BigID version for its path.',
		},
	);
}

/** A request to an unconfirmed endpoint the operation cannot do without. */
export async function requireOffered(
	context: BigIdContext,
	what: string,
	request: BigIdRequest,
	itemIndex: number,
): Promise<IDataObject> {
	const outcome = await unlessMissing(
		context,
		async () => await bigIdApiRequest.call(context, request, itemIndex),
		itemIndex,
	);
	if ('missingStatus' in outcome) {
		const route = routeText(request.path, request.method);
		throw endpointNotOffered(context, what, route, outcome.missingStatus, itemIndex);
	}
	return outcome.answer;
}
