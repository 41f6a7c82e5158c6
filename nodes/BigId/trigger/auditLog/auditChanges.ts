/**
 * Audit log change detection: which lines are new since the cursor the last poll left, and the
 * cursor to remember. No n8n, no HTTP.
 *
 * The cursor remembers the place it ended on (the last line and the one before it): the lines
 * after that place are new, where the log only grew and where a rotation dropped the oldest
 * lines and moved it up. When the place itself is gone (rotated out, or the log truncated), the
 * cursor resumes from its time: lines later than the last one processed are new, and so are lines
 * of that same time it had not seen. So neither the whole log is emitted again nor are new lines
 * waited for forever. Two identical consecutive lines (same time, user, action...) can make a
 * rotated place ambiguous; the nearest one to the end is taken.
 */
import type { IDataObject } from 'n8n-workflow';

import type { AuditFilter } from '../../model/auditLog';
import {
	AuditTimeline,
	auditLinesOf,
	auditRecordMatcher,
	parseAuditLine,
} from '../../model/auditLog';
import type { TriggerEvent } from '../events';
import { hashId } from '../fingerprint';

export interface AuditCursor {
	/** Hash of the log's first line ('' for an empty log): the log only grew while it stays. */
	head: string;
	/** How many lines the log had. */
	lines: number;
	/** Hash of the last line and the one before it: the place the next poll starts after. */
	last: string;
	/** When the last line happened (epoch ms), null when no line had a timestamp yet. */
	at: number | null;
	/** Keys of the lines of the last run of time `at`, to tell them from new lines of that time. */
	seenAt: string[];
}

export type AuditDetectionOptions = AuditFilter;

export interface AuditDetection {
	events: TriggerEvent[];
	nextState: AuditCursor;
}

/**
 * A log whose lines have no readable time is one long run: only its last lines are remembered,
 * so the state stays small (a rotation that takes the place of such a log may repeat older ones).
 */
const MAX_SEEN_AT = 200;

const headOf = (lines: readonly string[]) => (lines.length === 0 ? '' : hashId([lines[0]]));
const placeOf = (lines: readonly string[], end: number) =>
	end === 0 ? '' : hashId([lines[end - 2] ?? '', lines[end - 1]]);

/**
 * A line's key: the line, its time (an unparseable line has the time of the line before it) and
 * how many identical lines came before it in its run of one time, so two identical events in the
 * same millisecond stay two events, and the same unparseable line written at two times too.
 */
function keysFrom(timeline: AuditTimeline, from: number): Map<number, string> {
	const { lines } = timeline;
	const keys = new Map<number, string>();
	if (from >= lines.length) return keys;
	let occurrences = new Map<string, number>();
	let runTime: number | null | undefined;
	for (let index = timeline.runStart(from); index < lines.length; index++) {
		const time = timeline.timeAt(index);
		if (time !== runTime) {
			occurrences = new Map();
			runTime = time;
		}
		const seen = occurrences.get(lines[index]) ?? 0;
		occurrences.set(lines[index], seen + 1);
		if (index >= from) keys.set(index, hashId([lines[index], String(time), String(seen)]));
	}
	return keys;
}

const later = (time: number | null, than: number | null) =>
	time !== null && (than === null || time > than);

function cursorAt(timeline: AuditTimeline, keys: Map<number, string>): AuditCursor {
	const { lines } = timeline;
	const end = lines.length;
	if (end === 0) return { head: '', lines: 0, last: '', at: null, seenAt: [] };
	const at = timeline.timeAt(end - 1);
	const runStart = Math.max(end - MAX_SEEN_AT, timeline.runStart(end - 1));
	const runKeys = keys.has(runStart) ? keys : keysFrom(timeline, runStart);
	const seenAt: string[] = [];
	for (let index = runStart; index < end; index++) seenAt.push(runKeys.get(index)!);
	return { head: headOf(lines), lines: end, last: placeOf(lines, end), at, seenAt: seenAt.sort() };
}

/**
 * The index of the first new line when the place the cursor ended on is still in the log: where
 * it was while the log only grew, further up once a rotation dropped the oldest lines (at least
 * one, since the first line changed). Undefined when it is gone.
 */
function resumeFrom(lines: readonly string[], cursor: AuditCursor): number | undefined {
	if (cursor.lines === 0) return cursor.head === '' ? 0 : undefined;
	const grewOnly = headOf(lines) === cursor.head;
	if (grewOnly && lines.length >= cursor.lines && placeOf(lines, cursor.lines) === cursor.last) {
		return cursor.lines;
	}
	for (
		let end = Math.min(lines.length, grewOnly ? cursor.lines : cursor.lines - 1);
		end > 0;
		end--
	) {
		if (placeOf(lines, end) === cursor.last) return end;
	}
	return undefined;
}

export function auditEntryEvent(
	line: string,
	key: string,
	time: number | null,
	sequence: number,
): TriggerEvent {
	return {
		event: 'auditLogEntry',
		eventId: key,
		occurredAt: time ?? 0,
		sequence,
		entry: parseAuditLine(line) as IDataObject,
	};
}

/**
 * The new lines of the log since the cursor, of which those that pass the filters are reported,
 * oldest first. Without a cursor this is the baseline: the end of the log becomes the cursor.
 */
export function detectAuditEntries(
	previous: AuditCursor | undefined,
	text: string,
	options: AuditDetectionOptions,
): AuditDetection {
	const timeline = new AuditTimeline(auditLinesOf(text));
	const { lines } = timeline;
	if (previous === undefined) return { events: [], nextState: cursorAt(timeline, new Map()) };

	const appended = resumeFrom(lines, previous);
	const keys = keysFrom(timeline, appended ?? 0);
	const seenAt = new Set(previous.seenAt);
	const isNew = (index: number) => {
		if (appended !== undefined) return index >= appended;
		const time = timeline.timeAt(index);
		return later(time, previous.at) || (time === previous.at && !seenAt.has(keys.get(index)!));
	};
	const matches = auditRecordMatcher(options);
	const events: TriggerEvent[] = [];
	for (let index = appended ?? 0; index < lines.length; index++) {
		if (!isNew(index)) continue;
		const event = auditEntryEvent(lines[index], keys.get(index)!, timeline.timeAt(index), index);
		if (matches(event.entry as ReturnType<typeof parseAuditLine>)) events.push(event);
	}
	return { events, nextState: cursorAt(timeline, keys) };
}

/** Manual mode: the newest line that passes the filters. */
export function newestAuditEntry(
	text: string,
	options: AuditDetectionOptions,
): TriggerEvent | undefined {
	const timeline = new AuditTimeline(auditLinesOf(text));
	const matches = auditRecordMatcher(options);
	for (let index = timeline.lines.length - 1; index >= 0; index--) {
		const line = timeline.lines[index];
		if (!matches(parseAuditLine(line))) continue;
		const key = keysFrom(timeline, index).get(index)!;
		return auditEntryEvent(line, key, timeline.timeAt(index), index);
	}
	return undefined;
}
