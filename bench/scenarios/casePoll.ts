import { CASE_PAGE_SIZE } from '../../nodes/BigId/trigger/dspmCase/casePoller';
import { startSandbox } from '../../sandbox';
import { measure, pairedRuns } from '../measure';
import { RawClient } from '../rawClient';
import type { Measured, Scenario } from './common';
import {
	countRow,
	activeTrigger,
	logins,
	overheadRow,
	PAGE_CAP,
	pairedRow,
	produced,
	readNewestFirstPage,
	requests,
	requestsTo,
	ms,
} from './common';

const ROUTE = 'GET /api/v1/actionable-insights/all-cases';
const SCENARIO = 8;
const UNSAMPLED = { memory: false };

/**
 * The case trigger over 10,000 DSPM cases where nothing changed: one request per poll, paired
 * with a raw read of the page it needs. Its own sandbox, so the other scenarios' data stays as
 * it was.
 */
export const caseTriggerPoll: Scenario = async ({ options }) => {
	const sandbox = await startSandbox({ cases: options.scans, pageCap: PAGE_CAP, users: 1 });
	if (options.latencyMs > 0) {
		sandbox.faults.configure({ latencyMs: [options.latencyMs, options.latencyMs] });
	}
	const raw = new RawClient(sandbox);
	try {
		const trigger = await activeTrigger(sandbox, ['caseCreated', 'caseStatusChanged']);
		await raw.login();
		const packPoll = async (): Promise<Measured> => {
			const { result, measurement } = await measure(sandbox, () => trigger.poll(), UNSAMPLED);
			if (result.error) throw result.error;
			return { measurement, produced: result.items?.length ?? 0 };
		};
		const rawPage = async (): Promise<Measured> => {
			const { measurement } = await measure(
				sandbox,
				() => readNewestFirstPage(raw, '/api/v1/actionable-insights/all-cases', 0, CASE_PAGE_SIZE),
				UNSAMPLED,
			);
			return { measurement, produced: 0 };
		};
		const pairs = await pairedRuns(options, packPoll, rawPage);
		const label = `Case trigger, ${options.scans.toLocaleString('en-US')} cases, nothing new`;
		return [
			pairedRow(SCENARIO, `${label}: time per poll (ms)`, pairs, ms, 2),
			overheadRow(SCENARIO, `${label}: time beyond the page read (ms)`, pairs),
			countRow(SCENARIO, `${label}: requests per poll`, pairs, requests, {
				text: '= 1',
				met: (poll) => requests(poll) === 1 && requestsTo(ROUTE)(poll) === 1 && logins(poll) === 0,
			}),
			{
				...countRow(SCENARIO, `${label}: events per poll`, pairs, produced, {
					text: '= 0',
					met: (poll) => produced(poll) === 0,
				}),
				raw: undefined,
			},
		];
	} finally {
		await raw.close();
		await sandbox.close();
	}
};
