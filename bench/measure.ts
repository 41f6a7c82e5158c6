import { subscribe } from 'diagnostics_channel';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

import type { Sandbox } from '../sandbox';
import type { SandboxStats } from '../sandbox/counters';
import type { SandboxThread } from './sandboxThread';
import { capturedLogs } from '../test/harness/logs';

/** Without --expose-gc on the command line, V8 still lets a running process turn it on. */
function exposedGc(): () => void {
	if (typeof global.gc === 'function') return global.gc;
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
}
const collectGarbage = exposedGc();

let connectionsOpened = 0;
subscribe('net.client.socket', () => connectionsOpened++);

const MB = 1024 * 1024;
const MEMORY_SAMPLE_MS = 2;

/** What one run cost: time, what the sandbox saw, connections opened and memory. */
export interface Measurement {
	ms: number;
	requests: number;
	/** Password logins plus API token exchanges. */
	logins: number;
	byRoute: Record<string, number>;
	connections: number;
	/** Peak growth over the heap after a full collection before the run. */
	heapGrowthMb: number;
	rssGrowthMb: number;
}

function routeDelta(
	after: Record<string, number>,
	before: Record<string, number>,
): Record<string, number> {
	const delta: Record<string, number> = {};
	for (const [route, count] of Object.entries(after)) {
		const grown = count - (before[route] ?? 0);
		if (grown > 0) delta[route] = grown;
	}
	return delta;
}

/**
 * Runs `work` once and measures it. Memory is sampled every few milliseconds while the work
 * waits on I/O, and once more before its result can be collected, so the peak includes what the
 * work holds at the end (the 10,000 items it read). Work of a few milliseconds is measured
 * with `memory: false`: a full collection before it would cost more than the work, and leave
 * the heap in a state that slows it down.
 */
/** A copy of the sandbox's counters: read in place, or asked of the thread it runs in. */
async function statsOf(sandbox: Sandbox | SandboxThread): Promise<SandboxStats> {
	return 'stats' in sandbox
		? { ...sandbox.stats, byRoute: { ...sandbox.stats.byRoute } }
		: await sandbox.readStats();
}

export async function measure<T>(
	sandbox: Sandbox | SandboxThread,
	work: () => Promise<T>,
	{ memory = true }: { memory?: boolean } = {},
): Promise<{ result: T; measurement: Measurement }> {
	capturedLogs.lines.length = 0;
	if (memory) collectGarbage();
	const stats = await statsOf(sandbox);
	const before = {
		requests: stats.requests,
		logins: stats.logins + stats.tokenExchanges,
		byRoute: { ...stats.byRoute },
		connections: connectionsOpened,
		memory: process.memoryUsage(),
	};
	let peakHeap = before.memory.heapUsed;
	let peakRss = before.memory.rss;
	const sample = () => {
		const { heapUsed, rss } = process.memoryUsage();
		peakHeap = Math.max(peakHeap, heapUsed);
		peakRss = Math.max(peakRss, rss);
	};
	const sampler = memory ? setInterval(sample, MEMORY_SAMPLE_MS) : undefined;
	const started = performance.now();
	let result: T;
	try {
		result = await work();
	} finally {
		if (sampler) clearInterval(sampler);
	}
	const ms = performance.now() - started;
	if (memory) sample();
	const after = await statsOf(sandbox);
	return {
		result,
		measurement: {
			ms,
			requests: after.requests - before.requests,
			logins: after.logins + after.tokenExchanges - before.logins,
			byRoute: routeDelta(after.byRoute, before.byRoute),
			connections: connectionsOpened - before.connections,
			heapGrowthMb: (peakHeap - before.memory.heapUsed) / MB,
			rssGrowthMb: (peakRss - before.memory.rss) / MB,
		},
	};
}

/** Median, min and max of a figure over the measured runs. */
export interface Spread {
	median: number;
	min: number;
	max: number;
	values: number[];
}

export function spread(values: number[]): Spread {
	const sorted = [...values].sort((left, right) => left - right);
	const middle = Math.floor(sorted.length / 2);
	const median =
		sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1], values };
}

export interface Pair<P, R> {
	pack: P;
	raw: R;
}

/**
 * Warm-up runs, then measured runs taken pack, raw, pack, raw... so that a figure and the
 * ratio of each pair see the same machine noise.
 */
export async function pairedRuns<P, R>(
	{ runs, warmup }: { runs: number; warmup: number },
	pack: () => Promise<P>,
	raw: () => Promise<R>,
): Promise<Array<Pair<P, R>>> {
	for (let index = 0; index < warmup; index++) {
		await pack();
		await raw();
	}
	const pairs: Array<Pair<P, R>> = [];
	for (let index = 0; index < runs; index++) {
		const packResult = await pack();
		pairs.push({ pack: packResult, raw: await raw() });
	}
	return pairs;
}
