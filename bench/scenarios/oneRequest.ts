import { runWorkflow } from '../../test/harness/engine';
import { measure, pairedRuns } from '../measure';
import { RawClient } from '../rawClient';
import type { Measured, Scenario } from './common';
import {
	connectionsRow,
	countRow,
	freshCredentials,
	logins,
	loginsRow,
	ms,
	overheadRow,
	pairedRow,
	produced,
	requests,
	requestsTo,
} from './common';

const ROUTE = 'GET /api/v1/scans/:id/status';

/**
 * A workflow that makes one request (Scan → Get Status), executed many times with one
 * credential, against the same requests sent raw on one keep-alive connection.
 */
export const oneRequestExecutions: Scenario = async ({ sandbox, options }) => {
	const { executions } = options;
	const scanId = sandbox.store.parentScans[0]._id;
	const parameters = { resource: 'scan', operation: 'getStatus', scanId };

	const pack = async (): Promise<Measured> => {
		const credentials = freshCredentials(sandbox);
		const { result, measurement } = await measure(sandbox, async () => {
			let items = 0;
			for (let index = 0; index < executions; index++) {
				const run = await runWorkflow({ credentials, nodes: [{ parameters }] });
				if (run.error) throw run.error;
				items += run.items.length;
			}
			return items;
		});
		return { measurement, produced: result };
	};
	const raw = async (): Promise<Measured> => {
		const client = new RawClient(sandbox);
		const { result, measurement } = await measure(sandbox, async () => {
			await client.login();
			let answers = 0;
			for (let index = 0; index < executions; index++) {
				await client.get(`/api/v1/scans/${scanId}/status`);
				answers++;
			}
			return answers;
		});
		await client.close();
		return { measurement, produced: result };
	};
	const pairs = await pairedRuns(options, pack, raw);

	const label = `${executions} executions of a one-request workflow`;
	return [
		pairedRow(5, `${label}: time (ms)`, pairs, ms, 0),
		overheadRow(5, `${label}: overhead per execution (ms)`, pairs, executions),
		countRow(5, `${label}: requests`, pairs, requests, {
			text: `${executions} + ≤ 1 login`,
			met: (run) =>
				requestsTo(ROUTE)(run) === executions &&
				requests(run) === executions + logins(run) &&
				logins(run) <= 1,
		}),
		loginsRow(5, label, pairs),
		countRow(5, `${label}: items`, pairs, produced, {
			text: `= ${executions}`,
			met: (run) => produced(run) === executions,
		}),
		connectionsRow(5, label, pairs),
	];
};
