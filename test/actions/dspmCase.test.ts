import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BigId } from '../../nodes/BigId/BigId.node';
import type { Sandbox, SandboxOptions } from '../../sandbox';
import type { CasesModel } from '../../sandbox/entities/cases/model';
import { loadOptionsContext, runNode } from '../harness/actionNode';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { byId } from '../harness/items';
import { requestsTo, startCaseSession } from '../harness/sandbox';

const CASES_ROUTE = 'GET /api/v1/actionable-insights/all-cases';
const STATUS_ROUTE = 'PATCH /api/v1/actionable-insights/case-status/:id';
const SUMMARY_ROUTE = 'GET /api/v1/actionable-insights/cases-group-by-policy';

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;
let cases: CasesModel;

async function useSandbox(options: SandboxOptions = {}) {
	({ sandbox, credentials, cases } = await startCaseSession({ cases: 30, ...options }));
}
afterEach(async () => await sandbox?.close());

const run = (parameters: INodeParameters, input?: IDataObject[], continueOnFail?: boolean) =>
	runNode(credentials, 'dspmCase', parameters, input, continueOnFail);
const byCaseId = (value: string) => ({ __rl: true, mode: 'caseId', value });
const newestFirst = () =>
	[...cases.cases].sort((left, right) => (left.updated_at < right.updated_at ? 1 : -1));

describe('DSPM Case > Get Many', () => {
	it('reads every case over several pages, in one normalised shape', async () => {
		await useSandbox();
		const { items, error } = await run({
			operation: 'getMany',
			returnAll: true,
			options: { pageSize: 7 },
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json._id)).toEqual(newestFirst().map((item) => item._id));
		expect(requestsTo(sandbox, CASES_ROUTE)).toBe(5);
		const stored = cases.get(String(items[0].json._id))!;
		expect(items[0].json).toMatchObject({
			id: stored._id,
			_id: stored._id,
			caseId: stored.caseId,
			status: stored.caseStatus,
			severity: stored.severityLevel,
			policyName: stored.policyName,
			dataSourceName: stored.dataSourceName,
			owner: stored.dataSourceOwner ?? stored.policyOwner,
			assignee: stored.assignee,
			affectedObjectsCount: stored.numberOfAffectedObjects,
			statusDates: stored.caseStatusUpdateDates,
			createdAt: stored.created_at,
			updatedAt: stored.updated_at,
		});
		expect(items[0].json).not.toHaveProperty('caseStatus');
		expect(items[0].json).not.toHaveProperty('numberOfAffectedObjects');
	});

	it('turns the simple filters into BigID filter conditions', async () => {
		await useSandbox({ cases: 60 });
		const { items, error } = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { statuses: ['open', 'acknowledged'], severities: ['high'] },
		});
		expect(error).toBeUndefined();
		const expected = cases.cases.filter(
			(item) => ['open', 'acknowledged'].includes(item.caseStatus) && item.severityLevel === 'high',
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(new Set(items.map((item) => item.json._id))).toEqual(
			new Set(expected.map((item) => item._id)),
		);

		const policy = cases.cases[0].policyName;
		const source = cases.cases[0].dataSourceName;
		const named = await run({
			operation: 'getMany',
			returnAll: true,
			filters: {
				policyNames: ` ${policy} `,
				dataSourceNames: source,
				caseTypes: 'dataSourcePolicyCase',
			},
		});
		expect(named.items.length).toBeGreaterThan(0);
		for (const item of named.items) {
			expect(item.json).toMatchObject({ policyName: policy, dataSourceName: source });
		}
	});

	it.each(['equal', 'equals'] as const)(
		'by default sends a single value as a one-item in list, which a BigID spelling equality %s takes',
		async (spelling) => {
			await useSandbox({ caseFilterOperator: spelling, cases: 80 });
			const listed = await run({
				operation: 'getMany',
				returnAll: true,
				filters: { statuses: ['open'] },
			});
			expect(listed.error).toBeUndefined();
			const open = cases.cases.filter((item) => item.caseStatus === 'open');
			expect(listed.items.map((item) => item.json._id).sort()).toEqual(
				open.map((item) => item._id).sort(),
			);
			const summary = await run({ operation: 'getPolicySummary', returnAll: true });
			expect(summary.error).toBeUndefined();
			const counted = summary.items.reduce((total, item) => total + Number(item.json.caseCount), 0);
			expect(counted).toBe(open.length);
		},
	);

	it.each(['equal', 'equals'] as const)(
		'works against a BigID that spells equality %s, once the option says so',
		async (spelling) => {
			await useSandbox({ caseFilterOperator: spelling });
			const parameters = {
				operation: 'getMany',
				returnAll: true,
				filters: { severities: ['critical'] },
			};
			const matching = await run({ ...parameters, options: { equalityOperator: spelling } });
			expect(matching.error).toBeUndefined();
			const critical = cases.cases.filter((item) => item.severityLevel === 'critical');
			expect(matching.items).toHaveLength(critical.length);

			const other = spelling === 'equal' ? 'equals' : 'equal';
			const refused = await run({ ...parameters, options: { equalityOperator: other } });
			expect(refused.error?.message).toMatch(/Invalid filter operator/);
			expect(refused.error?.description).toMatch(/Equality Operator/);
		},
	);

	it.each(['skip', 'offset'] as const)(
		'pages a BigID that pages by %s, once the option says so',
		async (paging) => {
			await useSandbox({ cases: 45, casePaging: paging, pageCap: 10 });
			const listed = await run({
				operation: 'getMany',
				returnAll: true,
				options: { pagingParameter: paging },
			});
			expect(listed.error).toBeUndefined();
			const ids = listed.items.map((item) => item.json._id);
			expect(new Set(ids).size).toBe(cases.cases.length);
			expect(ids).toHaveLength(cases.cases.length);

			const other = paging === 'skip' ? 'offset' : 'skip';
			const repeated = await run({
				operation: 'getMany',
				returnAll: true,
				options: { pagingParameter: other },
			});
			expect(repeated.error?.message).toMatch(/same page/);
			expect(repeated.error?.description).toContain(`set Paging Parameter to ${paging}`);
		},
	);

	it('reads only the pages of cases changed since a date, newest first', async () => {
		await useSandbox({ cases: 500 });
		const since = new Date(sandbox.store.now()).toISOString();
		sandbox.store.advanceClock(1000);
		const changed = cases.cases.slice(0, 3).map((item) => cases.setStatus(item._id, 'closed')!);
		sandbox.resetStats();
		const { items, error } = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { updatedSince: since },
			options: { pageSize: 50 },
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json._id)).toEqual(changed.reverse().map((item) => item._id));
		expect(requestsTo(sandbox, CASES_ROUTE)).toBe(1);

		const sorted = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { updatedSince: since },
			options: { sort: 'caseId' },
		});
		expect(new Set(sorted.items.map((item) => item.json._id))).toEqual(
			new Set(changed.map((item) => item._id)),
		);
	});

	it.each([
		['not JSON', '{"field": '],
		['not an array', '{"field":"caseStatus","value":"open"}'],
		['a condition without value', '[{"field":"caseStatus"}]'],
	])('refuses a raw filter that is %s, and sends nothing', async (_, rawFilter) => {
		await useSandbox();
		const { error } = await run({ operation: 'getMany', options: { rawFilter } });
		expect(error?.message).toMatch(/^Raw Filter is malformed/);
		expect(error?.description).toContain('"operator":"in"');
		expect(sandbox.stats.requests).toBe(0);
	});

	it('adds a raw filter to the simple ones', async () => {
		await useSandbox({ cases: 60 });
		const { items } = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { statuses: ['closed'] },
			options: { rawFilter: '[{"field":"compliance","value":["GDPR"],"operator":"in"}]' },
		});
		const expected = cases.cases.filter(
			(item) => item.caseStatus === 'closed' && item.compliance === 'GDPR',
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(items).toHaveLength(expected.length);
	});
});

describe('DSPM Case > Get', () => {
	beforeEach(async () => await useSandbox());

	it('finds a case by _id, by friendly case ID, and from the list', async () => {
		const wanted = cases.cases[4];
		for (const locator of [
			byId(wanted._id),
			byCaseId(wanted.caseId),
			byId(wanted.caseId),
			{ __rl: true, mode: 'list', value: wanted._id },
		]) {
			const { items, error } = await run({ operation: 'get', case: locator });
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.caseId)).toEqual([wanted.caseId]);
		}
	});

	it('says which case is unknown, and refuses a malformed ID before any request', async () => {
		const unknown = await run({ operation: 'get', case: byCaseId('SPC-99999') });
		expect(unknown.error?.message).toBe('Case SPC-99999 was not found');
		expect(unknown.error?.description).toContain('DSPM Case > Get Many');
		sandbox.resetStats();
		const malformed = await run({ operation: 'get', case: byId('not a case') });
		expect(malformed.error?.message).toBe('Case ID is invalid: "not a case"');
		expect(sandbox.stats.requests).toBe(0);
	});

	it('lists the newest cases for the resource locator, searchable', async () => {
		const context = loadOptionsContext(
			credentials,
			{ resource: 'dspmCase', operation: 'get' },
			'case',
		);
		const search = new BigId().methods.listSearch.searchCases;
		const all = await search.call(context);
		expect(all.results).toHaveLength(cases.cases.length);
		const { results } = await search.call(context, 'passwords');
		const expected = cases.cases.filter((item) => item.policyName === 'Passwords');
		expect(results.map((result) => result.value).sort()).toEqual(
			expected.map((item) => item._id).sort(),
		);
		expect(results[0].name).toMatch(/^SPC-\d+: Passwords detected on/);
	});
});

describe('DSPM Case > Update Status', () => {
	beforeEach(async () => await useSandbox());
	const openCase = () => cases.cases.find((item) => item.caseStatus === 'open')!;

	it('sets the status with the audit reason, and outputs the updated case', async () => {
		const target = openCase();
		const { items, error } = await run({
			operation: 'updateStatus',
			case: byCaseId(target.caseId),
			status: 'remediated',
			auditReason: 'Bucket made private (SEC-12)',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			_id: target._id,
			status: 'remediated',
			previousStatus: 'open',
			statusChanged: true,
		});
		expect(cases.get(target._id)!.caseStatus).toBe('remediated');
		expect(sandbox.stats.writes[STATUS_ROUTE]).toBe(1);
	});

	it('succeeds without sending anything when the case already has the status', async () => {
		const target = openCase();
		const updatedAt = target.updated_at;
		const { items, error } = await run({
			operation: 'updateStatus',
			case: byId(target._id),
			status: '={{ "Open" }}',
			auditReason: 'ticket reopened',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ statusChanged: false, status: 'open' });
		expect(String(items[0].json.message)).toMatch(/already has the status Open: nothing was sent/);
		expect(requestsTo(sandbox, STATUS_ROUTE)).toBe(0);
		expect(cases.get(target._id)!.updated_at).toBe(updatedAt);
	});

	it.each([
		['an empty audit reason', { status: 'closed', auditReason: '   ' }, /^Audit Reason is empty$/],
		['an empty status', { status: '={{ "" }}', auditReason: 'x' }, /^Status is empty$/],
	])('refuses %s before any request', async (_, parameters, message) => {
		const { error } = await run({
			operation: 'updateStatus',
			case: byId(openCase()._id),
			...parameters,
		});
		expect(error?.message).toMatch(message);
		expect(sandbox.stats.requests).toBe(0);
	});

	it('reports a status BigID refuses, with the statuses it takes, and changes nothing', async () => {
		const target = openCase();
		const { error } = await run({
			operation: 'updateStatus',
			case: byId(target._id),
			status: '={{ "escalated" }}',
			auditReason: 'try it',
		});
		expect(error?.message).toMatch(/escalated/);
		expect(error?.description).toMatch(
			/open, acknowledged, remediated, silenced, resolved, closed/,
		);
		expect(sandbox.stats.writes[STATUS_ROUTE] ?? 0).toBe(0);
		expect(cases.get(target._id)!.caseStatus).toBe('open');
	});

	it('reports an unknown case and sends no PATCH; continue on fail keeps the other items', async () => {
		const target = openCase();
		const { items } = await run(
			{
				operation: 'updateStatus',
				case: byCaseId('={{ $json.caseId }}'),
				status: 'acknowledged',
				auditReason: 'triage',
			},
			[{ caseId: 'SPC-404040' }, { caseId: target.caseId }],
			true,
		);
		expect(items[0].json.error).toBe('Case SPC-404040 was not found');
		expect(items[1].json).toMatchObject({ status: 'acknowledged', statusChanged: true });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(requestsTo(sandbox, STATUS_ROUTE)).toBe(1);
	});
});

describe('DSPM Case > Get Policy Summary', () => {
	it('counts cases by policy and status, open ones by default', async () => {
		await useSandbox({ cases: 200 });
		const { items, error } = await run({ operation: 'getPolicySummary', returnAll: true });
		expect(error).toBeUndefined();
		const counts: Record<string, number> = {};
		for (const item of cases.cases.filter((candidate) => candidate.caseStatus === 'open')) {
			counts[item.policyName] = (counts[item.policyName] ?? 0) + 1;
		}
		expect(
			Object.fromEntries(items.map((item) => [item.json.policyName, item.json.caseCount])),
		).toEqual(counts);
		expect(items.every((item) => item.json.status === 'open')).toBe(true);
		expect(requestsTo(sandbox, SUMMARY_ROUTE)).toBe(1);

		const everything = await run({ operation: 'getPolicySummary', statuses: [], returnAll: true });
		const total = everything.items.reduce((sum, item) => sum + Number(item.json.caseCount), 0);
		expect(total).toBe(cases.cases.length);
	});
});

describe('DSPM cases in the sandbox', () => {
	it('opens cases when scans complete on data sources with sensitive data, once per policy and source', async () => {
		await useSandbox({ cases: 0, scanDurationMs: 60_000 });
		const profile = sandbox.store.scanProfiles[0];
		sandbox.store.startScan(profile._id);
		expect(cases.cases).toHaveLength(0);
		sandbox.store.advanceClock(60_000);
		const opened = [...cases.cases];
		expect(opened.length).toBeGreaterThan(0);
		expect(opened.every((item) => item.caseStatus === 'open')).toBe(true);
		const pairs = opened.map((item) => `${item.policyName}@${item.dataSourceName}`);
		expect(new Set(pairs).size).toBe(pairs.length);
		sandbox.store.createFinishedParentScan({ scanProfileId: profile._id });
		expect(cases.cases).toHaveLength(opened.length);
		cases.setStatus(opened[0]._id, 'resolved');
		sandbox.store.createFinishedParentScan({ scanProfileId: profile._id });
		expect(cases.cases).toHaveLength(opened.length + 1);
	});
});
