import type { Sandbox } from '../../sandbox';
import { dsarApi } from '../../sandbox/entities/dsar/routes';
import { runWriteScenario, startWatchedSession } from './support';

const SUBMIT_ROUTE = 'POST /api/v1/sar/reports';
const WRITES = 10;

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

describe('fault matrix: every DSAR request is submitted at most once', () => {
	test('Submit and Wait: each person submitted once or reported "may have happened"', async () => {
		const session = await startWatchedSession({ scanDurationMs: 3_600_000 });
		sandbox = session.sandbox;
		const dsar = sandbox.store.model(dsarApi);
		const emailOf = (n: number) => `person-${n}@example.com`;
		const { result, outcome, written } = await runWriteScenario(
			sandbox,
			session.credentials,
			{
				scenario: 'DSAR > Submit and Wait',
				route: SUBMIT_ROUTE,
				node: {
					parameters: {
						resource: 'dsar',
						operation: 'submitAndWait',
						profile: { __rl: true, mode: 'id', value: dsar.profiles[0]._id },
						userValues: {
							value: [{ attributeName: 'email', attributeValue: '={{ $json.email }}' }],
						},
						pollInterval: 0.01,
						timeout: 60,
						// One item per input item, whatever the size of each report.
						reportOutput: 'file',
					},
				},
				input: (n) => ({ email: emailOf(n) }),
				keyOf: emailOf,
				storedCount: (email) =>
					dsar.requests.filter((request) => request.userValues[0].attributeValue === email).length,
			},
			WRITES,
		);

		expect(outcome.created + outcome.uncertain + outcome.refused).toBe(WRITES);
		expect(dsar.requests).toHaveLength(written);
		for (const item of result.items.filter((output) => output.json.error === undefined)) {
			const request = dsar.find(String(item.json.requestId));
			// Waited until the search completed, then output its whole report.
			expect(item.json.recordCount).toBe(request?.records?.length);
			expect(item.binary?.data).toBeDefined();
		}
	});
});
