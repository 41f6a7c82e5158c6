/**
 * DSPM case change detection: which cases were created, and which statuses they entered, since
 * the cursor the last poll left, and the cursor to remember. No n8n, no HTTP.
 *
 * BigID lists a case with its current status only, but also with `caseStatusUpdateDates`: when
 * the case last entered each status. A case that went open -> acknowledged -> remediated between
 * two polls therefore yields two Case Status Changed events, in order, each with its old and new
 * status. A status entered twice between two polls (open -> acknowledged -> open) keeps only its
 * latest date, so it is reported once. A case listed without those dates shows only its latest
 * status: any change of it then reads as one status change, to the current status, with the old
 * status unknown.
 *
 * BigID lists only a case's current assignee, so Case Assigned needs the trigger to remember
 * each case's assignee: the first poll with that event reads every case once to learn them, and
 * each later poll compares the cases that changed with what it remembers.
 */
import type { IDataObject } from 'n8n-workflow';

import { caseAssigneeKey, caseSeverityOf, caseStatusDatesOf, caseStatusOf } from '../../model/case';
import { createdAtValueOf, idOf, sameText, timeOf, updatedAtOf } from '../../model/object';
import type { TriggerEvent } from '../events';
import type { CaseEventName } from './events';
import { sortEvents } from '../events';
import type { UpdatedAtCursor } from '../cursor';
import { BEFORE_EVERYTHING, changedSince, cursorAfter } from '../cursor';
import { hashId } from '../fingerprint';

/**
 * The assignee of each case the trigger knows, while Case Assigned is selected: the distinct
 * assignees once, and for each case `_id` the index of its own (-1 for none), so 10,000 cases of
 * a dozen assignees cost ~300 KB of static data, not a copy of each address per case.
 */
export interface AssigneeMemory {
	assignees: string[];
	byCase: Record<string, number>;
}

/** Its boundary holds `id:status` keys. */
export interface CaseCursor extends UpdatedAtCursor {
	assignees?: AssigneeMemory;
}

export interface CaseDetectionOptions {
	events: CaseEventName[];
	/** Severity keys (model/case.ts `caseStatusKey`); empty for every severity. */
	severities: readonly string[];
	/** Policy names, compared without case; empty for every policy. */
	policyNames: readonly string[];
	/** Status keys the event's (new) status must have; empty for every status. */
	statuses: readonly string[];
}

export interface CaseDetection {
	events: TriggerEvent[];
	nextState: CaseCursor;
}

interface StatusEntry {
	status: string;
	at: number;
}

function boundaryKey(item: IDataObject): string {
	return `${idOf(item) ?? ''}:${caseStatusOf(item)}`;
}

/**
 * The statuses the case entered, oldest first. The current status is always the last one: when
 * the dates lack it (or date it before another), it is taken to have been entered at `updated_at`.
 */
export function statusHistoryOf(item: IDataObject): StatusEntry[] {
	const current = caseStatusOf(item);
	const entries = Object.entries(caseStatusDatesOf(item))
		.map(([status, date]) => ({ status, at: timeOf(date, NaN) }))
		.filter((entry) => Number.isFinite(entry.at) && entry.status !== current);
	const currentDate = caseStatusDatesOf(item)[current];
	const latestOther = Math.max(-Infinity, ...entries.map((entry) => entry.at));
	const currentAt = timeOf(currentDate, NaN);
	entries.push({
		status: current,
		at: Number.isFinite(currentAt) && currentAt >= latestOther ? currentAt : updatedAtOf(item),
	});
	return entries.sort(
		(left, right) =>
			left.at - right.at || (left.status < right.status ? -1 : left.status > right.status ? 1 : 0),
	);
}

function passesFilters(item: IDataObject, status: string, options: CaseDetectionOptions): boolean {
	if (options.statuses.length > 0 && !options.statuses.includes(status)) return false;
	if (options.severities.length > 0 && !options.severities.includes(caseSeverityOf(item))) {
		return false;
	}
	if (options.policyNames.length === 0) return true;
	return options.policyNames.some((name) => sameText(item.policyName, name));
}

export function caseCreatedEvent(item: IDataObject): TriggerEvent {
	const createdAt = timeOf(createdAtValueOf(item), updatedAtOf(item));
	return {
		event: 'caseCreated',
		eventId: hashId(['caseCreated', idOf(item) ?? '']),
		occurredAt: Number.isFinite(createdAt) ? createdAt : 0,
		case: item,
	};
}

function assignedEvent(item: IDataObject, previous: string | null): TriggerEvent {
	const assignee = assigneeOf(item);
	const at = updatedAtOf(item);
	return {
		event: 'caseAssigned',
		eventId: hashId(['caseAssigned', idOf(item) ?? '', caseAssigneeKey(assignee), String(at)]),
		occurredAt: at,
		case: item,
		changes: { assignee: { old: previous, new: assignee } },
	};
}

const assigneeOf = (item: IDataObject): string | null =>
	typeof item.assignee === 'string' && item.assignee.trim() !== '' ? item.assignee : null;

/**
 * The memory after `cases` (every case while learning, else those that changed). A quiet poll
 * keeps the memory as it is: rebuilding it would walk every known case for nothing.
 */
function rememberAssignees(
	memory: AssigneeMemory | undefined,
	cases: IDataObject[],
): AssigneeMemory {
	if (memory && cases.length === 0) return memory;
	const byCase: Record<string, string | null> = {};
	if (memory) {
		for (const [id, index] of Object.entries(memory.byCase)) {
			byCase[id] = memory.assignees[index] ?? null;
		}
	}
	for (const item of cases) byCase[idOf(item) ?? ''] = assigneeOf(item);
	delete byCase[''];
	const assignees = [...new Set(Object.values(byCase).filter((name) => name !== null))].sort();
	const indexOf = new Map(assignees.map((name, index) => [name, index]));
	return {
		assignees,
		byCase: Object.fromEntries(
			Object.entries(byCase).map(([id, name]) => [id, name === null ? -1 : indexOf.get(name)!]),
		),
	};
}

/** The assignee the memory holds for a case: undefined for a case it does not know. */
function rememberedAssignee(memory: AssigneeMemory, item: IDataObject): string | null | undefined {
	const index = memory.byCase[idOf(item) ?? ''];
	if (index === undefined) return undefined;
	return memory.assignees[index] ?? null;
}

function statusChangedEvent(
	item: IDataObject,
	entry: StatusEntry,
	previous: StatusEntry | undefined,
): TriggerEvent {
	return {
		event: 'caseStatusChanged',
		eventId: hashId(['caseStatusChanged', idOf(item) ?? '', entry.status, String(entry.at)]),
		occurredAt: entry.at,
		case: item,
		changes: {
			status: previous ? { old: previous.status, new: entry.status } : { new: entry.status },
		},
	};
}

/** The events one case gives since the cursor: its creation, each status it entered, its new assignee. */
function eventsOf(item: IDataObject, cursor: CaseCursor, options: CaseDetectionOptions) {
	const inBoundary = cursor.boundary.some((key) => key.startsWith(`${idOf(item) ?? ''}:`));
	const isAfterCursor = (at: number) =>
		at > cursor.updatedAt || (at === cursor.updatedAt && !inBoundary);
	const createdAt = timeOf(createdAtValueOf(item), NaN);
	const history = statusHistoryOf(item);
	const created = Number.isFinite(createdAt) && isAfterCursor(createdAt);
	const events: TriggerEvent[] = [];
	if (created && options.events.includes('caseCreated')) {
		if (passesFilters(item, history[0].status, options)) events.push(caseCreatedEvent(item));
	}
	if (options.events.includes('caseStatusChanged')) {
		history.forEach((entry, index) => {
			// The status a new case was opened with is its creation, not a change.
			if (created && (index === 0 || entry.at <= createdAt)) return;
			if (!isAfterCursor(entry.at) || !passesFilters(item, entry.status, options)) return;
			events.push(statusChangedEvent(item, entry, history[index - 1]));
		});
	}
	if (options.events.includes('caseAssigned') && cursor.assignees) {
		// A case the memory does not know is new: the assignee it was opened with is no change.
		const previous = rememberedAssignee(cursor.assignees, item);
		const changed =
			previous !== undefined && caseAssigneeKey(previous) !== caseAssigneeKey(assigneeOf(item));
		if (changed && passesFilters(item, caseStatusOf(item), options)) {
			events.push(assignedEvent(item, previous));
		}
	}
	return events;
}

/**
 * Whether a poll must read every case: Case Assigned is selected and the trigger does not know
 * the assignees yet (its first poll, or the event added to an active trigger).
 */
export function needsEveryCase(
	cursor: CaseCursor | undefined,
	options: Pick<CaseDetectionOptions, 'events'>,
): boolean {
	return options.events.includes('caseAssigned') && cursor?.assignees === undefined;
}

/**
 * Cases changed since the cursor, read newest first, and the events they give. Without a cursor
 * this is the baseline: the newest listed case becomes the cursor, nothing is reported. When
 * `needsEveryCase`, `cases` is every case, and the assignees are learnt without an event.
 */
export function detectCaseChanges(
	previous: CaseCursor | undefined,
	cases: IDataObject[],
	options: CaseDetectionOptions,
): CaseDetection {
	const cursor: CaseCursor = previous ?? BEFORE_EVERYTHING;
	const seen = new Set<string>();
	const fresh = changedSince(cursor, cases, boundaryKey).filter((item) => {
		const key = idOf(item) ?? '';
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	const watchesAssignees = options.events.includes('caseAssigned');
	const nextState: CaseCursor = {
		...cursorAfter(cursor, fresh, boundaryKey),
		...(watchesAssignees
			? {
					assignees: rememberAssignees(
						cursor.assignees,
						needsEveryCase(previous, options) ? cases : fresh,
					),
				}
			: {}),
	};
	if (previous === undefined) return { events: [], nextState };
	return {
		events: sortEvents(fresh.flatMap((item) => eventsOf(item, cursor, options))),
		nextState,
	};
}
