import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_PAGE_SIZE } from '../../nodes/BigId/transport';
import { runWorkflow } from '../../test/harness/engine';
import { measure, pairedRuns } from '../measure';
import { RawClient } from '../rawClient';
import type { Row } from '../report';
import type { BenchContext, Measured, Scenario } from './common';
import {
	connectionsRow,
	countRow,
	freshCredentials,
	logins,
	loginsRow,
	memoryRows,
	PAGE_CAP,
	pagesFor,
	produced,
	requests,
	requestsTo,
	timeGoalRow,
} from './common';

interface ListingSpec {
	scenario: number;
	label: string;
	/** Get Many with Return All, as a user sets it up. */
	parameters: INodeParameters;
	path: string;
	listKey: string;
	expectedItems: (context: BenchContext) => number;
}

/** Every item through the BigID node in n8n's engine, against the same pages read raw. */
async function listing(context: BenchContext, spec: ListingSpec): Promise<Row[]> {
	const { sandbox, options } = context;
	const route = `GET ${spec.path}`;
	const items = spec.expectedItems(context);
	const pages = pagesFor(items, Math.min(DEFAULT_PAGE_SIZE, PAGE_CAP));

	const pack = async (): Promise<Measured> => {
		const credentials = freshCredentials(sandbox);
		const { result, measurement } = await measure(sandbox, async () => {
			const run = await runWorkflow({ credentials, nodes: [{ parameters: spec.parameters }] });
			return { error: run.error, items: run.items.length };
		});
		if (result.error) throw result.error;
		return { measurement, produced: result.items };
	};
	const raw = async (): Promise<Measured> => {
		const client = new RawClient(sandbox);
		const { result, measurement } = await measure(sandbox, async () => {
			await client.login();
			return await client.listAll(spec.path, spec.listKey, PAGE_CAP);
		});
		await client.close();
		return { measurement, produced: result.length };
	};
	const pairs = await pairedRuns(options, pack, raw);

	const { scenario, label } = spec;
	return [
		timeGoalRow(scenario, `${label}: wall time (ms)`, pairs),
		countRow(scenario, `${label}: requests`, pairs, requests, {
			text: `${pages} pages + ≤ 1 login`,
			met: (run) =>
				requestsTo(route)(run) === pages &&
				requests(run) === pages + logins(run) &&
				logins(run) <= 1,
		}),
		loginsRow(scenario, label, pairs),
		countRow(scenario, `${label}: items`, pairs, produced, {
			text: `= ${items.toLocaleString('en-US')}`,
			met: (run) => produced(run) === items,
		}),
		connectionsRow(scenario, label, pairs),
		...memoryRows(scenario, label, pairs),
	];
}

export const allUsers: Scenario = (context) =>
	listing(context, {
		scenario: 1,
		label: `Get Many users, ${context.sandbox.store.users.length.toLocaleString('en-US')}`,
		parameters: { resource: 'user', operation: 'getMany', returnAll: true },
		path: '/api/v1/users',
		listKey: 'users',
		expectedItems: ({ sandbox }) => sandbox.store.users.length,
	});

export const allParentScans: Scenario = (context) =>
	listing(context, {
		scenario: 2,
		label: `Get Many parent scans, ${context.sandbox.store.parentScans.length.toLocaleString('en-US')}`,
		parameters: { resource: 'scan', operation: 'getManyParentScans', returnAll: true },
		path: '/api/v1/scans/parent-scans',
		listKey: 'scanParents',
		expectedItems: ({ sandbox }) => sandbox.store.parentScans.length,
	});
