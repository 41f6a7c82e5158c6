import type { IDataObject } from 'n8n-workflow';

import { comparisonKey, copyOf, filledText, isRecord } from './object';

/** Where a DSAR request stands: its report is ready, it failed, or BigID is still searching. */
export type SarState = 'completed' | 'failed' | 'pending';

export interface SarStatus {
	/** The status as BigID spells it ('Completed', 'in_progress'...), empty when it gave none. */
	status: string;
	state: SarState;
	/** What BigID said about a failed request. */
	message?: string;
}

const COMPLETED_KEYS = new Set(['completed', 'complete', 'done', 'finished', 'ready', 'success']);
const FAILED_KEYS = new Set([
	'failed',
	'failure',
	'error',
	'errored',
	'aborted',
	'cancelled',
	'canceled',
	'rejected',
]);

/** The state a status spelling means; anything unknown is still in progress (BigID's set is open). */
function sarStateOf(status: string): SarState {
	const key = comparisonKey(status);
	if (COMPLETED_KEYS.has(key) || key.startsWith('completed') || key === 'succeeded') {
		return 'completed';
	}
	if (FAILED_KEYS.has(key)) return 'failed';
	return 'pending';
}

/** The status of a DSAR request from a status answer or a report, whichever field carries it. */
export function sarStatusOf(answer: IDataObject): SarStatus | undefined {
	const status =
		filledText(answer.status) ?? filledText(answer.state) ?? filledText(answer.requestStatus);
	if (status === undefined) return undefined;
	const state = sarStateOf(status);
	const message =
		state === 'failed'
			? (filledText(answer.message) ??
				filledText(answer.error) ??
				filledText(answer.errorMessage) ??
				filledText(answer.reason))
			: undefined;
	return { status, state, ...(message === undefined ? {} : { message }) };
}

/** The records of a report, under `records` (wrapped or not) or as a bare `data` list. */
export function sarRecordsOf(report: IDataObject, answer: IDataObject): IDataObject[] | undefined {
	const records = report.records ?? answer.records ?? answer.data;
	if (!Array.isArray(records)) return undefined;
	return records.filter(isRecord).map((record) => copyOf(record));
}

function csvCell(value: unknown): string {
	const text =
		value === undefined || value === null
			? ''
			: typeof value === 'object'
				? JSON.stringify(value)
				: String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The records as CSV (RFC 4180): one column per field in the order the records first name them,
 * nested values as JSON, CRLF line ends.
 */
export function sarRecordsAsCsv(records: IDataObject[]): string {
	const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
	const lines = [columns, ...records.map((record) => columns.map((column) => record[column]))];
	return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
