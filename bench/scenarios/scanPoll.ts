import { NEWEST_FIRST } from '../../nodes/BigId/api/list';
import { SCAN_PAGE_SIZE } from '../../nodes/BigId/trigger/scan/scanPoller';
import { parseSort } from '../../sandbox/query';
import type { PollHarness } from '../../test/harness/poll';
import type { Pair } from '../measure';
import { measure } from '../measure';
import { RawClient } from '../rawClient';
import type { Row } from '../report';
import type { BenchContext, Measured, Scenario } from './common';
import {
	countRow,
	activeTrigger,
	logins,
	overheadRow,
	pairedRow,
	produced,
	readNewestFirstPage,
	requests,
	requestsTo,
	ms,
} from './common';

const ROUTE = 'GET /api/v1/scans/parent-scans';

/**
 * The sandbox sorts its history again after each change and caches the order; doing that before
 * the pack's poll keeps the sandbox's sort out of the pack's time (the raw read after it would
 * otherwise find the order cached).
 */
function presort(context: BenchContext): void {
	context.sandbox.store.queryParentScans(parseSort(NEWEST_FIRST)!, undefined);
}

/** The requests a poll needs: pages until one holds a scan older than the last one seen. */
const pagesToReachCursor = (newScans: number) => Math.floor((newScans + 1) / SCAN_PAGE_SIZE) + 1;

/** Polls take milliseconds, so each run is this many polls, each paired with its raw read. */
const POLLS_PER_RUN = 10;
const UNSAMPLED = { memory: false };

interface PollBatch extends Measured {
	polls: Measured[];
}

/** The mean poll of a batch; goals are checked on every poll of it. */
function meanOf(polls: Measured[]): PollBatch {
	const mean = (pick: (run: Measured) => number) =>
		polls.reduce((sum, poll) => sum + pick(poll), 0) / polls.length;
	return {
		polls,
		produced: mean(produced),
		measurement: {
			...polls[0].measurement,
			ms: mean(ms),
			requests: mean(requests),
			logins: mean(logins),
			connections: mean((run) => run.measurement.connections),
		},
	};
}

async function pollRows(
	context: BenchContext,
	label: string,
	newScans: number,
	trigger: PollHarness,
	raw: RawClient,
): Promise<Row[]> {
	const { sandbox, options } = context;
	const pages = pagesToReachCursor(newScans);
	const packPoll = async (): Promise<Measured> => {
		for (let index = 0; index < newScans; index++) {
			sandbox.store.createFinishedParentScan({ state: index % 4 === 0 ? 'Failed' : 'Completed' });
		}
		presort(context);
		const { result, measurement } = await measure(sandbox, () => trigger.poll(), UNSAMPLED);
		if (result.error) throw result.error;
		return { measurement, produced: result.items?.length ?? 0 };
	};
	const rawPages = async (): Promise<Measured> => {
		const { result, measurement } = await measure(
			sandbox,
			async () => {
				const scans = [];
				for (let skip = 0; skip < pages * SCAN_PAGE_SIZE; skip += SCAN_PAGE_SIZE) {
					const body = await readNewestFirstPage(
						raw,
						'/api/v1/scans/parent-scans',
						skip,
						SCAN_PAGE_SIZE,
					);
					scans.push(...((body.data as { scanParents: unknown[] }).scanParents ?? []));
				}
				return scans;
			},
			UNSAMPLED,
		);
		return { measurement, produced: result.length };
	};

	const pairs: Array<Pair<PollBatch, PollBatch>> = [];
	for (let run = 0; run < options.warmup + options.runs; run++) {
		const packPolls: Measured[] = [];
		const rawReads: Measured[] = [];
		for (let index = 0; index < POLLS_PER_RUN; index++) {
			packPolls.push(await packPoll());
			rawReads.push(await rawPages());
		}
		if (run >= options.warmup) pairs.push({ pack: meanOf(packPolls), raw: meanOf(rawReads) });
	}
	return [
		pairedRow(3, `${label}: time per poll (ms)`, pairs, ms, 2),
		overheadRow(3, `${label}: time beyond the page read (ms)`, pairs),
		countRow(3, `${label}: requests per poll`, pairs, requests, {
			text: `= ${pages}`,
			met: (batch) =>
				batch.polls.every(
					(poll) =>
						requests(poll) === pages && requestsTo(ROUTE)(poll) === pages && logins(poll) === 0,
				),
		}),
		{
			...countRow(3, `${label}: scans emitted per poll`, pairs, produced, {
				text: `= ${newScans}`,
				met: (batch) => batch.polls.every((poll) => produced(poll) === newScans),
			}),
			raw: undefined,
		},
	];
}

/** The scan trigger over a long history: polls where nothing happened, then polls with new scans. */
export const scanTriggerPoll: Scenario = async (context) => {
	const { sandbox, options } = context;
	const trigger = await activeTrigger(sandbox, ['scanFinished']);
	const raw = new RawClient(sandbox);
	await raw.login();
	const history = sandbox.store.parentScans.length.toLocaleString('en-US');
	try {
		return [
			...(await pollRows(context, `Scan trigger, ${history} scans, nothing new`, 0, trigger, raw)),
			...(await pollRows(
				context,
				`Scan trigger, ${options.newScans} newly finished`,
				options.newScans,
				trigger,
				raw,
			)),
		];
	} finally {
		await raw.close();
	}
};
