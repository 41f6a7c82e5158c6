import type { INodeParameters } from 'n8n-workflow';

import {
	DEFAULT_CONCURRENCY,
	DEFAULT_PAGE_SIZE,
	MAX_CONCURRENCY,
} from '../../nodes/BigId/transport';
import { USER_EVENTS } from '../../nodes/BigId/trigger/user/events';
import type { TestCredentialsHelper } from '../../test/harness/credentialsHelper';
import { runWorkflow } from '../../test/harness/engine';
import { listingNode } from '../../test/harness/listingNode';
import { measure, pairedRuns, spread } from '../measure';
import { sequentialPeerNode } from '../peerNode';
import { RawClient } from '../rawClient';
import { SandboxThread } from '../sandboxThread';
import type { Row } from '../report';
import { countGoal, ratios, timeGoal } from '../report';
import type { BenchContext, Measured, Scenario } from './common';
import {
	activeTrigger,
	freshCredentials,
	logins,
	PAGE_CAP,
	pagesFor,
	produced,
	requests,
	requestsTo,
} from './common';

const SCENARIO = 7;
/** The issue's time goals at 100 ms: the pack against the sequential peer and the raw client. */
const PEER_RATIO_GOAL = 0.3;
const RAW_RATIO_GOAL = 1.2;
/** "Well inside" n8n's 45 s for a poll: a third of it. */
const POLL_GOAL_MS = 15_000;

interface Work {
	label: string;
	path: string;
	listKey: string;
	items: number;
	/** A poll repeats on a logged-in credential; Get Many starts cold and pays its login. */
	polls: boolean;
	/** Pages in flight at once, for the pack and the raw client alike. */
	concurrency: number;
	/** One run of the pack: items (or events) it produced. */
	pack: () => Promise<number>;
}

interface Triple {
	pack: Measured;
	peer: Measured;
}

function timeRow(figure: string, pairs: Array<{ pack: Triple; raw: Measured }>): Row {
	const pack = pairs.map((pair) => pair.pack.pack.measurement.ms);
	const peer = pairs.map((pair) => pair.pack.peer.measurement.ms);
	const raw = pairs.map((pair) => pair.raw.measurement.ms);
	return {
		scenario: SCENARIO,
		figure,
		pack: spread(pack),
		peer: spread(peer),
		raw: spread(raw),
		peerRatio: ratios(pack, peer),
		ratio: ratios(pack, raw),
		digits: 0,
	};
}

/** The pack, the sequential peer and the raw concurrent client on the same listing. */
async function compare(
	sandbox: SandboxThread,
	latencyMs: number,
	work: Work,
	context: BenchContext,
) {
	const route = `GET ${work.path}`;
	const pages = pagesFor(work.items, Math.min(DEFAULT_PAGE_SIZE, PAGE_CAP));
	const pollCredentials = freshCredentials(sandbox);
	const pollClient = new RawClient(sandbox, work.concurrency);
	if (work.polls) await pollClient.login();

	const timed = async (run: () => Promise<number>): Promise<Measured> => {
		const { result, measurement } = await measure(sandbox, run);
		return { measurement, produced: result };
	};
	const peer = () => {
		const credentials: TestCredentialsHelper = work.polls
			? pollCredentials
			: freshCredentials(sandbox);
		return timed(async () => {
			const result = await runWorkflow({
				credentials,
				nodes: [sequentialPeerNode(work.path, work.listKey, PAGE_CAP)],
			});
			if (result.error) throw result.error;
			return result.items.length;
		});
	};
	const raw = async () => {
		const client = work.polls ? pollClient : new RawClient(sandbox, work.concurrency);
		const measured = await timed(async () => {
			if (!work.polls) await client.login();
			const items = await client.listAllConcurrently(
				work.path,
				work.listKey,
				PAGE_CAP,
				work.concurrency,
			);
			return items.length;
		});
		if (!work.polls) await client.close();
		return measured;
	};
	const pairs = await pairedRuns(
		context.options,
		async (): Promise<Triple> => ({ pack: await timed(work.pack), peer: await peer() }),
		raw,
	);
	await pollClient.close();

	const label = `${work.label}, ${latencyMs} ms latency`;
	const time = timeRow(`${label}: wall time (ms)`, pairs);
	const toPeer = time.peerRatio!.median;
	const toRaw = time.ratio!.median;
	if (latencyMs >= 100) {
		time.goal = timeGoal(
			`≤ ${PEER_RATIO_GOAL}× peer, ≤ ${RAW_RATIO_GOAL}× raw${work.polls ? `, ≤ ${POLL_GOAL_MS / 1000} s` : ''} (not enforced)`,
			toPeer <= PEER_RATIO_GOAL &&
				toRaw <= RAW_RATIO_GOAL &&
				(!work.polls || time.pack!.median <= POLL_GOAL_MS),
		);
	} else if (latencyMs === 0) {
		time.goal = timeGoal('≤ 1× peer (not enforced)', toPeer <= 1);
	}

	const packRuns = pairs.map((pair) => pair.pack.pack);
	const countOf = (pick: (run: Measured) => number) => ({
		pack: spread(packRuns.map(pick)),
		peer: spread(pairs.map((pair) => pick(pair.pack.peer))),
		raw: spread(pairs.map((pair) => pick(pair.raw))),
	});
	const expectedLogins = (run: Measured) => (work.polls ? logins(run) === 0 : logins(run) <= 1);
	return [
		time,
		{
			scenario: SCENARIO,
			figure: `${label}: requests`,
			...countOf(requests),
			goal: countGoal(
				`${pages} pages + ${work.polls ? '0' : '≤ 1'} login`,
				packRuns.every(
					(run) =>
						requestsTo(route)(run) === pages &&
						requests(run) === pages + logins(run) &&
						expectedLogins(run),
				),
			),
			digits: 0,
		},
		...(work.polls
			? []
			: [
					{
						scenario: SCENARIO,
						figure: `${label}: items`,
						...countOf(produced),
						goal: countGoal(
							`= ${work.items.toLocaleString('en-US')}`,
							packRuns.every((run) => produced(run) === work.items),
						),
						digits: 0,
					},
				]),
	];
}

const getMany = (
	sandbox: SandboxThread,
	label: string,
	path: string,
	listKey: string,
	items: number,
	parameters: INodeParameters,
): Work => ({
	label,
	path,
	listKey,
	items,
	polls: false,
	concurrency: DEFAULT_CONCURRENCY,
	pack: async () => {
		const run = await runWorkflow({
			credentials: freshCredentials(sandbox),
			nodes: [{ parameters: { ...parameters, returnAll: true } }],
		});
		if (run.error) throw run.error;
		return run.items.length;
	},
});

/** The pack's pagination alone, without the node's work on each item: what limits the ratios at 0 ms. */
const paginationAlone = (sandbox: SandboxThread, concurrency: number): Work => ({
	label: `Pagination alone, ${sandbox.counts.users.toLocaleString('en-US')} users, concurrency ${concurrency}`,
	path: '/api/v1/users',
	listKey: 'users',
	items: sandbox.counts.users,
	polls: false,
	concurrency,
	pack: async () => {
		const run = await runWorkflow({
			credentials: freshCredentials(sandbox),
			nodes: [listingNode({ path: 'users', listKey: 'users', pageSize: PAGE_CAP, concurrency })],
		});
		if (run.error) throw run.error;
		return run.items.length;
	},
});

async function userTriggerPoll(sandbox: SandboxThread): Promise<Work> {
	const trigger = await activeTrigger(sandbox, [...USER_EVENTS]);
	const { users } = sandbox.counts;
	return {
		label: `User trigger poll, ${users.toLocaleString('en-US')} users, no change`,
		path: '/api/v1/users',
		listKey: 'users',
		items: users,
		polls: true,
		concurrency: DEFAULT_CONCURRENCY,
		pack: async () => {
			const outcome = await trigger.poll();
			if (outcome.error) throw outcome.error;
			return outcome.items?.length ?? 0;
		},
	};
}

/**
 * Listings with the pages after the first read concurrently (the pack's default), at each
 * sandbox latency, against the sequential peer and a raw client with the same concurrency. The
 * sandbox runs in a thread of its own, as BigID runs on a machine of its own: at 0 ms its work on
 * each answer then overlaps the client's, instead of taking turns with it on one event loop.
 */
export const concurrentListings: Scenario = async (context) => {
	const { options } = context;
	const sandbox = await SandboxThread.start({
		users: options.users,
		parentScans: options.scans,
		pageCap: PAGE_CAP,
	});
	const { users, parentScans } = sandbox.counts;
	const rows: Row[] = [];
	try {
		for (const latencyMs of options.latencies) {
			await sandbox.configureFaults({
				latencyMs: latencyMs > 0 ? [latencyMs, latencyMs] : undefined,
			});
			const works = [
				getMany(
					sandbox,
					`Get Many users, ${users.toLocaleString('en-US')}`,
					'/api/v1/users',
					'users',
					users,
					{ resource: 'user', operation: 'getMany' },
				),
				getMany(
					sandbox,
					`Get Many parent scans, ${parentScans.toLocaleString('en-US')}`,
					'/api/v1/scans/parent-scans',
					'scanParents',
					parentScans,
					{ resource: 'scan', operation: 'getManyParentScans' },
				),
				await userTriggerPoll(sandbox),
				paginationAlone(sandbox, DEFAULT_CONCURRENCY),
				paginationAlone(sandbox, MAX_CONCURRENCY),
			];
			for (const work of works) rows.push(...(await compare(sandbox, latencyMs, work, context)));
		}
	} finally {
		await sandbox.close();
	}
	return rows;
};
