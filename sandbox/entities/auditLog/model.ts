import { iso, SEED_EPOCH_MS, type SandboxClock } from '../../clock';
import type { ModelServices } from '../../entity';

export interface AuditEvent {
	user: string;
	ip: string;
	action: string;
	endpoint: string;
	resource: string;
	userAgent: string;
}

/** Real logs hold lines in no audit format (a writer's notice, a wrapped stack trace): one per this many events. */
const EVENTS_PER_UNPARSEABLE_LINE = 40;
export const DEFAULT_MAX_AUDIT_LINES = 1000;
const SEEDED_LOGINS = 5;

export function auditLineOf(timestampMs: number, event: AuditEvent): string {
	const { user, ip, action, endpoint, resource, userAgent } = event;
	return [iso(timestampMs), user, ip, action, endpoint, resource, userAgent]
		.map((field) => `[${field}]`)
		.join(' ');
}

/**
 * BigID's audit log: what the sandbox really saw (logins, failed logins, writes), one line per
 * event in BigID's format, timed by the virtual clock. Past `maxLines` the oldest lines are
 * dropped, as a rotated log loses them.
 */
export class AuditLogModel {
	maxLines = DEFAULT_MAX_AUDIT_LINES;
	private lines: string[] = [];
	private recorded = 0;
	private readonly clock: SandboxClock;

	constructor({ clock, options }: ModelServices) {
		this.clock = clock;
		for (let index = 0; index < SEEDED_LOGINS; index++) {
			this.lines.push(
				auditLineOf(SEED_EPOCH_MS + index * 3600 * 1000, {
					user: options.adminUsername,
					ip: '10.0.0.5',
					action: 'login',
					endpoint: '/api/v1/sessions',
					resource: options.adminUsername,
					userAgent: 'Mozilla/5.0 (BigID UI)',
				}),
			);
		}
	}

	get text(): string {
		return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
	}

	get lineCount(): number {
		return this.lines.length;
	}

	record(event: AuditEvent): void {
		this.append(auditLineOf(this.clock.stamp(), event));
		this.recorded += 1;
		if (this.recorded % EVENTS_PER_UNPARSEABLE_LINE === 0) {
			this.append(`audit writer: flushed ${EVENTS_PER_UNPARSEABLE_LINE} events`);
		}
	}

	/** A line as it is, for tests: an unparseable one, or one with a chosen timestamp. */
	append(line: string): void {
		this.lines.push(line);
		this.rotate();
	}

	/** Drops the oldest lines down to `keep`, as a rotation does. */
	rotate(keep = this.maxLines): void {
		if (this.lines.length > keep) this.lines.splice(0, this.lines.length - keep);
	}

	/** Empties the log, as a truncation or a new log file does. */
	truncate(): void {
		this.lines = [];
	}
}
