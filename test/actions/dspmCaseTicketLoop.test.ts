/**
 * The DSPM case write-backs of the ticket loop (Assign, Bulk Update, Create or Sync Ticket in
 * BigID) and Get Metrics, through n8n's engine against the sandbox, with the BigID version that
 * offers the inferred paths and one that does not.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox, SandboxOptions } from '../../sandbox';
import type { CasesModel, SandboxCase } from '../../sandbox/entities/cases/model';
import { runNode } from '../harness/actionNode';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { byId } from '../harness/items';
import { requestsTo, startCaseSession } from '../harness/sandbox';

const ASSIGN_ROUTE = 'PATCH /api/v1/actionable-insights/cases/:id';
const BULK_ROUTE = 'PATCH /api/v1/actionable-insights/cases:updateCases';
const CREATE_TICKET_ROUTE = 'POST /api/v1/actionable-insights/cases:createTicket/:id';
const SUMMARY_ROUTE = 'GET /api/v1/actionable-insights/cases-group-by-policy';
const CASES_ROUTE = 'GET /api/v1/actionable-insights/all-cases';

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;
let cases: CasesModel;

async function useSandbox(options: SandboxOptions = {}) {
	({ sandbox, credentials, cases } = await startCaseSession({ cases: 40, ...options }));
}
afterEach(async () => await sandbox?.close());

const run = (parameters: INodeParameters, input?: IDataObject[], continueOnFail?: boolean) =>
	runNode(credentials, 'dspmCase', parameters, input, continueOnFail);
const byCaseId = (value: string) => ({ __rl: true, mode: 'caseId', value });
/** How many of the cases have each value of `field`: what Get Metrics must count. */
function countsOf(of: readonly SandboxCase[], field: keyof SandboxCase): Map<unknown, number> {
	const counts = new Map<unknown, number>();
	for (const item of of) counts.set(item[field], (counts.get(item[field]) ?? 0) + 1);
	return counts;
}
const countsIn = (items: Array<{ json: IDataObject }>) =>
	new Map(items.map((item) => [item.json.group, item.json.caseCount]));

describe('DSPM Case > Assign', () => {
	beforeEach(async () => await useSandbox());

	it('assigns the case and outputs it with the previous assignee', async () => {
		const target = cases.cases[0];
		const previous = target.assignee;
		const { items, error } = await run({
			operation: 'assign',
			case: byCaseId(target.caseId),
			assignee: ' secops.lead@example.com ',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			_id: target._id,
			assignee: 'secops.lead@example.com',
			previousAssignee: previous,
			assigneeChanged: true,
		});
		expect(cases.get(target._id)!.assignee).toBe('secops.lead@example.com');
		expect(sandbox.stats.writes[ASSIGN_ROUTE]).toBe(1);
	});

	it('succeeds without sending anything when the case is already assigned to that person', async () => {
		const target = cases.cases[1];
		cases.update(target._id, { assignee: 'Dpo@Example.com' });
		const { items, error } = await run({
			operation: 'assign',
			case: byId(target._id),
			assignee: 'dpo@example.com',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ assigneeChanged: false, assignee: 'Dpo@Example.com' });
		expect(String(items[0].json.message)).toMatch(
			/already assigned to dpo@example.com: nothing was sent/,
		);
		expect(requestsTo(sandbox, ASSIGN_ROUTE)).toBe(0);
	});

	it('refuses an empty assignee before any request, and reports an unknown case without a write', async () => {
		const empty = await run({
			operation: 'assign',
			case: byId(cases.cases[0]._id),
			assignee: '={{ $json.missing ?? "" }}',
		});
		expect(empty.error?.message).toBe('Assignee is empty');
		expect(sandbox.stats.requests).toBe(0);

		const { items } = await run(
			{ operation: 'assign', case: byCaseId('={{ $json.caseId }}'), assignee: 'a@example.com' },
			[{ caseId: 'SPC-404040' }, { caseId: cases.cases[2].caseId }],
			true,
		);
		expect(items[0].json.error).toBe('Case SPC-404040 was not found');
		expect(items[1].json).toMatchObject({ assigneeChanged: true, assignee: 'a@example.com' });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(requestsTo(sandbox, ASSIGN_ROUTE)).toBe(1);
	});
});

describe('DSPM Case > Bulk Update', () => {
	beforeEach(async () => await useSandbox({ cases: 60 }));
	const ofPolicy = (name: string) => cases.cases.filter((item) => item.policyName === name);

	it('counts the cases of the policies, updates them in one request, and says how many changed', async () => {
		const policy = 'Stale Sensitive Data';
		const matching = ofPolicy(policy);
		const already = matching.filter((item) => item.caseStatus === 'acknowledged').length;
		expect(matching.length - already).toBeGreaterThan(0);
		const { items, error } = await run({
			operation: 'bulkUpdate',
			policyNames: policy,
			field: 'caseStatus',
			status: 'acknowledged',
			auditReason: 'Accepted risk, SEC-77',
			maxCases: 100,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			policyNames: [policy],
			field: 'caseStatus',
			newValue: 'acknowledged',
			matchedCases: matching.length,
			changedCases: matching.length - already,
		});
		expect(ofPolicy(policy).every((item) => item.caseStatus === 'acknowledged')).toBe(true);
		expect(sandbox.stats.writes[BULK_ROUTE]).toBe(1);

		const again = await run({
			operation: 'bulkUpdate',
			policyNames: policy,
			field: 'caseStatus',
			status: 'acknowledged',
			auditReason: 'Accepted risk, SEC-77',
			maxCases: 100,
		});
		expect(again.items[0].json).toMatchObject({ changedCases: 0 });
		expect(String(again.items[0].json.message)).toMatch(/nothing was sent/);
		expect(sandbox.stats.writes[BULK_ROUTE]).toBe(1);
	});

	it('refuses, changing nothing, when more cases match than Max Cases', async () => {
		const policy = 'Passwords';
		const count = ofPolicy(policy).length;
		expect(count).toBeGreaterThan(3);
		const before = cases.cases.map((item) => item.assignee);
		const { error } = await run({
			operation: 'bulkUpdate',
			policyNames: policy,
			field: 'assignee',
			assignee: 'secops.lead@example.com',
			auditReason: 'New owner',
			maxCases: 3,
		});
		expect(error?.message).toBe(
			`${count} cases match, more than Max Cases (3): nothing was changed`,
		);
		expect(error?.description).toMatch(/raise Max Cases/);
		expect(requestsTo(sandbox, BULK_ROUTE)).toBe(0);
		expect(cases.cases.map((item) => item.assignee)).toEqual(before);
	});

	it('refuses empty policy names and an empty reason before any request', async () => {
		const noPolicy = await run({
			operation: 'bulkUpdate',
			policyNames: ' , ',
			field: 'caseStatus',
			status: 'closed',
			auditReason: 'x',
		});
		expect(noPolicy.error?.message).toBe('Policy Names is empty');
		const noReason = await run({
			operation: 'bulkUpdate',
			policyNames: 'Passwords',
			field: 'caseStatus',
			status: 'closed',
			auditReason: ' ',
		});
		expect(noReason.error?.message).toBe('Audit Reason is empty');
		expect(sandbox.stats.requests).toBe(0);
	});
});

describe('DSPM Case > Create or Sync Ticket in BigID', () => {
	it("has BigID's Jira integration create the ticket, and does not ask twice", async () => {
		await useSandbox();
		const target = cases.cases[3];
		const created = await run({ operation: 'syncTicket', case: byId(target._id) });
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({
			_id: target._id,
			ticketRequested: true,
			ticketCreationFailed: false,
			ticketUrl: expect.stringMatching(/^https:\/\/jira\.example\.com\/browse\/BIGID-\d+$/),
			ticketMetadata: expect.objectContaining({ ticketType: 'jira' }),
		});
		const again = await run({ operation: 'syncTicket', case: byId(target._id) });
		expect(again.items[0].json).toMatchObject({ ticketRequested: false });
		expect(sandbox.stats.writes[CREATE_TICKET_ROUTE]).toBe(1);

		const synced = await run({
			operation: 'syncTicket',
			case: byId(target._id),
			ticketAction: 'fetchTicketAndSync',
		});
		expect(synced.items[0].json).toMatchObject({ ticketRequested: true });
	});

	it('reports "Creation Failed" as a failure of the item, not as a link', async () => {
		await useSandbox({ caseTicketSystems: [] });
		const { error } = await run({
			operation: 'syncTicket',
			case: byId(cases.cases[0]._id),
			ticketSystem: 'service_now',
		});
		expect(error?.message).toMatch(
			/could not create the ServiceNow ticket of case SPC-1: .*Creation Failed/,
		);
		expect(error?.description).toMatch(/ServiceNow IRM Integration/);
	});
});

describe('the write-backs on a BigID version without their inferred paths', () => {
	beforeEach(async () => await useSandbox({ caseWriteBacks: false }));

	it.each([
		['assign', { assignee: 'a@example.com' }, /does not offer assigning DSPM cases/],
		['syncTicket', {}, /does not offer tickets through BigID's ticketing integrations/],
	])('%s says this BigID version does not offer it', async (operation, parameters, message) => {
		const { error } = await run({ operation, case: byId(cases.cases[0]._id), ...parameters });
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/Do this in the BigID UI instead/);
	});

	it('bulk update says so too, after counting', async () => {
		const { error } = await run({
			operation: 'bulkUpdate',
			policyNames: 'Passwords',
			field: 'caseStatus',
			status: 'closed',
			auditReason: 'x',
			maxCases: 100,
		});
		expect(error?.message).toMatch(/does not offer updating DSPM cases in bulk/);
	});
});

describe('DSPM Case > Get Metrics', () => {
	it.each([
		['policy', 'policyName'],
		['severity', 'severityLevel'],
		['status', 'caseStatus'],
		['dataSource', 'dataSourceName'],
	] as const)(
		'counts every case by %s, in one request when BigID groups',
		async (groupBy, field) => {
			await useSandbox({ cases: 150 });
			const { items, error } = await run({ operation: 'getMetrics', groupBy, statuses: [] });
			expect(error).toBeUndefined();
			expect(countsIn(items)).toEqual(countsOf(cases.cases, field));
			expect(items.every((item) => item.json.groupBy === groupBy)).toBe(true);
			expect(requestsTo(sandbox, SUMMARY_ROUTE)).toBe(1);
			expect(requestsTo(sandbox, CASES_ROUTE)).toBe(0);
		},
	);

	it('counts the cases themselves on a BigID that groups by policy only', async () => {
		await useSandbox({ cases: 150, caseGroupBy: false });
		const bySeverity = await run({ operation: 'getMetrics', groupBy: 'severity' });
		const open = cases.cases.filter((item) => item.caseStatus === 'open');
		expect(countsIn(bySeverity.items)).toEqual(countsOf(open, 'severityLevel'));
		expect(requestsTo(sandbox, CASES_ROUTE)).toBe(0);

		const bySource = await run({ operation: 'getMetrics', groupBy: 'dataSource' });
		expect(countsIn(bySource.items)).toEqual(countsOf(open, 'dataSourceName'));
		expect(requestsTo(sandbox, CASES_ROUTE)).toBe(1);
	});

	it("outputs BigID's trends, one item per row", async () => {
		await useSandbox();
		cases.open('Passwords', cases.cases[0].dataSourceName);
		const { items, error } = await run({ operation: 'getMetrics', metric: 'trends' });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(7);
		expect(items[6].json).toMatchObject({
			opened: expect.any(Number),
			remediated: expect.any(Number),
		});
		expect(Number(items[6].json.opened)).toBeGreaterThanOrEqual(1);
	});
});
