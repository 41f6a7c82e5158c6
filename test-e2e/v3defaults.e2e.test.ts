/**
 * n8n 3.0's defaults, switched on in n8n 2.41.1 (issue 21): the examples and the trigger still
 * work, and n8n's own 3.0 migration report finds nothing to change in the pack's example
 * workflows. Runs on the newest tested 2.x only: 1.x has neither the switches nor the report.
 */
import { rmSync } from 'fs';
import path from 'path';

import { startSandbox, type Sandbox } from '../sandbox';
import { catalogApi } from '../sandbox/entities/catalog/routes';
import {
	forSandbox,
	loadExamples,
	SANDBOX_CREDENTIAL_ID,
	sandboxCredentials,
} from '../scripts/n8n/examples';
import { N8nInstance, outputOf } from '../scripts/n8n/instance';
import { installPack } from '../scripts/n8n/pack';
import { CACHE_DIR, ensureN8n } from '../scripts/n8n/runtime';
import {
	closeRotationSandboxes,
	rotationCredentials,
	rotationWorkflows,
	startRotationSandboxes,
	triggerThroughARotation,
	triggerWhoseBaseUrlMoved,
	type RotationSandboxes,
} from './rotation';
import {
	e2eVersions,
	exampleFile,
	expectEveryChangeOnce,
	INSTALL_TIMEOUT_MS,
	userCreatedWatcher,
	waitFor,
	packedPackage,
} from './support';

/**
 * What 3.0 changes or turns on by default, as 2.41.1 spells the switches. Manual executions on
 * workers are left out: they exist in queue mode only, and the queue suite runs no manual execution.
 */
const N8N_3_DEFAULTS: NodeJS.ProcessEnv = {
	N8N_RUNNERS_TASK_TIMEOUT: '60',
	N8N_EXPRESSION_ENGINE: 'vm',
	N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	// The sandbox is on loopback, as an on-prem BigID is on a private address: allowed by range.
	N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
	// The durable poll scheduler: all four switches are needed for poll triggers.
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
};

const V3_VERSION = e2eVersions.find((version) => version.startsWith('2.'));

const USER_WATCHER = userCreatedWatcher({
	id: 'BigIdV3Watch0001',
	name: 'E2E: user created, n8n 3.0 defaults',
	credentialId: SANDBOX_CREDENTIAL_ID,
	nodeId: '3d3d3d3d-0000-4000-8000-000000000001',
});

interface MigrationReport {
	report: {
		workflowResults: Array<{ ruleId: string; nbAffectedWorkflows: number }>;
		instanceResults: Array<{ ruleId: string }>;
	};
}

(V3_VERSION ? describe : describe.skip)(`n8n ${V3_VERSION} with n8n 3.0's defaults`, () => {
	let sandbox: Sandbox;
	let rotationSandboxes: RotationSandboxes;
	let instance: N8nInstance;

	beforeAll(async () => {
		const n8n = await ensureN8n(V3_VERSION!);
		const pack = packedPackage();
		sandbox = await startSandbox({});
		rotationSandboxes = await startRotationSandboxes();
		const userFolder = path.join(CACHE_DIR, 'e2e', `n8n-${V3_VERSION}-v3-defaults`);
		rmSync(userFolder, { recursive: true, force: true });
		instance = new N8nInstance({
			n8n,
			userFolder,
			logFile: path.join(userFolder, 'n8n.log'),
			env: N8N_3_DEFAULTS,
		});
		await installPack(userFolder, pack);
		await instance.importCredentials([
			...sandboxCredentials(sandbox.url, sandbox.options),
			...rotationCredentials(rotationSandboxes),
		]);
		await instance.importWorkflows([
			...loadExamples().map(({ workflow }) => forSandbox(workflow, sandbox.url)),
			USER_WATCHER,
			...rotationWorkflows(),
		]);
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await instance?.stop();
		await sandbox?.close();
		await closeRotationSandboxes(rotationSandboxes);
	});

	it('runs the examples: a scan, a user disabled, a CSV file in filesystem binary storage, a ticket, catalog tags', async () => {
		const [scanned] = outputOf(await instance.execute(exampleFile('01').id), 'Report Status');
		expect(scanned).toMatchObject({ status: 'Completed', succeeded: true });

		const [disabled] = outputOf(await instance.execute(exampleFile('03').id), 'Report');
		expect(disabled).toMatchObject({ email: 'ada.lamarr7@example.com', disabled: true });

		const csvRun = await instance.execute(exampleFile('04').id);
		const [file] = csvRun.data.resultData.runData['Convert to CSV'][0].data!.main![0]!;
		const binary = (file as unknown as { binary: { data: { data: string; id?: string } } }).binary
			.data;
		expect(binary.id).toMatch(/^filesystem/);
		const csv = instance.binaryContent(binary).toString('utf8').trim().split('\n');
		expect(csv).toHaveLength(sandbox.store.users.length + 1);

		const tickets = sandbox.tickets.length;
		await instance.execute(exampleFile('05').id);
		expect(sandbox.tickets).toHaveLength(tickets + 1);

		const [tagged] = outputOf(await instance.execute(exampleFile('12').id), 'Report');
		expect(tagged).toMatchObject({ objectsTagged: 1, errors: [] });
		expect(
			sandbox.store
				.model(catalogApi)
				.objects.find(
					({ fullyQualifiedName }) => fullyQualifiedName === 'marketing-db-1.public.customers',
				)?.tags,
		).toContainEqual({ tagName: 'Exception', tagValue: 'Approved' });
	});

	describe('on a running n8n', () => {
		beforeAll(async () => {
			await instance.start();
			await instance.setUpOwner();
		}, 5 * 60_000);

		it("n8n's 3.0 migration report lists no workflow rule for the example workflows", async () => {
			const { report } = await instance.rest<MigrationReport>(
				'GET',
				'/rest/breaking-changes/report?version=v3',
			);
			process.stdout.write(
				`[e2e] n8n ${V3_VERSION}, 3.0 migration report: workflow rules ${JSON.stringify(report.workflowResults)}, instance rules ${JSON.stringify(report.instanceResults.map(({ ruleId }) => ruleId))}\n`,
			);
			expect(report.workflowResults).toEqual([]);
		});

		it(
			'the BigID Trigger under the durable poll scheduler: a new user once; a rejected password 1 failed login, a pause until the workflow is published again, then the change once; a moved Base URL read at the next poll',
			async () => {
				const [, rotation, move] = await Promise.all([
					newUserEmittedOnce(),
					triggerThroughARotation(instance, rotationSandboxes, 'durable'),
					triggerWhoseBaseUrlMoved(instance, rotationSandboxes, 'durable'),
				]);
				process.stdout.write(
					`[e2e] n8n ${V3_VERSION}, durable poll scheduler, a rotated password: ${JSON.stringify({ rotation, move })}\n`,
				);
			},
			8 * 60_000,
		);

		async function newUserEmittedOnce() {
			const listings = () => sandbox.stats.byRoute['GET /api/v1/users'] ?? 0;
			const before = listings();
			await instance.activateWorkflow(USER_WATCHER.id);
			// Under the durable scheduler the saved state starts at the first scheduled poll, after the
			// activation poll: a change made before it is part of the baseline.
			await waitFor('the activation poll and the first scheduled poll', async () =>
				listings() >= before + 2 ? true : undefined,
			);
			const user = sandbox.store.createUser({
				name: 'e2e.v3-defaults',
				email: 'v3-defaults@example.com',
				role: 'Viewer',
			});
			await expectEveryChangeOnce(
				'the new user',
				async () => await instance.executionsOf(USER_WATCHER.id),
				[`userCreated ${user._id}`],
			);
			await instance.deactivateWorkflow(USER_WATCHER.id);
		}
	});
});
