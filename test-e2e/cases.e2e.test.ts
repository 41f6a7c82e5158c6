/**
 * The DSPM case examples in a real n8n, against the BigID sandbox: new case → ticket, ticket
 * resolved → case remediated, the weekly digest; and the loop with n8n's own Jira nodes against
 * the sandbox's Jira double: new case → one Jira issue → case assigned, issue resolved → case
 * remediated. E2E_N8N_VERSIONS picks the n8n versions
 * (comma-separated); all tested ones by default.
 */
import { rmSync } from 'fs';
import path from 'path';

import { startSandbox, type Sandbox } from '../sandbox';
import { POLICIES, type CasesModel, type SandboxCase } from '../sandbox/entities/cases/model';
import { casesApi } from '../sandbox/entities/cases/routes';
import { JIRA_LOGIN } from '../sandbox/jira';
import { forSandbox, sandboxCredentials } from '../scripts/n8n/examples';
import { N8nInstance, outputOf } from '../scripts/n8n/instance';
import { installPack } from '../scripts/n8n/pack';
import { CACHE_DIR, ensureN8n } from '../scripts/n8n/runtime';
import { e2eVersions, exampleFile, INSTALL_TIMEOUT_MS, waitFor, packedPackage } from './support';

const CASES_ROUTE = 'GET /api/v1/actionable-insights/all-cases';
const CASE_EXAMPLES = ['07', '08', '09', '13', '14'];
const ISSUE_ROUTE = 'POST /rest/api/2/issue';
const ASSIGN_ROUTE = 'PATCH /api/v1/actionable-insights/cases/:id';
const STATUS_ROUTE = 'PATCH /api/v1/actionable-insights/case-status/:id';
/** The lead of the double's project SEC, to whom Jira assigns new issues. */
const SEC_LEAD = 'secops.lead@example.com';
const labelOf = (item: SandboxCase) => `bigid-${item._id}`;

describe.each(e2eVersions)('n8n %s runs the DSPM case examples', (version) => {
	let sandbox: Sandbox;
	let instance: N8nInstance;
	let cases: CasesModel;
	const ticketsOf = (kind: (body: Record<string, unknown>) => boolean) =>
		sandbox.tickets.map((ticket) => ticket.body as Record<string, unknown>).filter(kind);

	beforeAll(async () => {
		const n8n = await ensureN8n(version);
		const pack = packedPackage();
		sandbox = await startSandbox({});
		cases = sandbox.store.model(casesApi);
		const userFolder = path.join(CACHE_DIR, 'e2e', `n8n-${version}-cases`);
		rmSync(userFolder, { recursive: true, force: true });
		instance = new N8nInstance({ n8n, userFolder, logFile: path.join(userFolder, 'n8n.log') });
		await installPack(userFolder, pack);
		await instance.importCredentials(sandboxCredentials(sandbox.url, sandbox.options));
		await instance.importWorkflows(
			CASE_EXAMPLES.map((prefix) => forSandbox(exampleFile(prefix), sandbox.url)),
		);
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await instance?.stop();
		await sandbox?.close();
	});

	describe('with n8n execute --id', () => {
		it('07 case to ticket: Try It sends the sample case as a ticket with its priority, owner and case ID', async () => {
			const before = sandbox.tickets.length;
			await instance.execute(exampleFile('07').id);
			expect(sandbox.tickets).toHaveLength(before + 1);
			expect(sandbox.tickets[before].body).toMatchObject({
				title: '[BigID] Passwords detected on s3 (finance-bucket-1)',
				priority: 'highest',
				severity: 'critical',
				policy: 'Passwords',
				dataSource: 'finance-bucket-1',
				owner: 'cloud-team',
				affectedObjects: 232,
				caseId: 'SPC-123',
				externalId: '63b0cd00a08ff49b6f000123',
				link: 'https://bigid.example.com/#/actionable-insights?caseId=SPC-123',
			});
		});

		it('08 ticket resolved: Try It remediates SPC-1 with the resolution as the reason, and again is a no-op', async () => {
			const target = cases.get('SPC-1')!;
			if (target.caseStatus === 'remediated') cases.setStatus(target._id, 'open');
			const result = await instance.execute(exampleFile('08').id);
			expect(outputOf(result, 'Confirmation')).toEqual([
				expect.objectContaining({ caseId: 'SPC-1', status: 'remediated', statusChanged: true }),
			]);
			expect(cases.get('SPC-1')!.caseStatus).toBe('remediated');
			const writes = sandbox.stats.writes['PATCH /api/v1/actionable-insights/case-status/:id'];
			const again = await instance.execute(exampleFile('08').id);
			expect(outputOf(again, 'Confirmation')).toEqual([
				expect.objectContaining({ status: 'remediated', statusChanged: false }),
			]);
			expect(sandbox.stats.writes['PATCH /api/v1/actionable-insights/case-status/:id']).toBe(
				writes,
			);
		});

		it('13 case to Jira issue: Try It twice makes one issue for SPC-1 and assigns SPC-1 to its assignee once', async () => {
			const target = cases.get('SPC-1')!;
			const label = labelOf(target);
			const writes = () => sandbox.stats.writes[ASSIGN_ROUTE] ?? 0;
			const assigned = writes();
			const first = await instance.execute(exampleFile('13').id);
			const [issue] = sandbox.jira.issuesLabelled(label);
			expect(issue).toMatchObject({ projectId: '10000', assignee: 'secops.lead' });
			expect(outputOf(first, 'Assign Case')).toEqual([
				expect.objectContaining({ caseId: 'SPC-1', assignee: SEC_LEAD, assigneeChanged: true }),
			]);
			expect(cases.get('SPC-1')!.assignee).toBe(SEC_LEAD);
			expect(writes()).toBe(assigned + 1);

			const second = await instance.execute(exampleFile('13').id);
			expect(outputOf(second, 'New Cases Only')).toEqual([]);
			expect(sandbox.jira.issuesLabelled(label)).toHaveLength(1);
			expect(writes()).toBe(assigned + 1);
		});

		it('14 Jira issue resolved: Try It remediates SPC-1 with the resolution and the issue key as the reason', async () => {
			const target = cases.get('SPC-1')!;
			if (target.caseStatus === 'remediated') cases.setStatus(target._id, 'open');
			const result = await instance.execute(exampleFile('14').id);
			expect(outputOf(result, 'Resolved Issue')).toEqual([
				{ issueKey: 'SEC-42', resolution: 'Fixed', done: true, externalId: target._id },
			]);
			expect(outputOf(result, 'Confirmation')).toEqual([
				expect.objectContaining({ caseId: 'SPC-1', status: 'remediated', statusChanged: true }),
			]);
			expect(cases.get('SPC-1')!.caseStatus).toBe('remediated');
		});

		it('09 weekly digest: posts the open cases by severity (Get Metrics) and one Markdown table of them by policy', async () => {
			const before = sandbox.tickets.length;
			await instance.execute(exampleFile('09').id);
			expect(sandbox.tickets).toHaveLength(before + 1);
			const { text } = sandbox.tickets[before].body as { text: string };
			const open = cases.cases.filter((item) => item.caseStatus === 'open');
			expect(text).toContain(`${open.length} open cases`);
			expect(text).toContain('| Policy | Severity | Open cases |');
			// Get Metrics by severity, the largest count first.
			const bySeverity = new Map<string, number>();
			for (const item of open) {
				bySeverity.set(item.severityLevel, (bySeverity.get(item.severityLevel) ?? 0) + 1);
			}
			const severityLine = [...bySeverity.entries()]
				.sort(([left, a], [right, b]) => b - a || left.localeCompare(right, 'en'))
				.map(([severity, count]) => `${severity} ${count}`)
				.join(' · ');
			expect(text).toContain(`By severity: ${severityLine}`);
			for (const policy of new Set(open.map((item) => item.policyName))) {
				const count = open.filter((item) => item.policyName === policy).length;
				expect(text).toMatch(new RegExp(`\\| ${policy} \\| \\w+ \\| ${count} \\|`));
			}
		});
	});

	describe('on a running n8n', () => {
		beforeAll(async () => {
			await instance.start();
			await instance.setUpOwner();
		}, 5 * 60_000);

		it('07 and 08 activated: each new high or critical case becomes one ticket, and resolving a ticket remediates its case', async () => {
			const requests = () => sandbox.stats.byRoute[CASES_ROUTE] ?? 0;
			const activationPoll = requests();
			await instance.activateWorkflow(exampleFile('07').id);
			await instance.activateWorkflow(exampleFile('08').id);
			await waitFor('the activation poll', async () =>
				requests() > activationPoll ? true : undefined,
			);

			const known = new Set(cases.cases.map((item) => item._id));
			sandbox.store.createFinishedParentScan({ scanProfileName: 'Weekly Full Scan' });
			const opened = cases.cases.filter((item) => !known.has(item._id));
			const urgent = opened.filter((item) => ['high', 'critical'].includes(item.severityLevel));
			expect(urgent.length).toBeGreaterThan(0);
			const isCaseTicket = (body: Record<string, unknown>) =>
				urgent.some((item) => item._id === body.externalId);
			await waitFor('a ticket per new urgent case', async () =>
				ticketsOf(isCaseTicket).length >= urgent.length ? true : undefined,
			);
			// One more poll finds nothing new: still one ticket per case.
			const after = requests();
			await waitFor('another poll', async () => (requests() > after ? true : undefined));
			const tickets = ticketsOf(isCaseTicket);
			expect(tickets.map((ticket) => ticket.externalId).sort()).toEqual(
				urgent.map((item) => item._id).sort(),
			);

			const resolve = async (externalId: string) =>
				await waitFor('the ticket webhook to be registered', async () => {
					const response = await fetch(`${instance.url}/webhook/bigid-ticket-resolved`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ externalId, ticketId: 'SEC-9', resolution: 'Made private' }),
					});
					return response.status === 404 ? undefined : response.status;
				});
			const webhookRuns = async (count: number) =>
				await waitFor(`${count} webhook executions`, async () => {
					const runs = (await instance.executionsOf(exampleFile('08').id)).filter(
						({ mode }) => mode === 'webhook',
					);
					return runs.length >= count && runs.every(({ status }) => status === 'success')
						? runs
						: undefined;
				});
			const ticketed = String(tickets[0].externalId);
			expect(await resolve(ticketed)).toBe(200);
			const [remediated] = await webhookRuns(1);
			expect(outputOf(remediated, 'Confirmation')).toEqual([
				expect.objectContaining({ status: 'remediated', statusChanged: true }),
			]);
			expect(cases.get(ticketed)!.caseStatus).toBe('remediated');

			expect(await resolve('SPC-999999')).toBe(200);
			const [, unknown] = await webhookRuns(2);
			expect(outputOf(unknown, 'Not Found')).toEqual([
				expect.objectContaining({
					externalId: 'SPC-999999',
					remediated: false,
					error: 'Case SPC-999999 was not found',
				}),
			]);
			// The remediated case is a status change, not a new case: no second ticket.
			const polled = requests();
			await waitFor('another poll', async () => (requests() > polled ? true : undefined));
			expect(ticketsOf(isCaseTicket)).toHaveLength(urgent.length);
		});

		it('13 and 14 activated with the Jira nodes: one issue per new urgent case, its assignee in BigID, each resolution remediates its case once', async () => {
			const { jira } = sandbox;
			const requests = () => sandbox.stats.byRoute[CASES_ROUTE] ?? 0;
			const writes = (route: string) => sandbox.stats.writes[route] ?? 0;
			const start = {
				issues: jira.stats.writes[ISSUE_ROUTE] ?? 0,
				assigned: writes(ASSIGN_ROUTE),
				remediated: writes(STATUS_ROUTE),
			};
			// Only 13's BigID Trigger polls from here on, so the next poll is its activation poll.
			await Promise.all(
				['07', '08'].map((prefix) => instance.deactivateWorkflow(exampleFile(prefix).id)),
			);
			const activationPoll = requests();
			await Promise.all(
				['13', '14'].map((prefix) => instance.activateWorkflow(exampleFile(prefix).id)),
			);
			await waitFor('the activation poll of 13', async () =>
				requests() > activationPoll ? true : undefined,
			);
			expect(jira.webhooks).toEqual([
				expect.objectContaining({
					events: ['jira:issue_updated'],
					url: expect.stringContaining('/webhook/'),
				}),
			]);

			const sources = sandbox.store.dataSources;
			const urgent = POLICIES.filter(({ severityLevel }) =>
				['high', 'critical'].includes(severityLevel),
			).map(({ policyName }, index) =>
				cases.open(policyName, sources[index % sources.length].name),
			);
			const low = POLICIES.find(({ severityLevel }) => severityLevel === 'low')!;
			const quiet = cases.open(low.policyName, sources[0].name);
			expect(urgent.length).toBeGreaterThan(1);
			await waitFor('an issue per urgent case, its assignee in BigID', async () =>
				urgent.every(
					(item) =>
						jira.issuesLabelled(labelOf(item)).length > 0 &&
						cases.get(item._id)!.assignee === SEC_LEAD,
				)
					? true
					: undefined,
			);
			// One more poll finds nothing new: still one issue per case, none for the low one.
			const polled = requests();
			await waitFor('another poll', async () => (requests() > polled ? true : undefined));
			for (const item of urgent) expect(jira.issuesLabelled(labelOf(item))).toHaveLength(1);
			expect(jira.issuesLabelled(labelOf(quiet))).toEqual([]);

			const resolutions = ['Fixed', 'Done', "Won't Do"];
			const issues = urgent.map((item) => jira.issuesLabelled(labelOf(item))[0]);
			issues.forEach((issue, index) =>
				jira.resolveIssue(issue.key, resolutions[index % resolutions.length], 'alex.analyst'),
			);
			await jira.settled();
			const webhookRuns = async (count: number) =>
				await waitFor(`${count} Jira Trigger executions`, async () => {
					const runs = (await instance.executionsOf(exampleFile('14').id)).filter(
						({ mode }) => mode === 'webhook',
					);
					return runs.length >= count && runs.every(({ status }) => status === 'success')
						? runs
						: undefined;
				});
			const runs = await webhookRuns(issues.length);
			expect(jira.deliveries.filter(({ status }) => status === 200)).toHaveLength(issues.length);
			const reasons = runs.flatMap((run) => outputOf(run, 'Resolved Issue'));
			expect(reasons).toEqual(
				expect.arrayContaining(
					issues.map((issue, index) =>
						expect.objectContaining({
							issueKey: issue.key,
							resolution: resolutions[index % resolutions.length],
							externalId: urgent[index]._id,
						}),
					),
				),
			);
			for (const item of urgent) expect(cases.get(item._id)!.caseStatus).toBe('remediated');

			// A later edit of a resolved issue calls the trigger again: the case stays remediated, nothing is sent.
			const edited = await fetch(`${sandbox.url}/rest/api/2/issue/${issues[0].key}`, {
				method: 'PUT',
				headers: {
					authorization: `Basic ${Buffer.from(`${JIRA_LOGIN.username}:${JIRA_LOGIN.password}`).toString('base64')}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify({ fields: { summary: `${issues[0].summary} (verified)` } }),
			});
			expect(edited.status).toBe(204);
			await jira.settled();
			const again = await webhookRuns(issues.length + 1);
			expect(outputOf(again.at(-1)!, 'Confirmation')).toEqual([
				expect.objectContaining({ status: 'remediated', statusChanged: false }),
			]);

			const labels = jira.issues.flatMap(({ labels: all }) =>
				all.filter((one) => one.startsWith('bigid-')),
			);
			const counts = {
				issuesCreated: (jira.stats.writes[ISSUE_ROUTE] ?? 0) - start.issues,
				casesAssigned: writes(ASSIGN_ROUTE) - start.assigned,
				casesRemediated: writes(STATUS_ROUTE) - start.remediated,
				duplicateIssues: labels.length - new Set(labels).size,
			};
			console.log(`n8n ${version}, the Jira loop: ${JSON.stringify(counts)}`);
			expect(counts).toEqual({
				issuesCreated: urgent.length,
				casesAssigned: urgent.length,
				casesRemediated: urgent.length,
				duplicateIssues: 0,
			});
		});
	});
});
