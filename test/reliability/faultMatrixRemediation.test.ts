import type { Sandbox } from '../../sandbox';
import { REMEDIATION_APP_ID } from '../../sandbox/entities/remediation/model';
import { remediationApi } from '../../sandbox/entities/remediation/routes';
import { MAY_HAVE_HAPPENED, runWriteScenario, startWatchedSession } from './support';

const EXECUTE_ROUTE = 'POST /api/v1/proxy/tpa/api/:appId/execute';
const WRITES = 20;

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

describe('fault matrix: every remediation action is carried out at most once', () => {
	test('Execute Action: each object acted on once or reported "may have happened"', async () => {
		const session = await startWatchedSession();
		sandbox = session.sandbox;
		const remediation = sandbox.store.model(remediationApi);
		const { result, outcome, written } = await runWriteScenario(
			sandbox,
			session.credentials,
			{
				scenario: 'Remediation > Execute Action',
				route: EXECUTE_ROUTE,
				node: {
					parameters: {
						resource: 'remediation',
						operation: 'executeAction',
						appId: REMEDIATION_APP_ID,
						action: 'tombstone',
						objects: '={{ "reliability/object-" + $json.n }}',
						actionParameters: {
							parameter: [{ name: 'tombstoneMessage', value: 'Held for review' }],
						},
					},
				},
				keyOf: (n) => `reliability/object-${n}`,
				storedCount: (name) => remediation.executionsOf(name),
			},
			WRITES,
		);

		expect(outcome.created + outcome.uncertain + outcome.refused).toBe(WRITES);
		expect(remediation.executions).toHaveLength(written);
		for (const item of result.items) {
			if (item.json.error === undefined) {
				expect(remediation.executions.map((execution) => execution.executionId)).toContain(
					item.json.executionId,
				);
			} else if (MAY_HAVE_HAPPENED.test(String(item.json.description))) {
				// A lost answer names where to look before running the action again.
				expect(item.json.description).toMatch(/check Remediation > Get Execution/);
			}
		}
	});
});
