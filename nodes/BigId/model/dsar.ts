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

/**
 * What a spreadsheet runs as a formula when a cell starts with it (OWASP's CSV injection list). A
 * DSAR report holds what people typed, the data subject's own request included, so a value such as
 * `=HYPERLINK(...)` would otherwise run when a privacy officer opens the file.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: unknown, escapeFormulas: boolean): string {
	const text =
		value === undefined || value === null
			? ''
			: typeof value === 'object'
				? JSON.stringify(value)
				: String(value);
	// A number or boolean is the value itself, never text a spreadsheet could take for a formula.
	const cell =
		escapeFormulas && typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
	return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * The records as CSV (RFC 4180): one column per field in the order the records first name them,
 * nested values as JSON, CRLF line ends. With `escapeFormulas`, a text that starts like a formula
 * gets a leading apostrophe, which spreadsheets show as text and do not display.
 */
export function sarRecordsAsCsv(
	records: IDataObject[],
	{ escapeFormulas }: { escapeFormulas: boolean },
): string {
	const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
	const lines = [columns, ...records.map((record) => columns.map((column) => record[column]))];
	return (
		lines
			.map((cells) => cells.map((cell) => csvCell(cell, escapeFormulas)).join(','))
			.join('\r\n') + '\r\n'
	);
}
