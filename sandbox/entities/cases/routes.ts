import { bodyObject, type SandboxContext } from '../../context';
import { defineEntity, WRITE, type EntityHandler } from '../../entity';
import { errorResponse, json, NOT_AN_OBJECT, wrapped } from '../../envelopes';
import { parsePaging, parseSort, QueryError, type Paging } from '../../query';
import { isObjectId } from '../../random';
import { dataSourcesApi } from '../dataSources/routes';
import { scansApi } from '../scans/routes';
import {
	CASE_GROUPINGS,
	CASE_STATUSES,
	CasesModel,
	type CaseGrouping,
	type CaseStatus,
	type SandboxCase,
} from './model';

type Handler = EntityHandler<CasesModel>;

interface CaseCondition {
	field: string;
	values: string[];
}

/**
 * BigID's JSON filter array, `[{"field":"caseStatus","value":["open"],"operator":"in"}]`. Public
 * clients spell the equality operator `equal` or `equals`; this sandbox takes the one its
 * `caseFilterOperator` option names and refuses the other, as a BigID version would.
 */
function parseCaseFilter(raw: string | null, equality: string): CaseCondition[] {
	if (!raw) return [];
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw new QueryError(`Invalid filter parameter: ${raw}`);
	}
	if (!Array.isArray(parsed)) {
		throw new QueryError(`Invalid filter parameter: expected a JSON array, got ${raw}`);
	}
	return parsed.map((entry) => {
		const condition = entry as Record<string, unknown> | null;
		if (typeof condition?.field !== 'string' || condition.value === undefined) {
			throw new QueryError(`Invalid filter parameter: ${JSON.stringify(entry)}`);
		}
		const operator = condition.operator ?? equality;
		if (operator !== 'in' && operator !== equality) {
			throw new QueryError(`Invalid filter operator: ${String(operator)}`);
		}
		const values = Array.isArray(condition.value) ? condition.value : [condition.value];
		return { field: condition.field, values: values.map(String) };
	});
}

function matches(item: SandboxCase, conditions: CaseCondition[]): boolean {
	return conditions.every((condition) => {
		const value = (item as unknown as Record<string, unknown>)[condition.field];
		return value !== undefined && value !== null && condition.values.includes(String(value));
	});
}

/** `skip` or `offset`, as the `casePaging` option says: the other one is ignored, as a server ignores what it does not know. */
function casePaging({ query }: { query: URLSearchParams }, { options }: SandboxContext): Paging {
	const params = new URLSearchParams(query);
	params.set('skip', query.get(options.casePaging) ?? '0');
	return parsePaging(params, options.defaultPageSize, options.pageCap);
}

function filteredCases(
	request: Parameters<Handler>[0],
	cases: CasesModel,
	{ options }: SandboxContext,
): readonly SandboxCase[] {
	const sort = parseSort(request.query.get('sort')) ?? [{ field: 'updated_at', descending: true }];
	const conditions = parseCaseFilter(request.query.get('filter'), options.caseFilterOperator);
	const sorted = cases.query(sort);
	return conditions.length > 0 ? sorted.filter((item) => matches(item, conditions)) : sorted;
}

const listCases: Handler = (request, cases, context) => {
	const matching = filteredCases(request, cases, context);
	const { skip, limit } = casePaging(request, context);
	const page = matching.slice(skip, skip + limit);
	return json(200, wrapped({ cases: page, totalCount: matching.length }));
};

const groupByPolicy: Handler = (request, cases, context) => {
	const groupBy = context.options.caseGroupBy ? request.query.get('groupBy') : null;
	if (groupBy !== null && !CASE_GROUPINGS.includes(groupBy as CaseGrouping)) {
		return errorResponse(
			400,
			`Invalid groupBy '${groupBy}', expected one of ${CASE_GROUPINGS.join(', ')}`,
		);
	}
	const matching = filteredCases(request, cases, context);
	const groups =
		groupBy === null || groupBy === 'policy'
			? cases.groupByPolicy(matching)
			: cases.groupBy(matching, groupBy as Exclude<CaseGrouping, 'policy'>);
	const { skip, limit } = casePaging(request, context);
	return json(
		200,
		wrapped({ policies: groups.slice(skip, skip + limit), totalCount: groups.length }),
	);
};

const updateCaseStatus: Handler = (request, cases) => {
	const { id } = request.params;
	if (!isObjectId(id)) return errorResponse(400, 'Case ID is invalid');
	const fields = bodyObject(request);
	if (!fields) return errorResponse(400, NOT_AN_OBJECT);
	const { caseStatus, auditReason } = fields;
	if (!CASE_STATUSES.includes(caseStatus as (typeof CASE_STATUSES)[number])) {
		return errorResponse(
			400,
			`Invalid caseStatus '${String(caseStatus)}', expected one of ${CASE_STATUSES.join(', ')}`,
		);
	}
	if (typeof auditReason !== 'string' || auditReason.trim() === '') {
		return errorResponse(400, 'Missing required field: auditReason');
	}
	if (!cases.get(id)) return errorResponse(404, `Case ${id} was not found`);
	const updated = cases.setStatus(id, caseStatus as string);
	return json(200, { ...wrapped(updated), message: 'Case status updated' });
};

/** BigID's 400 for a case it does not have on its newer endpoints, where older ones answer 404. */
const unableToLocate = (id: string) => errorResponse(400, `Unable to locate case ${id}`);

const assignCase: Handler = (request, cases) => {
	const { id } = request.params;
	const assignee = bodyObject(request)?.assignee;
	if (typeof assignee !== 'string' || assignee.trim() === '') {
		return errorResponse(400, 'Missing required field: assignee');
	}
	if (!cases.get(id)) return unableToLocate(id);
	return json(200, { ...wrapped(cases.update(id, { assignee })), message: 'Case updated' });
};

const BULK_FIELDS = ['caseStatus', 'assignee'];

/** The body BigID's own bulk action sends; the cases of the named policies all change. */
const updateCases: Handler = (request, cases) => {
	const body = bodyObject(request);
	const properties = (body?.additionalProperties ?? {}) as Record<string, unknown>;
	const { field, newValue, casesFilters, auditReason } = properties;
	if (body?.type !== 'CasesDB' || body.subType !== 'updateCases') {
		return errorResponse(400, 'type must be CasesDB and subType updateCases');
	}
	if (!BULK_FIELDS.includes(field as string) || typeof newValue !== 'string' || newValue === '') {
		return errorResponse(400, `field must be one of ${BULK_FIELDS.join(', ')} with a newValue`);
	}
	if (field === 'caseStatus' && !CASE_STATUSES.includes(newValue as CaseStatus)) {
		return errorResponse(400, `Invalid caseStatus '${newValue}'`);
	}
	if (typeof auditReason !== 'string' || auditReason.trim() === '') {
		return errorResponse(400, 'Missing required field: auditReason');
	}
	const policyFilter = Array.isArray(casesFilters)
		? (casesFilters as Array<Record<string, unknown>>).find(
				(entry) => entry?.filterField === 'policyName',
			)
		: undefined;
	if (!Array.isArray(policyFilter?.filterValues)) {
		return errorResponse(
			400,
			'casesFilters must name the policies: [{filterField: "policyName", filterValues: [...]}]',
		);
	}
	const modified = cases.updateOfPolicies(
		policyFilter.filterValues.map(String),
		field as 'caseStatus' | 'assignee',
		newValue,
	);
	return json(200, { ...wrapped({ modifiedCount: modified }), message: 'Cases updated' });
};

/** BigID's Jira/ServiceNow integration: the outcome is written on the case, a failure included. */
const ticketAction =
	(action: 'createTicket' | 'fetchTicketAndSync'): Handler =>
	(request, cases, { options }) => {
		const { id } = request.params;
		const { type, subType } = bodyObject(request) ?? {};
		if ((type !== 'jira' && type !== 'service_now') || subType !== action) {
			return errorResponse(400, `type must be jira or service_now and subType ${action}`);
		}
		if (!cases.get(id)) return unableToLocate(id);
		const updated = cases.ticketFor(id, type, action, options.caseTicketSystems.includes(type));
		return json(200, { ...wrapped(updated), message: 'Ticket action done' });
	};

const trends: Handler = (_request, cases) => json(200, wrapped({ trends: cases.trends() }));

export const casesApi = defineEntity({
	createModel: (services) =>
		new CasesModel(services, services.model(scansApi), services.model(dataSourcesApi)),
	routes: (route, { caseWriteBacks }) => [
		route('GET', '/actionable-insights/all-cases', listCases),
		route('GET', '/actionable-insights/cases-group-by-policy', groupByPolicy),
		route('GET', '/actionable-insights/trends', trends),
		route('PATCH', '/actionable-insights/case-status/:id', updateCaseStatus, WRITE),
		...(caseWriteBacks
			? [
					route('PATCH', '/actionable-insights/cases:updateCases', updateCases, WRITE),
					route('PATCH', '/actionable-insights/cases/:id', assignCase, WRITE),
					route(
						'POST',
						'/actionable-insights/cases:createTicket/:id',
						ticketAction('createTicket'),
						WRITE,
					),
					route(
						'POST',
						'/actionable-insights/cases:fetchTicketAndSync/:id',
						ticketAction('fetchTicketAndSync'),
						WRITE,
					),
				]
			: []),
	],
});
