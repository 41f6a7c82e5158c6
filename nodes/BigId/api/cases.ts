import type { IDataObject } from 'n8n-workflow';

import { caseOutputOf, KNOWN_CASE_STATUSES, policyGroupOutputOf } from '../model/case';
import type { BigIdContext, ListResult } from '../transport';
import { bigIdApiRequest, unwrapEnvelope } from '../transport';
import type { ListOptions } from './list';
import { listOf, newestFirst } from './list';

const ACTIONABLE_INSIGHTS = 'actionable-insights';

/**
 * The query parameter BigID's case lists page by: the tutorial's `skip`, or `offset` as one
 * public client sends it. Which one a deployment takes is not public, so it is a setting.
 */
export type CasePaging = 'skip' | 'offset';
export const DEFAULT_CASE_PAGING: CasePaging = 'skip';

export interface CaseListOptions extends ListOptions {
	paging?: CasePaging;
}

const FILTER_HINT =
	'Check the filters: BigID takes a JSON array such as [{"field":"caseStatus","value":["open"],"operator":"in"}]. If a single-value filter is refused, switch Options > Equality Operator between equal and equals: BigID versions spell it differently.';

function pagingHint(paging: CasePaging): string {
	const other: CasePaging = paging === 'skip' ? 'offset' : 'skip';
	return `BigID may page this list with "${other}" rather than "${paging}": set Paging Parameter to ${other}.`;
}

/** A list under `/actionable-insights`: paged by the chosen parameter, filtered by BigID's JSON filter. */
async function listInsights(
	context: BigIdContext,
	endpoint: string,
	listKey: string,
	outputOf: (item: IDataObject) => IDataObject,
	{ paging = DEFAULT_CASE_PAGING, ...options }: CaseListOptions,
	itemIndex: number,
): Promise<ListResult> {
	return await listOf.call(
		context,
		{
			...options,
			path: [ACTIONABLE_INSIGHTS, endpoint],
			listKey,
			offsetParameter: paging,
			hints: { 400: FILTER_HINT },
			// A repeated page means BigID ignored the paging parameter: the fix is the other one.
			repeatedPageHint: pagingHint(paging),
		},
		outputOf,
		itemIndex,
	);
}

/** `GET /actionable-insights/all-cases`: DSPM cases (`data.cases`), in the normalised case shape. */
export async function listCases(
	this: BigIdContext,
	options: CaseListOptions,
	itemIndex = 0,
): Promise<ListResult> {
	return await listInsights(this, 'all-cases', 'cases', caseOutputOf, options, itemIndex);
}

/** Cases newest `updated_at` first, down to `sinceMs` (api/list.ts `newestFirst`). */
export async function listCasesNewestFirst(
	this: BigIdContext,
	sinceMs: number,
	{ paging, ...options }: CaseListOptions,
	itemIndex = 0,
): Promise<ListResult> {
	return await listCases.call(this, { ...newestFirst(options, sinceMs), paging }, itemIndex);
}

/**
 * One case by its `_id` or its friendly `caseId`, through the list's filter (BigID has no
 * confirmed single-case endpoint). Only a case that really has that ID counts, so a BigID that
 * ignored the filter cannot hand back another case.
 */
export async function findCase(
	this: BigIdContext,
	field: '_id' | 'caseId',
	value: string,
	itemIndex = 0,
): Promise<IDataObject | undefined> {
	const { items } = await listCases.call(
		this,
		{ qs: { filter: JSON.stringify([{ field, value: [value], operator: 'in' }]) }, limit: 10 },
		itemIndex,
	);
	return items.find((item) => (field === '_id' ? item._id : item.caseId) === value);
}

/** `GET /actionable-insights/cases-group-by-policy`: case counts by policy (`data.policies`). */
export async function listCasesByPolicy(
	this: BigIdContext,
	options: CaseListOptions,
	itemIndex = 0,
): Promise<ListResult> {
	const endpoint = 'cases-group-by-policy';
	return await listInsights(this, endpoint, 'policies', policyGroupOutputOf, options, itemIndex);
}

/**
 * `PATCH /actionable-insights/case-status/{id}` with `{caseStatus, auditReason}`; BigID records
 * the reason in its audit trail. The answer's case when it carries one.
 */
export async function updateCaseStatus(
	this: BigIdContext,
	id: string,
	body: { caseStatus: string; auditReason: string },
	itemIndex = 0,
): Promise<IDataObject | undefined> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'PATCH',
			path: [ACTIONABLE_INSIGHTS, 'case-status', id],
			body,
			hints: {
				400: `BigID refused the status or the reason. Statuses BigID is known to take: ${KNOWN_CASE_STATUSES.join(', ')}; the audit reason must not be empty.`,
				404: 'The case no longer exists: check its ID with DSPM Case > Get Many.',
			},
		},
		itemIndex,
	);
	const content = unwrapEnvelope(answer);
	return content.caseStatus !== undefined ? caseOutputOf(content) : undefined;
}
