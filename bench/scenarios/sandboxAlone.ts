import { measure, spread } from '../measure';
import { RawClient } from '../rawClient';
import type { Row } from '../report';
import type { BenchContext, Scenario } from './common';
import { PAGE_CAP } from './common';

const CONCURRENCY = 16;

interface Load {
	figure: string;
	connections: number;
	requests: number;
	path: string;
	query?: Record<string, string | number | boolean>;
}

/** Requests per second the sandbox serves to the raw client, `connections` requests in flight. */
async function requestsPerSecond({ sandbox, options }: BenchContext, load: Load): Promise<Row> {
	const run = async () => {
		const client = new RawClient(sandbox, load.connections);
		await client.login();
		const perWorker = Math.ceil(load.requests / load.connections);
		const { measurement } = await measure(sandbox, async () => {
			const worker = async () => {
				for (let index = 0; index < perWorker; index++) await client.get(load.path, load.query);
			};
			await Promise.all(Array.from({ length: load.connections }, worker));
		});
		await client.close();
		return (measurement.requests / measurement.ms) * 1000;
	};
	for (let index = 0; index < options.warmup; index++) await run();
	const rates: number[] = [];
	for (let index = 0; index < options.runs; index++) rates.push(await run());
	return { scenario: 6, figure: load.figure, raw: spread(rates), digits: 0 };
}

/** The sandbox on its own, so nobody mistakes its speed for the limit of the pack. */
export const sandboxAlone: Scenario = async (context) => {
	const { sandbox, options } = context;
	const statusPath = `/api/v1/scans/${sandbox.store.parentScans[0]._id}/status`;
	const requests = options.sandboxRequests;
	return [
		await requestsPerSecond(context, {
			figure: 'Sandbox alone, scan status one at a time (requests/s)',
			connections: 1,
			requests,
			path: statusPath,
		}),
		await requestsPerSecond(context, {
			figure: `Sandbox alone, scan status, ${CONCURRENCY} in flight (requests/s)`,
			connections: CONCURRENCY,
			requests,
			path: statusPath,
		}),
		await requestsPerSecond(context, {
			figure: `Sandbox alone, pages of ${PAGE_CAP} users one at a time (requests/s)`,
			connections: 1,
			requests: Math.ceil(requests / 5),
			path: '/api/v1/users',
			query: { skip: 0, limit: PAGE_CAP, requireTotalCount: true },
		}),
	];
};
