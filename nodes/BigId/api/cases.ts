import type { IDataObject } from 'n8n-workflow';

import { caseOutputOf, KNOWN_CASE_STATUSES, policyGroupOutputOf } from '../model/case';
import { idOf } from '../model/object';
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
	'Check the filters: BigID takes a JSON array such as [{"field":"caseStatus","value":["open"],"operator":"in"}]. Options > Equality Operator sends a single value as a one-item "in" list, which every BigID takes; if your BigID needs its equality operator, choose the spelling it uses (equal or equals).';

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

const INFERRED_PATH_FIX =
	'This path is inferred from the names of BigID tools, not from its documentation: if your BigID answers differently, do this in the BigID UI.';

/**
 * `PATCH /actionable-insights/cases/{id}` with `{assignee}`: the behaviour is BigID's (its agent
 * tools assign cases), the path is inferred from a tool name, so a 404/405 says this BigID version
 * does not offer it. The answer's case when it carries one.
 */
export async function assignCase(
	this: BigIdContext,
	id: string,
	assignee: string,
	itemIndex = 0,
): Promise<IDataObject | undefined> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'PATCH',
			path: [ACTIONABLE_INSIGHTS, 'cases', id],
			body: { assignee },
			hints: {
				400: 'BigID refused the assignee: give the e-mail address of a BigID user, as BigID shows it in Administration > Access Management.',
			},
			notOffered: { what: 'assigning DSPM cases' },
		},
		itemIndex,
	);
	const content = unwrapEnvelope(answer);
	return content.assignee !== undefined && idOf(content) !== undefined
		? caseOutputOf(content)
		: undefined;
}

/** What a bulk update sets on every case of its policies. */
export interface CasesUpdate {
	field: 'caseStatus' | 'assignee';
	newValue: string;
	policyNames: string[];
	auditReason: string;
}

/**
 * `PATCH /actionable-insights/cases:updateCases` with BigID's bulk body `{type: 'CasesDB', subType:
 * 'updateCases', additionalProperties: {field, newValue, casesFilters, auditReason}}` (the body is
 * BigID's, the path inferred). BigID's answer carries no count anyone has recorded: the caller
 * counts before and after.
 */
export async function updateCasesOfPolicies(
	this: BigIdContext,
	{ field, newValue, policyNames, auditReason }: CasesUpdate,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'PATCH',
			path: [ACTIONABLE_INSIGHTS, 'cases:updateCases'],
			body: {
				type: 'CasesDB',
				subType: 'updateCases',
				additionalProperties: {
					field,
					newValue,
					casesFilters: [{ filterField: 'policyName', filterValues: policyNames }],
					auditReason,
				},
			},
			hints: {
				400: `BigID refused the bulk update: check the value (statuses BigID is known to take: ${KNOWN_CASE_STATUSES.join(', ')}; an assignee is a BigID user's e-mail) and that the audit reason is not empty. ${INFERRED_PATH_FIX}`,
			},
			notOffered: { what: 'updating DSPM cases in bulk' },
		},
		itemIndex,
	);
	return unwrapEnvelope(answer);
}

/** BigID's ticketing integrations, as its case actions name them. */
export type TicketSystem = 'jira' | 'service_now';
export type TicketAction = 'createTicket' | 'fetchTicketAndSync';

/**
 * `POST /actionable-insights/cases:{action}/{id}` with `{caseId, type, subType}`: BigID's own
 * Jira or ServiceNow integration creates the case's ticket, or fetches it and syncs the case
 * (behaviour BigID's, path inferred, the action segment being the subType). The outcome shows on
 * the case afterwards, in `ticketMetadata` and `ticketUrl`.
 */
export async function requestCaseTicket(
	this: BigIdContext,
	id: string,
	system: TicketSystem,
	action: TicketAction,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'POST',
			path: [ACTIONABLE_INSIGHTS, `cases:${action}`, id],
			body: { caseId: id, type: system, subType: action },
			hints: {
				400: `BigID refused the ticket request: check that its ${system === 'jira' ? 'Jira' : 'ServiceNow'} integration is configured (ServiceNow needs BigID's "ServiceNow IRM Integration" app). ${INFERRED_PATH_FIX}`,
			},
			notOffered: { what: "tickets through BigID's ticketing integrations" },
		},
		itemIndex,
	);
	return unwrapEnvelope(answer);
}

/**
 * `GET /actionable-insights/trends`: how cases developed over time. Its answer's shape is not
 * recorded: a list under `data` or `data.trends` is its rows, anything else one row.
 */
export async function getCaseTrends(this: BigIdContext, itemIndex = 0): Promise<IDataObject[]> {
	const answer = await bigIdApiRequest.call(
		this,
		{ path: [ACTIONABLE_INSIGHTS, 'trends'], notOffered: { what: 'DSPM case trends' } },
		itemIndex,
	);
	const content = unwrapEnvelope(answer);
	const rows = content.trends ?? content.data;
	if (Array.isArray(rows)) {
		return rows.filter((row): row is IDataObject => typeof row === 'object' && row !== null);
	}
	return [content];
}
