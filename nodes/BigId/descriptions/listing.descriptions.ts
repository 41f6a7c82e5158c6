/**
 * How a list is read, shared by every Get Many and the trigger: Return All and Limit, Page Size,
 * Concurrent Requests, and why a value of them cannot be used.
 */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE, MAX_CONCURRENCY } from '../transport';

export const MAX_PAGE_SIZE = 10000;

export const MAX_LIMIT = 100000;

/** Return All + Limit, for every Get Many operation. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_LIMIT },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const pageSizeOption: INodeProperties = {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
	default: DEFAULT_PAGE_SIZE,
	description:
		'How many objects to ask BigID for per request. BigID may cap pages silently; every page is read either way.',
};

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrent Requests',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many pages to request from BigID at once once the first page has told how many there are. 1 reads one page at a time; after a 429 Too Many Requests the rest of the list is read one page at a time anyway.',
};

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
