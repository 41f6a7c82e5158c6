import { resolve } from 'path';
import { parseArgs } from 'util';

import { startSandbox } from '../sandbox';
import { formatTable, missedCountGoals, writeJson } from './report';
import type { Row } from './report';
import type { BenchOptions, Scenario } from './scenarios/common';
import { PAGE_CAP } from './scenarios/common';
import { caseTriggerPoll } from './scenarios/casePoll';
import { auditTriggerPoll } from './scenarios/auditPoll';
import { credentialWorkPerRequest } from './scenarios/credentialWork';
import { concurrentListings } from './scenarios/concurrentListings';
import { allParentScans, allUsers } from './scenarios/listing';
import { oneRequestExecutions } from './scenarios/oneRequest';
import { sandboxAlone } from './scenarios/sandboxAlone';
import { scanTriggerPoll } from './scenarios/scanPoll';
import { userTriggerPoll } from './scenarios/userPoll';

const SCENARIOS: Record<number, Scenario> = {
	1: allUsers,
	2: allParentScans,
	3: scanTriggerPoll,
	4: userTriggerPoll,
	5: oneRequestExecutions,
	6: sandboxAlone,
	7: concurrentListings,
	8: caseTriggerPoll,
	9: auditTriggerPoll,
	10: credentialWorkPerRequest,
};

const USAGE = `npm run bench -- [options]

The pack through n8n-core's engine against a raw undici keep-alive client, on an in-process
BigID sandbox. Prints a Markdown table, writes JSON, and exits non-zero only when a count goal
(requests, logins, items, events, saved state size) is missed, never for time.

  --users N             users in the sandbox (default 10000)
  --scans N             historical parent scans in the sandbox (default 10000)
  --runs N              measured runs per figure, taken pack/raw in pairs (default 5)
  --warmup N            unmeasured pairs before them (default 1)
  --executions N        executions of the one-request workflow per run (default 100)
  --changes N           user changes found by each user trigger poll (default 50)
  --new-scans N         newly finished scans found by each scan trigger poll (default 20)
  --sandbox-requests N  requests per run of the sandbox-alone figures (default 2000)
  --latency MS          the sandbox answers every API request but the login MS later, as a
                        distant BigID would (default 0: the figures of the issue)
  --latencies MS,MS     the latencies scenario 7 sets in turn (default 0,20,100)
  --only 1,3            run only these scenarios (7: concurrent listings against the
                        sequential peer and the raw concurrent client; 8: the DSPM case
                        trigger over --scans cases; 9: the audit log trigger over 100,000
                        lines with 50 new; 10: the credential's work per request, now
                        and as it was: the header alone)
  --out PATH            JSON output (default bench-results/latest.json)`;

const SPECS = {
	users: 10_000,
	scans: 10_000,
	runs: 5,
	warmup: 1,
	executions: 100,
	changes: 50,
	'new-scans': 20,
	'sandbox-requests': 2000,
	latency: 0,
} as const;

function readOptions(): BenchOptions {
	const { values } = parseArgs({
		options: {
			...Object.fromEntries(Object.keys(SPECS).map((name) => [name, { type: 'string' }])),
			only: { type: 'string' },
			latencies: { type: 'string' },
			out: { type: 'string' },
			help: { type: 'boolean' },
		} as Record<string, { type: 'string' | 'boolean' }>,
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const count = (name: keyof typeof SPECS, minimum: number) => {
		const given = values[name];
		if (given === undefined) return SPECS[name];
		const value = Number(given);
		if (!Number.isInteger(value) || value < minimum) {
			throw new Error(`--${name} must be a whole number of at least ${minimum}, not ${given}`);
		}
		return value;
	};
	const only =
		typeof values.only === 'string'
			? values.only.split(',').map((part) => Number(part.trim()))
			: Object.keys(SCENARIOS).map(Number);
	const unknown = only.filter((scenario) => !SCENARIOS[scenario]);
	if (unknown.length > 0)
		throw new Error(`--only takes scenarios 1 to 10, not ${unknown.join(',')}`);
	const latencies =
		typeof values.latencies === 'string'
			? values.latencies.split(',').map((part) => Number(part.trim()))
			: [0, 20, 100];
	if (latencies.some((latency) => !Number.isInteger(latency) || latency < 0)) {
		throw new Error(`--latencies takes whole numbers of ms, not ${String(values.latencies)}`);
	}
	return {
		users: count('users', 1),
		scans: count('scans', 1),
		runs: count('runs', 1),
		warmup: count('warmup', 0),
		executions: count('executions', 1),
		changes: count('changes', 5),
		newScans: count('new-scans', 0),
		sandboxRequests: count('sandbox-requests', 1),
		latencyMs: count('latency', 0),
		latencies,
		only: [...new Set(only)].sort(),
		out: resolve(typeof values.out === 'string' ? values.out : 'bench-results/latest.json'),
	};
}

async function main(): Promise<number> {
	const options = readOptions();
	const started = performance.now();
	const sandbox = await startSandbox({
		users: options.users,
		parentScans: options.scans,
		pageCap: PAGE_CAP,
	});
	if (options.latencyMs > 0) {
		sandbox.faults.configure({ latencyMs: [options.latencyMs, options.latencyMs] });
	}
	const rows: Row[] = [];
	try {
		for (const scenario of options.only) {
			const scenarioStarted = performance.now();
			rows.push(...(await SCENARIOS[scenario]({ sandbox, options })));
			const seconds = ((performance.now() - scenarioStarted) / 1000).toFixed(1);
			console.error(`scenario ${scenario} done in ${seconds} s`);
		}
	} finally {
		await sandbox.close();
	}

	console.log(formatTable(rows));
	const seconds = ((performance.now() - started) / 1000).toFixed(0);
	console.log(
		`\n${options.runs} measured runs after ${options.warmup} warm-up per figure; ratios pair by pair; sandbox latency ${options.latencyMs} ms; ${seconds} s in all. Node ${process.version}.`,
	);
	writeJson(options.out, options, rows);
	console.log(`JSON: ${options.out}`);

	const missed = missedCountGoals(rows);
	for (const row of missed) console.error(`Count goal missed: ${row.scenario}. ${row.figure}`);
	return missed.length > 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(2);
	},
);
