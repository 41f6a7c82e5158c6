import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ListOptions } from '../api/list';
import { isObjectId } from '../model/object';
import { DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE } from '../transport';
import {
	MAX_LIMIT,
	concurrencyProblem,
	pageSizeProblem,
} from '../descriptions/listing.descriptions';

/** Return All / Limit of a Get Many operation: undefined means every item. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		throw new NodeOperationError(
			this.getNode(),
			`Limit must be a whole number from 1 to ${MAX_LIMIT}, not ${String(limit)}`,
			{ itemIndex, description: 'Turn on Return All to read every item instead.' },
		);
	}
	return limit;
}

export function readPageSize(this: IExecuteFunctions, itemIndex: number): number {
	return readListSetting.call(this, 'pageSize', DEFAULT_PAGE_SIZE, pageSizeProblem, itemIndex);
}

export function readConcurrency(this: IExecuteFunctions, itemIndex: number): number {
	return readListSetting.call(
		this,
		'concurrency',
		DEFAULT_CONCURRENCY,
		concurrencyProblem,
		itemIndex,
	);
}

function readListSetting(
	this: IExecuteFunctions,
	name: string,
	fallback: number,
	problemOf: (value: unknown) => string | undefined,
	itemIndex: number,
): number {
	const value = this.getNodeParameter(`options.${name}`, itemIndex, fallback);
	const problem = problemOf(value);
	if (problem !== undefined) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	return value as number;
}

/** BigID IDs are MongoDB ObjectIds; anything else gets BigID's documented "invalid ID" answer before a request is sent. */
export function requireObjectId(
	this: IExecuteFunctions,
	value: unknown,
	what: string,
	itemIndex: number,
): string {
	const id = typeof value === 'string' ? value.trim() : '';
	if (!isObjectId(id)) {
		throw new NodeOperationError(
			this.getNode(),
			`${what} ID is invalid: ${id === '' ? 'it is empty' : `"${id}" is not a BigID ID`}`,
			{
				itemIndex,
				description: `Bad or malformed ${what.toLowerCase()} ID provided. Double-check the ${what.toLowerCase()} ID you're using: BigID IDs are 24 hexadecimal characters, for example 64f7df00cc834f0001a44e85.`,
			},
		);
	}
	return id;
}

/** A text parameter that must not be blank, trimmed; anything but a string counts as blank. */
export function requireText(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	whenBlank: { message: string; description: string },
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(this.getNode(), whenBlank.message, {
			itemIndex,
			description: whenBlank.description,
		});
	}
	return text;
}

/**
 * Return All / Limit, Page Size, Concurrent Requests, and the Sort and Filter options where the
 * operation has them; `sortAndFilterExamples` is the fix a 400 suggests once either is set.
 */
export function readListOptions(
	this: IExecuteFunctions,
	itemIndex: number,
	sortAndFilterExamples?: string,
): ListOptions {
	const qs: IDataObject = {};
	for (const option of ['sort', 'filter']) {
		const value = (this.getNodeParameter(`options.${option}`, itemIndex, '') as string).trim();
		// Sent only when set: BigID's default order and no filter otherwise.
		if (value !== '') qs[option] = value;
	}
	// With sort or filter set, a 400 most likely means BigID did not take their syntax.
	const sortOrFilterSet = Object.keys(qs).length > 0 && sortAndFilterExamples !== undefined;
	return {
		qs,
		hints: sortOrFilterSet ? { 400: `Check Sort and Filter: ${sortAndFilterExamples}` } : undefined,
		limit: readLimit.call(this, itemIndex),
		pageSize: readPageSize.call(this, itemIndex),
		concurrency: readConcurrency.call(this, itemIndex),
	};
}

/** An optional date filter in epoch milliseconds: undefined when empty, an error naming the filter when unreadable. */
export function readOptionalDate(
	this: IExecuteFunctions,
	displayName: string,
	value: unknown,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	// String() first: an expression may give a Luxon DateTime, whose text is ISO.
	const time = Date.parse(String(value));
	if (!Number.isFinite(time)) {
		throw new NodeOperationError(this.getNode(), `${displayName} is not a date: ${String(value)}`, {
			itemIndex,
			description: 'Enter a date and time, for example 2026-01-31T09:00:00Z.',
		});
	}
	return time;
}

/** A JSON object parameter (an object, or its JSON text); {} when empty. */
export function readJsonObject(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	whenNotObject: { message: string; description: string },
): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			parsed = undefined;
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(this.getNode(), whenNotObject.message, {
			itemIndex,
			description: whenNotObject.description,
		});
	}
	return parsed as IDataObject;
}
