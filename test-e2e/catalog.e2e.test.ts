/**
 * The findings and audit examples in a real n8n, against the BigID sandbox: scan finished →
 * ticket listing the catalog objects with sensitive data, audit log → chat. E2E_N8N_VERSIONS
 * picks the n8n versions (comma-separated); all tested ones by default.
 */
import { rmSync } from 'fs';
import path from 'path';

import { startSandbox, type Sandbox } from '../sandbox';
import { catalogApi } from '../sandbox/entities/catalog/routes';
import { forSandbox, sandboxCredentials } from '../scripts/n8n/examples';
import { N8nInstance } from '../scripts/n8n/instance';
import { installPack } from '../scripts/n8n/pack';
import { CACHE_DIR, ensureN8n } from '../scripts/n8n/runtime';
import { e2eVersions, exampleFile, INSTALL_TIMEOUT_MS, waitFor, packedPackage } from './support';

const AUDIT_ROUTE = 'GET /api/v1/audit-log';
const SCANS_ROUTE = 'GET /api/v1/scans/parent-scans';

describe.each(e2eVersions)('n8n %s runs the findings and audit examples', (version) => {
	let sandbox: Sandbox;
	let instance: N8nInstance;
	const bodies = () => sandbox.tickets.map((ticket) => ticket.body as Record<string, unknown>);
	/** The catalog objects with sensitive data of these sources, as the sandbox holds them. */
	const sensitiveObjectsOf = (sources: string[]) =>
		sandbox.store
			.model(catalogApi)
			.objects.filter((object) => sources.includes(object.source) && object.attribute.length > 0);

	beforeAll(async () => {
		const n8n = await ensureN8n(version);
		const pack = packedPackage();
		sandbox = await startSandbox({});
		const userFolder = path.join(CACHE_DIR, 'e2e', `n8n-${version}-catalog`);
		rmSync(userFolder, { recursive: true, force: true });
		instance = new N8nInstance({ n8n, userFolder, logFile: path.join(userFolder, 'n8n.log') });
		await installPack(userFolder, pack);
		await instance.importCredentials(sandboxCredentials(sandbox.url, sandbox.options));
		await instance.importWorkflows(
			['10', '11'].map((prefix) => forSandbox(exampleFile(prefix), sandbox.url)),
		);
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await instance?.stop();
		await sandbox?.close();
	});

	describe('with n8n execute --id', () => {
		it('10 scan findings: Try It files one ticket listing the sensitive objects of the scanned sources', async () => {
			const before = sandbox.tickets.length;
			await instance.execute(exampleFile('10').id);
			expect(sandbox.tickets).toHaveLength(before + 1);
			const expected = sensitiveObjectsOf(['marketing-db-1', 'hr-db-1']);
			expect(expected.length).toBeGreaterThan(0);
			const ticket = sandbox.tickets[before].body as Record<string, unknown>;
			expect(ticket).toMatchObject({
				title: `BigID scan "Weekly Full Scan" Completed: ${expected.length} object(s) with sensitive data`,
				priority: 'high',
				externalId: 'sample-scan-findings-event',
				dataSources: ['marketing-db-1', 'hr-db-1'],
				findings: expected.length,
			});
			expect(
				(ticket.objects as Array<{ fullPath: string }>).map((object) => object.fullPath),
			).toEqual(expected.map((object) => object.fullyQualifiedName));
			expect(String(ticket.description)).toContain(
				`- ${expected[0].source}: ${expected[0].fullyQualifiedName} (`,
			);
		});

		it('11 audit to chat: Try It posts the sample failed login as a chat message', async () => {
			const before = sandbox.tickets.length;
			await instance.execute(exampleFile('11').id);
			expect(sandbox.tickets).toHaveLength(before + 1);
			expect(sandbox.tickets[before].body).toEqual({
				text: ':warning: Failed BigID login: login_failed by mallory from 203.0.113.7 on /api/v1/sessions (mallory) at 2026-01-05T10:15:00.000Z',
				channel: '#security',
				action: 'login_failed',
				user: 'mallory',
				externalId: 'sample-audit-event',
			});
		});
	});

	describe('activated on a running n8n', () => {
		beforeAll(async () => {
			await instance.start();
			await instance.setUpOwner();
		}, 5 * 60_000);

		it(
			'a finished scan becomes one findings ticket and a failed login one chat message, each once',
			async () => {
				const requestsTo = (route: string) => sandbox.stats.byRoute[route] ?? 0;
				const audits = requestsTo(AUDIT_ROUTE);
				const scans = requestsTo(SCANS_ROUTE);
				await instance.activateWorkflow(exampleFile('10').id);
				await instance.activateWorkflow(exampleFile('11').id);
				// The activation polls record the baseline; a change before them would be part of it.
				await waitFor('the activation polls', async () =>
					requestsTo(AUDIT_ROUTE) > audits && requestsTo(SCANS_ROUTE) > scans ? true : undefined,
				);

				const scan = sandbox.store.createFinishedParentScan({
					state: 'Completed',
					scanProfileName: 'Daily Marketing Scan',
				});
				const intruder = 'e2e-intruder';
				const login = await fetch(`${sandbox.url}/api/v1/sessions`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ username: intruder, password: 'wrong' }),
				});
				expect(((await login.json()) as { success?: boolean }).success).toBe(false);

				const fromTrigger = () =>
					bodies().filter((body) => body.externalId !== 'sample-scan-findings-event');
				const findings = await waitFor('the findings ticket', async () =>
					fromTrigger().find((body) => body.scanId === scan._id),
				);
				const expected = sensitiveObjectsOf(['marketing-db-1']);
				expect(findings).toMatchObject({
					scanState: 'Completed',
					dataSources: ['marketing-db-1'],
					findings: expected.length,
				});
				const message = await waitFor('the chat message', async () =>
					bodies().find((body) => body.user === intruder),
				);
				expect(message).toMatchObject({ action: 'login_failed', channel: '#security' });

				// Polls after that find nothing new: nothing is posted twice, no login of n8n's own.
				const pollsSoFar = requestsTo(AUDIT_ROUTE);
				await waitFor('two more audit polls', async () =>
					requestsTo(AUDIT_ROUTE) >= pollsSoFar + 2 ? true : undefined,
				);
				expect(fromTrigger().filter((body) => body.labels !== undefined)).toEqual([findings]);
				const messages = bodies().filter((body) => body.channel === '#security');
				expect(messages.filter((body) => body.externalId !== 'sample-audit-event')).toEqual([
					message,
				]);
			},
			10 * 60_000,
		);
	});
});
