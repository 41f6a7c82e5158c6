import { auditLineOf } from '../../sandbox/entities/auditLog/model';
import { auditLogApi } from '../../sandbox/entities/auditLog/routes';
import { measure, spread } from '../measure';
import type { Row } from '../report';
import { countGoal } from '../report';
import type { BenchContext, Scenario } from './common';
import { activeTrigger } from './common';

const SCENARIO = 9;
const ROUTE = 'GET /api/v1/audit-log';
const LOG_LINES = 100_000;
const NEW_LINES = 50;
/** Polls take tens of milliseconds, so each run is this many polls. */
const POLLS_PER_RUN = 5;
/** The cursor keeps a few hashes whatever the log's length: a bound well above them. */
const STATE_BYTES_GOAL = 1000;

interface Poll {
	ms: number;
	requests: number;
	emitted: number;
	stateBytes: number;
}

/**
 * The Audit Log Entry trigger over a 100,000-line log with 50 new lines a poll: once on a log
 * that only grows (the saved position holds), once on a log rotated at 100,000 lines (every
 * poll's position is gone and the cursor resumes by time).
 */
async function pollRows(context: BenchContext, rotating: boolean): Promise<Row[]> {
	const { sandbox, options } = context;
	const auditLog = sandbox.store.model(auditLogApi);
	auditLog.truncate();
	auditLog.maxLines = rotating ? LOG_LINES : Number.MAX_SAFE_INTEGER;
	let second = 0;
	const appendLines = (count: number) => {
		for (let index = 0; index < count; index++) {
			auditLog.append(
				auditLineOf(Date.UTC(2026, 0, 1) + 1000 * second++, {
					user: `user-${index % 97}`,
					ip: '10.0.0.7',
					action: index % 10 === 0 ? 'login_failed' : 'update_user',
					endpoint: `/api/v1/users/${index}`,
					resource: String(index),
					userAgent: 'Mozilla/5.0 (bench)',
				}),
			);
		}
	};
	appendLines(LOG_LINES);
	const trigger = await activeTrigger(sandbox, ['auditLogEntry']);

	const polls: Poll[] = [];
	for (let run = 0; run < options.warmup + options.runs; run++) {
		for (let index = 0; index < POLLS_PER_RUN; index++) {
			appendLines(NEW_LINES);
			const { result, measurement } = await measure(sandbox, () => trigger.poll(), {
				memory: false,
			});
			if (result.error) throw result.error;
			if (run < options.warmup) continue;
			polls.push({
				ms: measurement.ms,
				requests: measurement.byRoute[ROUTE] ?? 0,
				emitted: result.items?.length ?? 0,
				stateBytes: Buffer.byteLength(JSON.stringify(trigger.savedState)),
			});
		}
	}
	const label = `Audit trigger, ${LOG_LINES.toLocaleString('en-US')} lines ${rotating ? 'rotating' : 'growing'}, ${NEW_LINES} new`;
	const values = (pick: (poll: Poll) => number) => spread(polls.map(pick));
	return [
		{
			scenario: SCENARIO,
			figure: `${label}: time per poll (ms)`,
			pack: values((poll) => poll.ms),
			digits: 1,
		},
		{
			scenario: SCENARIO,
			figure: `${label}: requests per poll`,
			pack: values((poll) => poll.requests),
			goal: countGoal(
				'= 1',
				polls.every((poll) => poll.requests === 1),
			),
			digits: 0,
		},
		{
			scenario: SCENARIO,
			figure: `${label}: lines emitted per poll`,
			pack: values((poll) => poll.emitted),
			goal: countGoal(
				`= ${NEW_LINES}`,
				polls.every((poll) => poll.emitted === NEW_LINES),
			),
			digits: 0,
		},
		{
			scenario: SCENARIO,
			figure: `${label}: saved state (bytes)`,
			pack: values((poll) => poll.stateBytes),
			goal: countGoal(
				`≤ ${STATE_BYTES_GOAL}`,
				polls.every((poll) => poll.stateBytes <= STATE_BYTES_GOAL),
			),
			digits: 0,
		},
	];
}

export const auditTriggerPoll: Scenario = async (context) => [
	...(await pollRows(context, false)),
	...(await pollRows(context, true)),
];
