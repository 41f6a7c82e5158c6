import type {
	AuditCursor,
	AuditDetectionOptions,
} from '../../nodes/BigId/trigger/auditLog/auditChanges';
import {
	detectAuditEntries,
	newestAuditEntry,
} from '../../nodes/BigId/trigger/auditLog/auditChanges';

const BASE_MS = Date.UTC(2026, 5, 1);
const NO_FILTER: AuditDetectionOptions = {};

/** One audit line at BASE + `second` seconds. */
const line = (second: number, action = 'login', user = 'admin') =>
	`[${new Date(BASE_MS + second * 1000).toISOString()}] [${user}] [10.0.0.1] [${action}] [/api/v1/sessions] [${user}] [agent]`;
const textOf = (lines: string[]) => lines.map((entry) => `${entry}\n`).join('');

/** Polls a log that changes between polls; returns the lines each poll emitted. */
class Reader {
	cursor: AuditCursor | undefined;

	constructor(private readonly options: AuditDetectionOptions = NO_FILTER) {}

	poll(lines: string[]): string[] {
		const { events, nextState } = detectAuditEntries(this.cursor, textOf(lines), this.options);
		this.cursor = nextState;
		return events.map((event) => {
			const entry = event.entry!;
			return 'raw' in entry
				? String(entry.raw)
				: `${String(entry.timestamp)} ${String(entry.action)}`;
		});
	}
}

const described = (lines: string[]) =>
	lines.map((entry) => {
		const match = /^\[([^\]]+)\] \[[^\]]*\] \[[^\]]*\] \[([^\]]*)\]/.exec(entry);
		return match ? `${match[1]} ${match[2]}` : entry;
	});

describe('detectAuditEntries', () => {
	it('records a baseline, then emits each appended line once, oldest first', () => {
		const reader = new Reader();
		const log = [line(1), line(2)];
		expect(reader.poll(log)).toEqual([]);
		expect(reader.poll(log)).toEqual([]);
		log.push(line(3, 'create_user'), line(3, 'update_user'), line(4));
		expect(reader.poll(log)).toEqual(described(log.slice(2)));
		expect(reader.poll(log)).toEqual([]);
	});

	it('after a rotation, finds its place further up, or resumes from its time once the place rotated out', () => {
		const reader = new Reader();
		const log = Array.from({ length: 10 }, (_, index) => line(index));
		reader.poll(log);
		const appended = [line(10, 'a'), line(11, 'b'), line(12, 'c')];
		// Rotation drops the 8 oldest lines, the last one read among them stays.
		const rotated = [...log.slice(8), ...appended];
		expect(reader.poll(rotated)).toEqual(described(appended));
		expect(reader.poll(rotated)).toEqual([]);
		// A rotation past everything read: the place is gone, every line left is newer.
		const later = [line(20, 'd'), line(21, 'e')];
		expect(reader.poll(later)).toEqual(described(later));
	});

	it('after a truncation, emits what the fresh log holds, then carries on by position', () => {
		const reader = new Reader();
		reader.poll([line(1), line(2)]);
		expect(reader.poll([])).toEqual([]);
		const fresh = [line(3, 'x')];
		expect(reader.poll(fresh)).toEqual(described(fresh));
		fresh.push(line(4, 'y'));
		expect(reader.poll(fresh)).toEqual(described([line(4, 'y')]));
	});

	it('after a truncation, tells new lines of the saved time from those already seen', () => {
		const reader = new Reader();
		reader.poll([line(1), line(5, 'a'), line(5, 'b')]);
		const refilled = [line(5, 'b'), line(5, 'c'), line(4, 'late'), line(6)];
		expect(reader.poll(refilled)).toEqual(described([line(5, 'c'), line(6)]));
	});

	it('tells identical lines of one time apart after a rotation', () => {
		const reader = new Reader();
		const same = line(5, 'update_user');
		reader.poll([line(1), same, same]);
		// Rotated; at second 5 one more identical line and another one arrived.
		const rotated = [same, same, same, line(5, 'delete_user'), line(6)];
		expect(reader.poll(rotated)).toEqual(described([same, line(5, 'delete_user'), line(6)]));
	});

	it('never emits nothing forever: when the log restarted with older times it resumes by position', () => {
		const reader = new Reader();
		reader.poll([line(100), line(101)]);
		const restarted = [line(1, 'old-clock')];
		expect(reader.poll(restarted)).toEqual([]);
		restarted.push(line(2, 'next'));
		expect(reader.poll(restarted)).toEqual(described([line(2, 'next')]));
	});

	it('emits an unparseable line once, as raw, and keeps reading the lines after it', () => {
		const reader = new Reader();
		reader.poll([line(1)]);
		const log = [line(1), 'stack trace: [oops]', line(2, 'after')];
		expect(reader.poll(log)).toEqual(['stack trace: [oops]', ...described([line(2, 'after')])]);
		// Rotation keeps the raw line: it counts as of the line before it, so it is not new again.
		expect(reader.poll(log.slice(1))).toEqual([]);
	});

	it('gives the same unparseable line written at two times two event IDs', () => {
		const flushed = 'audit writer: flushed 40 events';
		const { events } = detectAuditEntries(
			detectAuditEntries(undefined, textOf([line(0)]), NO_FILTER).nextState,
			textOf([line(0), line(1), flushed, line(2), flushed]),
			NO_FILTER,
		);
		const raw = events.filter((event) => 'raw' in event.entry!);
		expect(raw).toHaveLength(2);
		expect(raw[0].eventId).not.toBe(raw[1].eventId);
		expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
	});

	it('filters on action, user and endpoint without losing its place', () => {
		const reader = new Reader({ actions: ['login_failed', '*user*'], users: ['ADMIN', 'svc-*'] });
		reader.poll([line(1)]);
		const log = [
			line(1),
			line(2, 'login_failed'),
			line(3, 'login'),
			line(4, 'create_user', 'svc-sync'),
			line(5, 'delete_user', 'eve'),
			'not parseable',
		];
		expect(reader.poll(log)).toEqual(described([line(2, 'login_failed'), log[3]]));
		expect(reader.poll(log)).toEqual([]);
	});

	it('resumes at its place even when a line out of time order sits before it', () => {
		const reader = new Reader();
		const log = [line(1), line(999, 'clock-skew'), line(2), line(3)];
		reader.poll(log);
		const rotated = [...log.slice(1), line(4, 'new')];
		expect(reader.poll(rotated)).toEqual(described([line(4, 'new')]));
	});

	it('derives the same events with the same ids when a poll runs again on the same cursor', () => {
		const base = detectAuditEntries(undefined, textOf([line(1)]), NO_FILTER).nextState;
		const log = textOf([line(1), line(2), line(2)]);
		const first = detectAuditEntries(base, log, NO_FILTER);
		const again = detectAuditEntries(base, log, NO_FILTER);
		expect(again).toEqual(first);
		expect(new Set(first.events.map((event) => event.eventId)).size).toBe(2);
	});

	it('keeps the saved state small over a long log: one run of keys', () => {
		const log = Array.from({ length: 5000 }, (_, index) => line(index));
		const { nextState } = detectAuditEntries(undefined, textOf(log), NO_FILTER);
		expect(nextState.seenAt).toHaveLength(1);
		expect(JSON.stringify(nextState).length).toBeLessThan(200);
	});

	it('keeps the state bounded, and each line once, on a log without a readable time', () => {
		const reader = new Reader();
		const log = Array.from({ length: 3000 }, (_, index) => `free text line ${index}`);
		reader.poll(log);
		expect(reader.cursor!.seenAt).toHaveLength(200);
		expect(JSON.stringify(reader.cursor).length).toBeLessThan(3000);
		log.push('free text line new');
		expect(reader.poll(log)).toEqual(['free text line new']);
		// Rotated: the place is found further up.
		expect(reader.poll([...log.slice(1000), 'another'])).toEqual(['another']);
	});
});

describe('newestAuditEntry', () => {
	it('is the newest line passing the filters', () => {
		const text = textOf([line(1, 'login_failed'), line(2, 'login'), 'junk']);
		expect(newestAuditEntry(text, NO_FILTER)?.entry).toEqual({ raw: 'junk' });
		expect(newestAuditEntry(text, { actions: ['login_failed'] })?.entry).toMatchObject({
			action: 'login_failed',
		});
		expect(newestAuditEntry(text, { users: ['nobody'] })).toBeUndefined();
	});
});
