import { NEWEST_FIRST } from '../../nodes/BigId/api/list';
import type { Sandbox } from '../../sandbox';
import type { TestCredentialsHelper } from '../../test/harness/credentialsHelper';
import { createCredentials } from '../../test/harness/engine';
import { PollHarness } from '../../test/harness/poll';
import type { Measurement, Pair } from '../measure';
import { spread } from '../measure';
import type { RawClient } from '../rawClient';
import type { Goal, Row } from '../report';
import { ratios } from '../report';

export interface BenchOptions {
	users: number;
	scans: number;
	runs: number;
	warmup: number;
	executions: number;
	changes: number;
	newScans: number;
	sandboxRequests: number;
	latencyMs: number;
	/** The sandbox latencies scenario 7 measures at, in turn. */
	latencies: number[];
	only: number[];
	out: string;
}

/** Where a sandbox answers and who may log in: all a client needs, in this thread or another. */
export interface SandboxAddress {
	url: string;
	options: { username: string; password: string };
}

export interface BenchContext {
	sandbox: Sandbox;
	options: BenchOptions;
}

export type Scenario = (context: BenchContext) => Promise<Row[]>;

/** The sandbox caps every page at 100, the pack's default page size. */
export const PAGE_CAP = 100;
/** The goal for the pack's wall time over the raw client's on the same work. */
export const TIME_RATIO_GOAL = 1.15;

export const pagesFor = (items: number, pageSize: number) =>
	Math.max(1, Math.ceil(items / pageSize));

let credentialCount = 0;

/**
 * A credential as n8n stores it, with no token yet: the first request of a run logs in. The
 * credential shares a login made in the last 30 s with every credential of the same identity;
 * a fragment in the Base URL (which requests drop) makes each a new identity, so every run
 * starts cold and pays its login, as the raw client does.
 */
export function freshCredentials(sandbox: SandboxAddress): TestCredentialsHelper {
	return createCredentials({
		baseUrl: `${sandbox.url}#bench-credential-${++credentialCount}`,
		username: sandbox.options.username,
		password: sandbox.options.password,
	});
}

/** One run of either side: what it cost, and how many items or events it produced. */
export interface Measured {
	measurement: Measurement;
	produced?: number;
}

type Side = 'pack' | 'raw';
type Pick = (run: Measured) => number;
export type Pairs = Array<Pair<Measured, Measured>>;

export const ms: Pick = (run) => run.measurement.ms;
export const requests: Pick = (run) => run.measurement.requests;
export const logins: Pick = (run) => run.measurement.logins;
export const produced: Pick = (run) => run.produced ?? 0;
export const requestsTo =
	(route: string): Pick =>
	(run) =>
		run.measurement.byRoute[route] ?? 0;

const sideValues = (pairs: Pairs, side: Side, pick: Pick) => pairs.map((pair) => pick(pair[side]));

/** A figure measured on both sides, with the ratio of each pair. */
export function pairedRow(
	scenario: number,
	figure: string,
	pairs: Pairs,
	pick: Pick,
	digits: number,
	goal?: (ratio: number) => Goal,
): Row {
	const pack = sideValues(pairs, 'pack', pick);
	const raw = sideValues(pairs, 'raw', pick);
	const ratio = ratios(pack, raw);
	return {
		scenario,
		figure,
		pack: spread(pack),
		raw: spread(raw),
		ratio,
		goal: goal?.(ratio.median),
		digits,
	};
}

/** A count on both sides, without a ratio: its goal is checked on every pack run. */
export function countRow<P extends Measured>(
	scenario: number,
	figure: string,
	pairs: Array<Pair<P, Measured>>,
	pick: Pick,
	goal?: { text: string; met: (packRun: P) => boolean },
): Row {
	return {
		scenario,
		figure,
		pack: spread(sideValues(pairs, 'pack', pick)),
		raw: spread(sideValues(pairs, 'raw', pick)),
		goal: goal && {
			text: goal.text,
			met: pairs.every((pair) => goal.met(pair.pack)),
			enforced: true,
		},
		digits: 0,
	};
}

/** Pack minus raw, pair by pair: what the pack adds to the same work. */
export function overheadRow(scenario: number, figure: string, pairs: Pairs, perUnit = 1): Row {
	return {
		scenario,
		figure,
		pack: spread(pairs.map((pair) => (ms(pair.pack) - ms(pair.raw)) / perUnit)),
		digits: 2,
	};
}

export const timeGoalRow = (scenario: number, figure: string, pairs: Pairs, digits = 0) =>
	pairedRow(scenario, figure, pairs, ms, digits, (ratio) => ({
		text: `ratio ≤ ${TIME_RATIO_GOAL} (not enforced)`,
		met: ratio <= TIME_RATIO_GOAL,
		enforced: false,
	}));

/** Peak heap and RSS growth of each side, with ratios. */
export function memoryRows(scenario: number, label: string, pairs: Pairs): Row[] {
	return [
		pairedRow(
			scenario,
			`${label}: peak heap growth (MB)`,
			pairs,
			(run) => run.measurement.heapGrowthMb,
			1,
		),
		// RSS rarely grows once the heap has been that large before, so a ratio would mislead.
		{
			...pairedRow(
				scenario,
				`${label}: peak RSS growth (MB)`,
				pairs,
				(run) => run.measurement.rssGrowthMb,
				1,
			),
			ratio: undefined,
		},
	];
}

export const connectionsRow = (scenario: number, label: string, pairs: Pairs) =>
	countRow(
		scenario,
		`${label}: TCP connections opened`,
		pairs,
		(run) => run.measurement.connections,
	);

export const loginsRow = (scenario: number, label: string, pairs: Pairs) =>
	countRow(scenario, `${label}: logins`, pairs, logins, {
		text: '≤ 1',
		met: (run) => logins(run) <= 1,
	});

/** The raw read of one page as the trigger asks for it: newest `updated_at` first, with the total. */
export async function readNewestFirstPage(
	raw: RawClient,
	path: string,
	skip: number,
	limit: number,
): ReturnType<RawClient['get']> {
	return await raw.get(path, { sort: NEWEST_FIRST, skip, limit, requireTotalCount: true });
}

/** The BigID Trigger for these events on a fresh credential, activated (its baseline taken). */
export async function activeTrigger(
	sandbox: SandboxAddress,
	events: string[],
): Promise<PollHarness> {
	const trigger = new PollHarness({
		credentials: freshCredentials(sandbox),
		parameters: { events },
		saveModel: 'emitAndActivation',
	});
	const activation = await trigger.activate();
	if (activation.error) throw activation.error;
	return trigger;
}
