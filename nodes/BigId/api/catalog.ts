import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { catalogCountOf, catalogObjectOf, objectDetailsOf } from '../model/catalogObject';
import type { BigIdContext, ListResult } from '../transport';
import { bigIdApiRequest, unwrapEnvelope } from '../transport';
import { asNodeError } from './errors';
import type { ListOptions } from './list';
import { listOf } from './list';

/** The catalog's path prefix, which the tag endpoints (api/tags.ts) share. */
export const DATA_CATALOG = 'data-catalog';
// A 400 on a search most likely means BigID did not take the query.
export const QUERY_FIX =
	'Check the Query: BigID takes its catalog query language, for example system = "crm-db" AND policy IN ("PCI"). Values go in double quotes.';

function queryOf(query: string): IDataObject {
	return query === '' ? {} : { filter: query };
}

/** `GET /data-catalog/?format=json&filter=...`: catalog objects, paged by `offset`, counted by `totalRowsCounter`. */
export async function searchCatalog(
	this: BigIdContext,
	query: string,
	options: Omit<ListOptions, 'qs'>,
	itemIndex = 0,
): Promise<ListResult> {
	return await listOf.call(
		this,
		{
			...options,
			path: [DATA_CATALOG],
			qs: { format: 'json', ...queryOf(query) },
			listKey: 'results',
			offsetParameter: 'offset',
			totalCountKey: 'totalRowsCounter',
			hints: { 400: QUERY_FIX },
		},
		catalogObjectOf,
		itemIndex,
	);
}

/** `GET /data-catalog/count`: how many catalog objects the query matches. */
export async function countCatalog(
	this: BigIdContext,
	query: string,
	itemIndex = 0,
): Promise<number | null> {
	const answer = await bigIdApiRequest.call(
		this,
		{ path: [DATA_CATALOG, 'count'], qs: queryOf(query), hints: { 400: QUERY_FIX } },
		itemIndex,
	);
	return catalogCountOf(unwrapEnvelope(answer));
}

/**
 * `GET /data-catalog/object-details?object_name=<fullyQualifiedName>`: one object with its
 * columns and attributes, `{data: {fullyQualifiedName, attribute, tags, columns, ...}}`; undefined
 * when BigID has no object of that name (a 404, or an answer without it).
 */
export async function getObjectDetails(
	this: BigIdContext,
	fullyQualifiedName: string,
	itemIndex = 0,
): Promise<IDataObject | undefined> {
	try {
		const answer = await bigIdApiRequest.call(
			this,
			{ path: [DATA_CATALOG, 'object-details'], qs: { object_name: fullyQualifiedName } },
			itemIndex,
		);
		return objectDetailsOf(unwrapEnvelope(answer), fullyQualifiedName);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw asNodeError(this, error, itemIndex);
	}
}
