import { startSandbox, type Sandbox } from '../../sandbox';
import { untilRequested } from '../harness/actionNode';
import { createCredentials, runWorkflow } from '../harness/engine';

const HOUR_MS = 3600 * 1000;
const STATUS_ROUTE = 'GET /api/v1/scans/:id/status';

/**
 * BigID's scan profile tutorial as one n8n workflow: list the data sources, create a one-time
 * profile with two of them, verify it, start a scan, wait for it and read its final status.
 */
describe('the scan profile tutorial, end to end', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		// Scans take an hour of the sandbox's virtual clock: only the test can finish them.
		sandbox = await startSandbox({ scanDurationMs: HOUR_MS, dataSources: 5 });
	});
	afterAll(async () => await sandbox.close());

	it('lists data sources, creates, verifies and scans a profile, and waits for Completed', async () => {
		const credentials = createCredentials({
			baseUrl: `${sandbox.url}/api/v1/`,
			username: sandbox.options.username,
			password: sandbox.options.password,
		});
		const running = runWorkflow({
			credentials,
			nodes: [
				{
					name: 'List Data Sources',
					parameters: {
						resource: 'dataSource',
						operation: 'getMany',
						returnAll: true,
						options: { includeTotalCount: true, sort: 'name' },
					},
				},
				{
					name: 'Create Scan Profile',
					parameters: {
						resource: 'scanProfile',
						operation: 'create',
						name: 'Targeted Marketing Data Scan',
						description: 'Scans only marketing-related sources for compliance',
						dataSourceSelection: 'selected',
						dataSourceIds:
							'={{ $json.dataSources.filter(source => /^(marketing|sales)/.test(source.name)).map(source => source._id) }}',
						scanTemplateId: 'standard-privacy-template-001',
						runMode: 'oneTime',
					},
				},
				{
					name: 'Verify Scan Profile',
					parameters: {
						resource: 'scanProfile',
						operation: 'get',
						scanProfile: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					},
				},
				{
					name: 'Start Scan',
					parameters: {
						resource: 'scan',
						operation: 'start',
						scanProfile: { __rl: true, mode: 'list', value: '={{ $json._id }}' },
					},
				},
				{
					name: 'Wait for Scan',
					parameters: {
						resource: 'scan',
						operation: 'waitForCompletion',
						scanId: '={{ $json.scanId }}',
						pollInterval: 0.05,
						timeout: 60,
					},
				},
			],
		});

		// Let the node poll a few times while the scan runs, then let an hour pass.
		await untilRequested(sandbox, STATUS_ROUTE, 3, running);
		expect(sandbox.stats.byRoute[STATUS_ROUTE]).toBeGreaterThanOrEqual(3);
		sandbox.store.advanceClock(HOUR_MS);
		const { outputs, items, error } = await running;
		expect(error).toBeUndefined();

		const [list] = outputs['List Data Sources'];
		const sources = sandbox.store.dataSources;
		expect(list.json).toMatchObject({ totalCount: sources.length, returned: sources.length });
		const wantedIds = sources
			.filter((source) => /^(marketing|sales)/.test(source.name))
			.map((source) => source._id);
		expect(wantedIds).toHaveLength(2);

		const [created] = outputs['Create Scan Profile'];
		const stored = sandbox.store.findScanProfileByName('Targeted Marketing Data Scan');
		expect(stored).toMatchObject({
			dataSourceList: wantedIds,
			scanTemplateId: 'standard-privacy-template-001',
			isSingleRunScan: true,
			description: 'Scans only marketing-related sources for compliance',
		});
		expect(stored?.schedule).toBeUndefined();
		expect(created.json).toMatchObject({ id: stored?._id, _id: stored?._id });

		const [verified] = outputs['Verify Scan Profile'];
		expect(verified.json).toMatchObject({ id: stored?._id, name: 'Targeted Marketing Data Scan' });

		const [started] = outputs['Start Scan'];
		const scan = sandbox.store.getScan(String(started.json.scanId));
		expect(scan).toMatchObject({ scanProfileId: stored?._id, type: 'dsScan' });
		expect(started.json).toMatchObject({
			scanProfileId: stored?._id,
			scanProfileName: 'Targeted Marketing Data Scan',
			scanType: 'dsScan',
		});

		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			scanId: started.json.scanId,
			status: 'Completed',
			progress: 100,
			isFinished: true,
			isSucceeded: true,
			isSuccessful: true,
			timedOut: false,
		});
		expect(items[0].json.polls).toBeGreaterThanOrEqual(4);
		for (const node of Object.values(outputs)) {
			expect(node.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		}
		// One login carried the whole workflow.
		expect(sandbox.stats.logins).toBe(1);
		expect(credentials.preAuthenticationCalls).toHaveLength(1);
	});
});
