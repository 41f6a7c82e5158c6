import type { IPollFunctions } from 'n8n-workflow';

import type { CasePaging } from '../../api/cases';
import { listCasesNewestFirst } from '../../api/cases';
import type { TriggerEvent } from '../events';
import type { CaseCursor, CaseDetection, CaseDetectionOptions } from './caseChanges';
import { detectCaseChanges } from './caseChanges';
import { BEFORE_EVERYTHING } from '../cursor';

/** Small pages: a poll where nothing changed reads one of them. */
export const CASE_PAGE_SIZE = 50;

export interface CaseSettings extends CaseDetectionOptions {
	paging: CasePaging;
}

/** Cases newest `updated_at` first, down to the cursor (the baseline: one page), and their events. */
export async function pollCases(
	this: IPollFunctions,
	cursor: CaseCursor | undefined,
	settings: CaseSettings,
): Promise<CaseDetection> {
	const { items } = await listCasesNewestFirst.call(this, cursor?.updatedAt ?? Infinity, {
		pageSize: CASE_PAGE_SIZE,
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
