import type { IDataObject } from 'n8n-workflow';

import type { ObjectFields } from './fields';
import { comparisonKey as caseStatusKey, createdAtValueOf, idOf, updatedAtValueOf } from './object';

/** The statuses BigID clients are seen to set; BigID's set is open, so others pass through. */
export const KNOWN_CASE_STATUSES = [
	'open',
	'acknowledged',
	'remediated',
	'silenced',
	'resolved',
	'closed',
] as const;

export const CASE_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** BigID's friendly case IDs, as its UI shows them: `SPC-123`. */
const FRIENDLY_CASE_ID = /^[A-Za-z]+-\d+$/;

/**
 * How a single-value filter is sent: as `in` with a one-item list, which every BigID takes, or
 * with the equality operator, which public clients spell `equal` and `equals` (a BigID refuses
 * the spelling it does not use).
 */
export type EqualityOperator = 'in' | 'equal' | 'equals';
export const DEFAULT_EQUALITY_OPERATOR: EqualityOperator = 'in';

/**
 * The comparison key of a case status or severity: `Acknowledged`, `acknowledged` and
 * `ACKNOWLEDGED ` are one status, as are `in_progress` and `In Progress`.
 */
export { caseStatusKey };

/** A case's status key, from BigID's `caseStatus` or the output's `status`. */
export const caseStatusOf = (item: IDataObject) => caseStatusKey(item.caseStatus ?? item.status);

/** A case's (or a policy group's) severity key, from BigID's `severityLevel` or `severity`. */
export const caseSeverityOf = (item: IDataObject) =>
	caseStatusKey(item.severityLevel ?? item.severity);

export function isFriendlyCaseId(value: string): boolean {
	return FRIENDLY_CASE_ID.test(value);
}

function dateText(...candidates: unknown[]): string | null {
	const found = candidates.find(
		(candidate) => typeof candidate === 'string' || typeof candidate === 'number',
	);
	return found === undefined ? null : String(found);
}

/** `caseStatusUpdateDates` with normalised status keys: when the case last entered each status. */
export function caseStatusDatesOf(item: IDataObject): Record<string, string> {
	const raw = item.caseStatusUpdateDates ?? item.statusDates;
	const dates: Record<string, string> = {};
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
		for (const [status, date] of Object.entries(raw as IDataObject)) {
			const key = caseStatusKey(status);
			if (key !== '' && (typeof date === 'string' || typeof date === 'number')) {
				dates[key] = String(date);
			}
		}
	}
	return dates;
}

/** The fields the normalised shape renames or gathers: they do not pass through a second time. */
const RENAMED_FIELDS = new Set([
	'_id',
	'id',
	'caseStatus',
	'status',
	'severityLevel',
	'severity',
	'numberOfAffectedObjects',
	'affectedObjectsCount',
	'caseStatusUpdateDates',
	'statusDates',
	'caseLabel',
	'label',
	'created_at',
	'createdAt',
	'updated_at',
	'updatedAt',
]);

/** What BigID writes into `ticketUrl` when its integration could not create the ticket. */
const TICKET_CREATION_FAILED = /^\s*creation failed\s*$/i;

/**
 * The ticket BigID's integration made for a case: `ticketUrl` (on the case, or in its
 * `ticketMetadata`) only when it is one, and "Creation Failed" as the failure it is.
 */
function ticketOf(item: IDataObject): { ticketUrl: string | null; ticketCreationFailed: boolean } {
	const metadata = (item.ticketMetadata ?? {}) as IDataObject;
	const raw = [item.ticketUrl, metadata.ticketUrl, metadata.url].find(
		(candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '',
	);
	const failed = raw !== undefined && TICKET_CREATION_FAILED.test(raw);
	return {
		ticketUrl: raw === undefined || failed ? null : raw.trim(),
		ticketCreationFailed: failed,
	};
}

/** The assignee as compared: e-mail addresses and user names do not differ by case or spaces. */
export const caseAssigneeKey = (value: unknown): string =>
	typeof value === 'string' ? value.trim().toLowerCase() : '';

/**
 * A DSPM case as the node and the trigger output it: both ID spellings, the friendly `caseId`,
 * `status` and `severity` as comparison keys, `owner` (the data source's, else the policy's),
 * the affected objects count as a number, and both date spellings. Other fields pass through.
 */
export function caseOutputOf(item: IDataObject): IDataObject {
	const id = idOf(item) ?? null;
	const passThrough = Object.fromEntries(
		Object.entries(item).filter(([key]) => !RENAMED_FIELDS.has(key)),
	);
	const affected = Number(item.numberOfAffectedObjects ?? item.affectedObjectsCount);
	const createdAt = dateText(createdAtValueOf(item));
	const updatedAt = dateText(updatedAtValueOf(item));
	return {
		id,
		_id: id,
		caseId: item.caseId ?? id,
		status: caseStatusOf(item),
		severity: caseSeverityOf(item) || null,
		label: item.caseLabel ?? item.label ?? null,
		...passThrough,
		owner: item.dataSourceOwner ?? item.policyOwner ?? null,
		assignee: item.assignee ?? null,
		...ticketOf(item),
		affectedObjectsCount: Number.isFinite(affected) ? affected : null,
		statusDates: caseStatusDatesOf(item),
		createdAt,
		created_at: createdAt,
		updatedAt,
		updated_at: updatedAt,
	};
}

/**
 * The fields of `caseOutputOf`, one spelling each: its own, then those BigID's cases pass
 * through (as the cases recorded from BigID in docs/bigid-api.md carry them).
 */
export const CASE_FIELDS = [
	'id',
	'caseId',
	'label',
	'status',
	'severity',
	'caseType',
	'policyName',
	'policyType',
	'policyOwner',
	'policyDescription',
	'policyLastTriggered',
	'compliance',
	'dataSourceName',
	'dataSourceType',
	'dataSourceDisplayName',
	'dataSourceOwner',
	'owner',
	'assignee',
	'ticketMetadata',
	'ticketUrl',
	'ticketCreationFailed',
	'affectedObjectsCount',
	'statusDates',
	'createdAt',
	'updatedAt',
] as const;

/**
 * A simplified case: the IDs Update Status and a ticket take, what it is about (label, policy,
 * data source), how bad it is (status, severity, affected objects), whom to tell (owner), and
 * when it last changed (what Get Many sorts and Updated Since filter by).
 */
export const SIMPLIFIED_CASE_FIELDS = [
	'id',
	'caseId',
	'label',
	'status',
	'severity',
	'policyName',
	'dataSourceName',
	'owner',
	'affectedObjectsCount',
	'updatedAt',
] as const satisfies ReadonlyArray<(typeof CASE_FIELDS)[number]>;

export const caseFields: ObjectFields = { all: CASE_FIELDS, simplified: SIMPLIFIED_CASE_FIELDS };

/** A condition of BigID's JSON filter array. */
export interface CaseFilterCondition extends IDataObject {
	field: string;
	value: string | string[];
	operator: string;
}

/** What the simple filters of Get Many ask for: each list means "any of these". */
export interface CaseFilters {
	statuses?: string[];
	severities?: string[];
	policyNames?: string[];
	dataSourceNames?: string[];
	caseTypes?: string[];
}

const FILTER_FIELDS: Record<keyof CaseFilters, string> = {
	statuses: 'caseStatus',
	severities: 'severityLevel',
	policyNames: 'policyName',
	dataSourceNames: 'dataSourceName',
	caseTypes: 'caseType',
};

/** Several values with `in`; one with `in` as a one-item list, or with the chosen equality operator. */
export function caseFilterOf(
	filters: CaseFilters,
	equality: EqualityOperator,
): CaseFilterCondition[] {
	const conditions: CaseFilterCondition[] = [];
	for (const [name, field] of Object.entries(FILTER_FIELDS) as Array<[keyof CaseFilters, string]>) {
		const values = [...new Set((filters[name] ?? []).map((value) => value.trim()))].filter(
			(value) => value !== '',
		);
		if (values.length === 0) continue;
		conditions.push(
			values.length === 1 && equality !== 'in'
				? { field, value: values[0], operator: equality }
				: { field, value: values, operator: 'in' },
		);
	}
	return conditions;
}

/**
 * A raw filter as BigID takes it: a JSON array of `{field, value, operator}`. Undefined when it
 * is; the reason otherwise.
 */
export function rawCaseFilterProblem(parsed: unknown): string | undefined {
	if (!Array.isArray(parsed)) return 'it is not a JSON array';
	const index = parsed.findIndex(
		(condition) =>
			!condition ||
			typeof condition !== 'object' ||
			Array.isArray(condition) ||
			typeof (condition as IDataObject).field !== 'string' ||
			(condition as IDataObject).value === undefined,
	);
	return index >= 0
		? `condition ${index + 1} is not an object with a "field" and a "value"`
		: undefined;
}

/** A row of the policy summary (cases grouped by policy), with `status` and `severity` as comparison keys. */
export function policyGroupOutputOf(group: IDataObject): IDataObject {
	const caseCount = Number(group.caseCount);
	return {
		...group,
		status: caseStatusKey(group.caseStatus) || null,
		severity: caseSeverityOf(group) || null,
		caseCount: Number.isFinite(caseCount) ? caseCount : null,
	};
}

/** What Get Metrics counts cases by, and the field of a group (or a case) that holds it. */
export const CASE_GROUPINGS = {
	policy: 'policyName',
	severity: 'severity',
	status: 'status',
	dataSource: 'dataSourceName',
} as const;
export type CaseGrouping = keyof typeof CASE_GROUPINGS;

/**
 * Case counts per value of `groupBy`, summed over the rows (BigID's groups, which may be finer
 * than asked, such as policy × status, or single cases counting one each), the largest first.
 * Undefined when a row lacks the value: BigID grouped by something else.
 */
export function caseCountsBy(
	rows: IDataObject[],
	groupBy: CaseGrouping,
	countOf: (row: IDataObject) => number,
): IDataObject[] | undefined {
	const field = CASE_GROUPINGS[groupBy];
	const counts = new Map<string, number>();
	for (const row of rows) {
		const value = row[field];
		if (typeof value !== 'string' || value === '') return undefined;
		counts.set(value, (counts.get(value) ?? 0) + countOf(row));
	}
	return [...counts.entries()]
		.sort(
			([leftValue, left], [rightValue, right]) =>
				right - left || leftValue.localeCompare(rightValue, 'en'),
		)
		.map(([group, caseCount]) => ({ groupBy, group, caseCount }));
}
