import type { BigIdContext } from '../transport';
import { EndpointNotOfferedError } from '../transport';
import { asNodeError } from './errors';

/**
 * What an endpoint docs/bigid-api.md does not confirm answered, or undefined where this BigID
 * version does not offer it (the request's `notOffered` statuses): the caller does without.
 */
export async function ifOffered<T>(
	context: BigIdContext,
	answer: Promise<T>,
	itemIndex: number,
): Promise<T | undefined> {
	try {
		return await answer;
	} catch (error) {
		if (error instanceof EndpointNotOfferedError) return undefined;
		throw asNodeError(context, error, itemIndex);
	}
}
