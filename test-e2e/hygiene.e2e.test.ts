/**
 * The offboarding and data-hygiene examples in a real n8n, against the BigID sandbox (and its
 * Jira double): a person leaves → disabled in BigID, their access listed in one Jira issue; a CMDB
 * item → a data source created and scanned; an approved exception → its objects tagged. Each runs
 * from its Try It path with `n8n execute`, then through its webhook on a running n8n.
 * E2E_N8N_VERSIONS picks the n8n versions (comma-separated); all tested ones by default.
 */
import { rmSync } from 'fs';
import path from 'path';

import { startSandbox, type Sandbox } from '../sandbox';
import { accessIntelligenceApi } from '../sandbox/entities/accessIntelligence/routes';
import { catalogApi } from '../sandbox/entities/catalog/routes';
import { forSandbox, sandboxCredentials } from '../scripts/n8n/examples';
import { N8nInstance, outputOf } from '../scripts/n8n/instance';
import { installPack } from '../scripts/n8n/pack';
import { CACHE_DIR, ensureN8n } from '../scripts/n8n/runtime';
import { e2eVersions, exampleFile, INSTALL_TIMEOUT_MS, packedPackage, waitFor } from './support';

const HYGIENE_EXAMPLES = ['15', '16', '17'];
const DS_CREATE_ROUTE = 'POST /api/v1/ds_connections';
const DS_UPDATE_ROUTE = 'PUT /api/v1/ds_connections/:name';
const DS_SCAN_ROUTE = 'POST /api/v1/ds-connections/:name/scan';
const USER_WRITE_ROUTE = 'PUT /api/v1/users/:id';
const JIRA_ISSUE_ROUTE = 'POST /rest/api/2/issue';
/** The person example 15's Try It offboards. */
const SAMPLE_LEAVER = 'grace.wilson13@example.com';
const offboardingLabel = (email: string) =>
	`offboarding-${email.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
const TAG_ROUTE = 'POST /api/v1/data-catalog/manual-fields/tags';
const EXCEPTION_APPROVED = { tagName: 'Exception', tagValue: 'Approved' };

describe.each(e2eVersions)('n8n %s runs the offboarding and data-hygiene examples', (version) => {
	let sandbox: Sandbox;
	let instance: N8nInstance;
	const writes = (route: string) => sandbox.stats.writes[route] ?? 0;
	const tagsOf = (source: string, fullyQualifiedName: string) =>
		sandbox.store.model(catalogApi).tagsOf(source, fullyQualifiedName) ?? [];

	const jiraIssuesCreated = () => sandbox.jira.stats.writes[JIRA_ISSUE_ROUTE] ?? 0;
	/** The accounts access intelligence knows for a person's e-mail, any case. */
	const accountsOf = (email: string) =>
		sandbox.store
			.model(accessIntelligenceApi)
			.users.filter((account) => account.email?.toLowerCase() === email.toLowerCase());

	/** Calls a webhook of a workflow just activated: it answers 404 until n8n has registered it. */
	const callWebhook = async (webhookPath: string, body: unknown) =>
		await waitFor(`the webhook ${webhookPath} to be registered`, async () => {
			const response = await fetch(`${instance.url}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			return response.status === 404 ? undefined : response.status;
		});
	/** The workflow's webhook executions, once `count` of them have finished and saved `lastNode`. */
	const webhookRuns = async (prefix: string, count: number, lastNode: string) =>
		await waitFor(`${count} webhook executions of ${prefix}`, async () => {
			const runs = (await instance.executionsOf(exampleFile(prefix).id)).filter(
				({ mode }) => mode === 'webhook',
			);
			// n8n 1.x lists an execution as finished a moment before its run data is saved.
			const finished = runs.every(
				({ status, data }) => status === 'success' && data.resultData.runData[lastNode],
			);
			return runs.length >= count && finished ? runs : undefined;
		});

	beforeAll(async () => {
		const n8n = await ensureN8n(version);
		const pack = packedPackage();
		sandbox = await startSandbox({});
		const userFolder = path.join(CACHE_DIR, 'e2e', `n8n-${version}-hygiene`);
		rmSync(userFolder, { recursive: true, force: true });
		instance = new N8nInstance({ n8n, userFolder, logFile: path.join(userFolder, 'n8n.log') });
		await installPack(userFolder, pack);
		await instance.importCredentials(sandboxCredentials(sandbox.url, sandbox.options));
		await instance.importWorkflows(
			HYGIENE_EXAMPLES.map((prefix) => forSandbox(exampleFile(prefix), sandbox.url)),
		);
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await instance?.stop();
		await sandbox?.close();
	});

	describe('with n8n execute --id', () => {
		it('15 HRIS offboarding: Try It disables the leaver in BigID and files one Jira issue listing their accounts, groups and objects; run again it files none', async () => {
			const leaver = sandbox.store.users.find(({ email }) => email === SAMPLE_LEAVER)!;
			expect(leaver.isEnabled).toBe(true);
			const accounts = accountsOf(SAMPLE_LEAVER);
			expect(accounts.length).toBeGreaterThan(0);
			const issuesBefore = jiraIssuesCreated();

			const first = await instance.execute(exampleFile('15').id);
			expect(sandbox.store.getUser(leaver._id)?.isEnabled).toBe(false);
			const [report] = outputOf(first, 'Report');
			expect(report).toMatchObject({
				email: SAMPLE_LEAVER,
				accounts: accounts.length,
				bigIdLoginDisabled: true,
			});
			expect(report.groups).toBeGreaterThan(0);
			expect(report.objects).toBeGreaterThan(0);
			const [issue] = sandbox.jira.issuesLabelled(offboardingLabel(SAMPLE_LEAVER));
			expect(issue).toMatchObject({ key: report.ticket });
			for (const account of accounts) {
				expect(issue.description).toContain(`${account.dataSource}: ${account.name}`);
			}
			expect(jiraIssuesCreated() - issuesBefore).toBe(1);

			const userWrites = writes(USER_WRITE_ROUTE);
			const again = await instance.execute(exampleFile('15').id);
			expect(again.data.resultData.runData['Report']).toBeUndefined();
			expect(outputOf(again, 'Find Existing Ticket')).toEqual([
				expect.objectContaining({ key: issue.key }),
			]);
			expect(jiraIssuesCreated() - issuesBefore).toBe(1);
			expect(writes(USER_WRITE_ROUTE)).toBe(userWrites);
		});

		it('16 CMDB item: Try It creates the data source and scans it; run again updates it and scans again, never a second source', async () => {
			const named = () => sandbox.store.dataSources.filter(({ name }) => name === 'crm-db-prod');
			expect(named()).toEqual([]);
			const before = { scans: writes(DS_SCAN_ROUTE), updates: writes(DS_UPDATE_ROUTE) };

			const first = await instance.execute(exampleFile('16').id);
			expect(outputOf(first, 'Result')).toEqual([
				expect.objectContaining({
					dataSource: 'crm-db-prod',
					action: 'created',
					scanId: expect.any(String),
				}),
			]);
			expect(named()).toEqual([
				expect.objectContaining({
					type: 'rdb-mysql',
					rdb_url: 'crm.internal:3306',
					credential_id: 'mysql-scanner',
					enabled: 'yes',
				}),
			]);
			expect(writes(DS_CREATE_ROUTE)).toBe(1);
			expect(writes(DS_SCAN_ROUTE) - before.scans).toBe(1);

			const again = await instance.execute(exampleFile('16').id);
			expect(outputOf(again, 'Result')).toEqual([
				expect.objectContaining({ dataSource: 'crm-db-prod', action: 'updated' }),
			]);
			expect(outputOf(again, 'Result')[0].scanId).not.toBe(outputOf(first, 'Result')[0].scanId);
			expect(named()).toHaveLength(1);
			expect(writes(DS_CREATE_ROUTE)).toBe(1);
			expect(writes(DS_UPDATE_ROUTE) - before.updates).toBe(1);
			expect(writes(DS_SCAN_ROUTE) - before.scans).toBe(2);
		});

		it('17 exception approved: Try It tags both objects of the ticket, and run again writes nothing', async () => {
			const objects = ['marketing-db-1.public.customers', 'marketing-db-1.public.orders'];
			const before = writes(TAG_ROUTE);
			const first = await instance.execute(exampleFile('17').id);
			expect(outputOf(first, 'Summary')).toEqual([
				expect.objectContaining({
					ticketId: 'SEC-77',
					tag: 'Exception = Approved',
					objectsTagged: objects,
					alreadyTagged: [],
					failed: [],
				}),
			]);
			expect(writes(TAG_ROUTE) - before).toBe(objects.length);
			for (const name of objects) {
				expect(tagsOf('marketing-db-1', name)).toContainEqual(EXCEPTION_APPROVED);
			}

			const again = await instance.execute(exampleFile('17').id);
			expect(outputOf(again, 'Summary')).toEqual([
				expect.objectContaining({ objectsTagged: [], alreadyTagged: objects, failed: [] }),
			]);
			expect(writes(TAG_ROUTE) - before).toBe(objects.length);
		});
	});

	describe('on a running n8n', () => {
		beforeAll(async () => {
			await instance.start();
			await instance.setUpOwner();
			await Promise.all(
				HYGIENE_EXAMPLES.map((prefix) => instance.activateWorkflow(exampleFile(prefix).id)),
			);
		}, 5 * 60_000);

		it('15 activated: a termination from the HR system disables the person and files one issue, a repeated delivery files none, a person without a BigID login still gets one', async () => {
			const leaver = sandbox.store.users.find(
				({ email, isEnabled }) =>
					isEnabled && email !== SAMPLE_LEAVER && accountsOf(email).length > 0,
			)!;
			const [firstName, lastName] = [leaver.firstName, leaver.lastName];
			const termination = {
				workEmail: leaver.email.toUpperCase(),
				firstName,
				lastName,
				effectiveDate: '2026-12-31',
				employeeId: 'E-2001',
			};
			const issuesBefore = jiraIssuesCreated();
			expect(await callWebhook('bigid-hris-offboarding', termination)).toBe(200);
			const [offboarded] = await webhookRuns('15', 1, 'New Ticket Only');
			expect(outputOf(offboarded, 'Report')).toEqual([
				expect.objectContaining({
					accounts: accountsOf(leaver.email).length,
					bigIdLoginDisabled: true,
				}),
			]);
			expect(sandbox.store.getUser(leaver._id)?.isEnabled).toBe(false);
			expect(sandbox.jira.issuesLabelled(offboardingLabel(leaver.email))).toHaveLength(1);

			// The HR system delivers the same termination again: the issue is found, none is filed.
			expect(await callWebhook('bigid-hris-offboarding', termination)).toBe(200);
			await webhookRuns('15', 2, 'New Ticket Only');
			expect(sandbox.jira.issuesLabelled(offboardingLabel(leaver.email))).toHaveLength(1);

			const contractor = 'contractor.without.login@example.com';
			expect(
				await callWebhook('bigid-hris-offboarding', { email: contractor, name: 'A Contractor' }),
			).toBe(200);
			const [, , withoutLogin] = await webhookRuns('15', 3, 'New Ticket Only');
			expect(outputOf(withoutLogin, 'Report')).toEqual([
				expect.objectContaining({ email: contractor, accounts: 0, bigIdLoginDisabled: false }),
			]);
			const [contractorIssue] = sandbox.jira.issuesLabelled(offboardingLabel(contractor));
			expect(contractorIssue.description).toContain('BigID login: none');
			expect(jiraIssuesCreated() - issuesBefore).toBe(2);
		});

		it('16 activated: a CMDB webhook for a PostgreSQL instance creates the data source with its host and starts its scan', async () => {
			const creates = writes(DS_CREATE_ROUTE);
			const scans = writes(DS_SCAN_ROUTE);
			const item = {
				name: 'billing-pg-prod',
				sys_class_name: 'cmdb_ci_db_postgresql_instance',
				fqdn: 'billing.internal',
				tcp_port: '5432',
				u_bigid_credential_id: 'pg-scanner',
				operational_status: '1',
			};
			expect(await callWebhook('bigid-cmdb-data-source', item)).toBe(200);
			const [run] = await webhookRuns('16', 1, 'Result');
			expect(outputOf(run, 'Result')).toEqual([
				expect.objectContaining({ dataSource: item.name, action: 'created' }),
			]);
			expect(sandbox.store.dataSources.filter(({ name }) => name === item.name)).toEqual([
				expect.objectContaining({
					type: 'rdb-postgresql',
					rdb_url: 'billing.internal:5432',
					credential_id: 'pg-scanner',
				}),
			]);
			expect(writes(DS_CREATE_ROUTE) - creates).toBe(1);
			expect(writes(DS_SCAN_ROUTE) - scans).toBe(1);
		});

		it('17 activated: the ticketing webhook tags the objects it names once, and says which name BigID does not know', async () => {
			const object = {
				source: 'finance-bucket-1',
				fullyQualifiedName: 'finance-bucket-1.backup/payroll.xlsx',
			};
			const before = writes(TAG_ROUTE);
			const ticket = (ticketId: string, tagValue: string) => ({
				ticketId,
				tagName: 'Exception',
				tagValue,
				objects: [object],
			});
			expect(await callWebhook('bigid-exception-approved-tags', ticket('SEC-80', 'Approved'))).toBe(
				200,
			);
			const [tagged] = await webhookRuns('17', 1, 'Summary');
			expect(outputOf(tagged, 'Summary')).toEqual([
				expect.objectContaining({ ticketId: 'SEC-80', objectsTagged: [object.fullyQualifiedName] }),
			]);
			expect(tagsOf(object.source, object.fullyQualifiedName)).toContainEqual(EXCEPTION_APPROVED);

			expect(await callWebhook('bigid-exception-approved-tags', ticket('SEC-81', 'Aproved'))).toBe(
				200,
			);
			const [, misspelt] = await webhookRuns('17', 2, 'Summary');
			expect(outputOf(misspelt, 'Summary')).toEqual([
				expect.objectContaining({
					ticketId: 'SEC-81',
					objectsTagged: [],
					failed: [expect.objectContaining({ object: object.fullyQualifiedName })],
				}),
			]);
			expect(JSON.stringify(outputOf(misspelt, 'Summary'))).toContain('Aproved');
			expect(writes(TAG_ROUTE) - before).toBe(1);
		});
	});
});
