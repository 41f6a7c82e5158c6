import type { IPollFunctions } from 'n8n-workflow';

import type { CasePaging } from '../../api/cases';
import { listCasesNewestFirst } from '../../api/cases';
import type { TriggerEvent } from '../events';
import type { CaseCursor, CaseDetection, CaseDetectionOptions } from './caseChanges';
import { detectCaseChanges, needsEveryCase } from './caseChanges';
import { BEFORE_EVERYTHING } from '../cursor';

/** Small pages: a poll where nothing changed reads one of them. */
export const CASE_PAGE_SIZE = 50;
/** Learning every case's assignee reads them all once: pages as large as BigID's lists take. */
const LEARNING_PAGE_SIZE = 1000;

export interface CaseSettings extends CaseDetectionOptions {
	paging: CasePaging;
}

/**
 * Cases newest `updated_at` first, down to the cursor (the baseline: one page), and their events;
 * every case, in large pages, when Case Assigned has yet to learn the assignees.
 */
export async function pollCases(
	this: IPollFunctions,
	cursor: CaseCursor | undefined,
	settings: CaseSettings,
): Promise<CaseDetection> {
	const everyCase = needsEveryCase(cursor, settings);
	const sinceMs = everyCase ? -Infinity : (cursor?.updatedAt ?? Infinity);
	const { items } = await listCasesNewestFirst.call(this, sinceMs, {
		pageSize: everyCase ? LEARNING_PAGE_SIZE : CASE_PAGE_SIZE,
		paging: settings.paging,
	});
	return detectCaseChanges(cursor, items, settings);
}

/** Manual mode: the newest case of the first page that passes the filters, as Case Created. */
export async function sampleCase(
	this: IPollFunctions,
	settings: CaseSettings,
): Promise<TriggerEvent | undefined> {
	const { items } = await listCasesNewestFirst.call(this, Infinity, {
		limit: CASE_PAGE_SIZE,
		pageSize: CASE_PAGE_SIZE,
		paging: settings.paging,
	});
	const { events } = detectCaseChanges(BEFORE_EVERYTHING, items, {
		...settings,
		events: ['caseCreated'],
	});
	return events[events.length - 1];
}
