import type { IDataObject } from 'n8n-workflow';

/**
 * BigID's audit log: plain text, one event a line,
 * `[timestamp] [user] [ip] [audit_action] [api_endpoint] [resource] [user_agent]`. A line that
 * does not have that shape is kept whole as `{raw}`: it never stops the lines after it.
 */
export interface AuditEntry extends IDataObject {
	timestamp: string;
	user: string;
	ip: string;
	action: string;
	endpoint: string;
	resource: string;
	userAgent: string;
}

export type AuditRecord = AuditEntry | { raw: string };

// Six bracketed fields without a closing bracket in them, then the user agent, which may hold one.
const AUDIT_LINE =
	/^\[([^\]]*)\]\s*\[([^\]]*)\]\s*\[([^\]]*)\]\s*\[([^\]]*)\]\s*\[([^\]]*)\]\s*\[([^\]]*)\]\s*\[(.*)\]\s*$/;

export function parseAuditLine(line: string): AuditRecord {
	const match = AUDIT_LINE.exec(line.trim());
	if (!match) return { raw: line };
	const [, timestamp, user, ip, action, endpoint, resource, userAgent] = match;
	return { timestamp, user, ip, action, endpoint, resource, userAgent };
}

export const isAuditEntry = (record: AuditRecord): record is AuditEntry => !('raw' in record);

/** The lines of the log, blank ones left out. */
export function auditLinesOf(text: string): string[] {
	return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** A line's time in epoch milliseconds, when it has a readable timestamp. */
export function auditLineTime(line: string): number | undefined {
	const record = parseAuditLine(line);
	if (!isAuditEntry(record)) return undefined;
	const time = Date.parse(record.timestamp);
	return Number.isFinite(time) ? time : undefined;
}

/**
 * When each line happened: its own timestamp, or for a line without one that of the nearest
 * timed line before it (null before any). Computed on demand, so a reader of the end of a long
 * log parses only the end.
 */
export class AuditTimeline {
	private readonly times = new Map<number, number | null>();

	constructor(readonly lines: readonly string[]) {}

	timeAt(index: number): number | null {
		let cursor = index;
		const untimed: number[] = [];
		let time: number | null = null;
		while (cursor >= 0) {
			const known = this.times.get(cursor);
			if (known !== undefined) {
				time = known;
				break;
			}
			const own = auditLineTime(this.lines[cursor]);
			if (own !== undefined) {
				time = own;
				this.times.set(cursor, own);
				break;
			}
			untimed.push(cursor--);
		}
		for (const line of untimed) this.times.set(line, time);
		return time;
	}

	/** The first line of the run of lines that share the time of `index`. */
	runStart(index: number): number {
		const time = this.timeAt(index);
		let start = index;
		while (start > 0 && this.timeAt(start - 1) === time) start--;
		return start;
	}
}

/** Patterns compared without case, `*` standing for any text: `*user*`, `login_failed`. */
export function wildcardMatcher(patterns: readonly string[]): (value: string) => boolean {
	const expressions = patterns
		.map((pattern) => pattern.trim())
		.filter((pattern) => pattern !== '')
		.map(
			(pattern) =>
				new RegExp(
					`^${pattern
						.split('*')
						.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
						.join('.*')}$`,
					'i',
				),
		);
	return (value) => expressions.length === 0 || expressions.some((pattern) => pattern.test(value));
}

export interface AuditFilter {
	users?: readonly string[];
	actions?: readonly string[];
	endpoints?: readonly string[];
}

/**
 * Whether a record passes the filters; a line that did not parse passes only when no filter is
 * set, since nothing in it can be matched.
 */
export function auditRecordMatcher(filter: AuditFilter): (record: AuditRecord) => boolean {
	const patterns = [filter.users, filter.actions, filter.endpoints];
	const unfiltered = patterns.every(
		(list) => (list ?? []).filter((pattern) => pattern.trim() !== '').length === 0,
	);
	const [user, action, endpoint] = patterns.map((list) => wildcardMatcher(list ?? []));
	return (record) =>
		isAuditEntry(record)
			? user(record.user) && action(record.action) && endpoint(record.endpoint)
			: unfiltered;
}
