import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox, SandboxOptions } from '../../sandbox';
import type { CasesModel } from '../../sandbox/entities/cases/model';
import { runNode } from '../harness/actionNode';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { runWorkflow } from '../harness/engine';
import { byId } from '../harness/items';
import { PollHarness, TRIGGER_NODE_NAME, TRIGGER_NODE_TYPE } from '../harness/poll';
import { requestsTo, startCaseSession } from '../harness/sandbox';
import type { SaveModel } from '../harness/staticData';
import { deliveriesAfterCrash, SAVE_MODELS } from '../harness/staticData';

const CASES_ROUTE = 'GET /api/v1/actionable-insights/all-cases';
const CASE_EVENTS = ['caseCreated', 'caseStatusChanged'];

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;
let cases: CasesModel;

async function useSandbox(options: SandboxOptions = {}) {
	({ sandbox, credentials, cases } = await startCaseSession({ cases: 40, ...options }));
}
afterEach(async () => await sandbox?.close());

function harness(parameters: INodeParameters, saveModel: SaveModel = 'emitAndActivation') {
	return new PollHarness({ credentials, parameters, saveModel });
}

const caseOf = (item: IDataObject) => item.case as IDataObject;
/** `event caseId [old>new]`, what a reader of the execution sees first. */
const eventsOf = (items: IDataObject[] | null) =>
	(items ?? []).map((item) => {
		const status = (item.changes as Record<string, IDataObject> | undefined)?.status;
		const change = status ? ` ${String(status.old ?? '?')}>${String(status.new)}` : '';
		return `${String(item.event)} ${String(caseOf(item).caseId)}${change}`;
	});
const openCaseOn = (policyName: string) => {
	const source = sandbox.store.dataSources.find((candidate) =>
		policyName === 'Passwords' ? candidate.type === 's3' : candidate.type === 'rdb-postgresql',
	)!;
	return cases.open(policyName, source.name);
};

describe('BigID Trigger: DSPM case events', () => {
	it('Fetch Test Event shows the newest case, leaving the state alone', async () => {
		await useSandbox();
		const newest = openCaseOn('Passwords');
		const result = await runWorkflow({
			credentials,
			nodes: [
				{ name: TRIGGER_NODE_NAME, type: TRIGGER_NODE_TYPE, parameters: { events: CASE_EVENTS } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => eventsOf([item.json])[0])).toEqual([
			`caseCreated ${newest.caseId}`,
		]);
		expect(result.workflow.staticData).toEqual({});
	});

	it('records a baseline in one request, then costs one request per poll with nothing new among 10,000 cases', async () => {
		await useSandbox({ cases: 10_000 });
		const trigger = harness({ events: CASE_EVENTS });
		expect(await trigger.activate()).toEqual({ items: null });
		expect(requestsTo(sandbox, CASES_ROUTE)).toBe(1);
		expect(trigger.savedState.cases).toMatchObject({ boundary: [expect.any(String)] });
		sandbox.resetStats();
		for (let poll = 0; poll < 3; poll++) expect(await trigger.poll()).toEqual({ items: null });
		expect(sandbox.stats.requests).toBe(3);
		expect(requestsTo(sandbox, CASES_ROUTE)).toBe(3);
	});

	it('emits cases that finished scans open, filtered by severity, and not the re-scan of an open case', async () => {
		await useSandbox({ cases: 0 });
		const trigger = harness({
			events: ['caseCreated'],
			caseOptions: { severities: ['high', 'critical'] },
		});
		await trigger.activate();
		const profile = sandbox.store.scanProfiles[0];
		sandbox.store.createFinishedParentScan({ scanProfileId: profile._id });
		const opened = cases.cases.filter((item) => ['high', 'critical'].includes(item.severityLevel));
		expect(opened.length).toBeGreaterThan(0);
		expect(cases.cases.length).toBeGreaterThan(opened.length);
		const { items } = await trigger.poll();
		expect(eventsOf(items).sort()).toEqual(
			opened.map((item) => `caseCreated ${item.caseId}`).sort(),
		);
		expect(caseOf(items![0])).toMatchObject({ status: 'open', caseType: 'dataSourcePolicyCase' });
		// The same scan again only moves the open cases' updated_at: nothing new to emit.
		sandbox.store.createFinishedParentScan({ scanProfileId: profile._id });
		expect(await trigger.poll()).toEqual({ items: null });
	});

	it('emits each distinct status a case entered between two polls, in order, with old and new', async () => {
		await useSandbox();
		const trigger = harness({ events: CASE_EVENTS });
		await trigger.activate();
		const [first, second] = cases.cases.filter((item) => item.caseStatus === 'open');
		cases.setStatus(first._id, 'acknowledged');
		cases.setStatus(second._id, 'silenced');
		cases.setStatus(first._id, 'remediated');
		const created = openCaseOn('Passwords');
		cases.setStatus(created._id, 'acknowledged');
		const { items } = await trigger.poll();
		expect(eventsOf(items)).toEqual([
			`caseStatusChanged ${first.caseId} open>acknowledged`,
			`caseStatusChanged ${second.caseId} open>silenced`,
			`caseStatusChanged ${first.caseId} acknowledged>remediated`,
			`caseCreated ${created.caseId}`,
			`caseStatusChanged ${created.caseId} open>acknowledged`,
		]);
		expect(items![0]).toMatchObject({
			changedFields: ['status'],
			changes: { status: { old: 'open', new: 'acknowledged' } },
		});
		expect(new Set(items!.map((item) => item.eventId)).size).toBe(items!.length);
		// Another field moving updated_at is not a status change.
		cases.update(first._id, { assignee: 'someone-else' });
		expect(await trigger.poll()).toEqual({ items: null });
	});

	it('filters status changes by new status and policy', async () => {
		await useSandbox({ cases: 80 });
		const trigger = harness({
			events: ['caseStatusChanged'],
			caseOptions: { statuses: ['remediated'], policyNames: 'passwords, stale sensitive data' },
		});
		await trigger.activate();
		const open = cases.cases.filter((item) => item.caseStatus === 'open');
		const expected: string[] = [];
		for (const item of open) {
			cases.setStatus(item._id, 'acknowledged');
			cases.setStatus(item._id, 'remediated');
			if (['Passwords', 'Stale Sensitive Data'].includes(item.policyName)) {
				expected.push(`caseStatusChanged ${item.caseId} acknowledged>remediated`);
			}
		}
		expect(expected.length).toBeGreaterThan(0);
		expect(eventsOf((await trigger.poll()).items).sort()).toEqual(expected.sort());
	});

	it('a case closed through the node (the sync example) is a status change, never a new case', async () => {
		await useSandbox();
		const createdOnly = harness({ events: ['caseCreated'] });
		const changes = new PollHarness({
			credentials,
			parameters: { events: ['caseStatusChanged'] },
			saveModel: 'emitAndActivation',
		});
		await createdOnly.activate();
		await changes.activate();
		const target = cases.cases.find((item) => item.caseStatus === 'open')!;
		const closed = await runNode(credentials, 'dspmCase', {
			operation: 'updateStatus',
			case: byId(target._id),
			status: 'closed',
			auditReason: 'Ticket SEC-7 resolved',
		});
		expect(closed.error).toBeUndefined();
		expect(await createdOnly.poll()).toEqual({ items: null });
		const { items } = await changes.poll();
		expect(eventsOf(items)).toEqual([`caseStatusChanged ${target.caseId} open>closed`]);
		// The trigger's case is the node's case: one model.
		const got = await runNode(credentials, 'dspmCase', {
			operation: 'get',
			case: byId(target._id),
		});
		expect(caseOf(items![0])).toEqual(got.items[0].json);
	});

	it('reads every page of many changes, with either paging parameter', async () => {
		for (const paging of ['skip', 'offset'] as const) {
			await useSandbox({ cases: 400, casePaging: paging, pageCap: 50 });
			const trigger = harness({
				events: ['caseStatusChanged'],
				caseOptions: { pagingParameter: paging },
			});
			await trigger.activate();
			const changed = cases.cases.slice(0, 130);
			for (const item of changed) {
				cases.setStatus(item._id, item.caseStatus === 'closed' ? 'open' : 'closed');
			}
			sandbox.resetStats();
			const { items, error } = await trigger.poll();
			expect(error).toBeUndefined();
			expect(new Set(items!.map((item) => caseOf(item)._id))).toEqual(
				new Set(changed.map((item) => item._id)),
			);
			expect(items).toHaveLength(130);
			// Pages of 50 until one reaches back past the cursor: 131 cases, 3 pages.
			expect(requestsTo(sandbox, CASES_ROUTE)).toBe(3);
			await sandbox.close();
		}
	});

	it('leaves the state untouched when a poll fails, and the next poll catches up', async () => {
		await useSandbox();
		const trigger = harness({ events: CASE_EVENTS });
		await trigger.activate();
		const before = JSON.stringify(trigger.liveState);
		const created = openCaseOn('Passwords');
		sandbox.faults.inject({ route: CASES_ROUTE, kind: '500', times: 50 });
		const failed = await trigger.poll();
		expect(failed.error).toBeDefined();
		expect(JSON.stringify(trigger.liveState)).toBe(before);
		sandbox.faults.clear();
		expect(eventsOf((await trigger.poll()).items)).toEqual([`caseCreated ${created.caseId}`]);
	});
});

describe.each<SaveModel>([...SAVE_MODELS])(
	'BigID Trigger case events across restarts, state saved as in %s',
	(saveModel) => {
		beforeEach(async () => await useSandbox());

		it('emits each change once through restarts, and again with the same eventId after a lost save', async () => {
			const trigger = harness({ events: CASE_EVENTS }, saveModel);
			await trigger.activate();
			expect(await trigger.poll()).toEqual({ items: null });
			const target = cases.cases.find((item) => item.caseStatus === 'open')!;
			cases.setStatus(target._id, 'acknowledged');
			expect(eventsOf((await trigger.poll()).items)).toEqual([
				`caseStatusChanged ${target.caseId} open>acknowledged`,
			]);
			const created = openCaseOn('Passwords');
			const afterRestart = await trigger.restart();
			expect(eventsOf(afterRestart.items)).toEqual([`caseCreated ${created.caseId}`]);
			await trigger.poll();

			cases.setStatus(target._id, 'remediated');
			await trigger.crashBetweenEmitAndSave();
			const remediated = trigger.executions
				.flat()
				.filter((item) => eventsOf([item])[0].endsWith('acknowledged>remediated'));
			expect(remediated).toHaveLength(deliveriesAfterCrash(saveModel));
			expect(new Set(remediated.map((item) => item.eventId)).size).toBe(1);
			const ids = trigger.executions.flat().map((item) => item.eventId);
			expect(new Set(ids).size).toBe(3);
		});
	},
);

/** `caseAssigned caseId old>new` for each Case Assigned event. */
const assignmentsOf = (items: IDataObject[] | null) =>
	(items ?? [])
		.filter((item) => item.event === 'caseAssigned')
		.map((item) => {
			const change = (item.changes as Record<string, IDataObject>).assignee;
			return `${String(caseOf(item).caseId)} ${String(change.old)}>${String(change.new)}`;
		});

describe('BigID Trigger: Case Assigned', () => {
	it('learns the assignees in one listing of every case, then emits each reassignment once', async () => {
		await useSandbox({ cases: 2_500 });
		const trigger = harness({ events: ['caseAssigned', 'caseStatusChanged'] });
		expect(await trigger.activate()).toEqual({ items: null });
		expect(requestsTo(sandbox, CASES_ROUTE)).toBe(3);
		sandbox.resetStats();
		expect(await trigger.poll()).toEqual({ items: null });
		expect(requestsTo(sandbox, CASES_ROUTE)).toBe(1);

		const [first, second] = cases.cases;
		const previous = first.assignee;
		cases.update(first._id, { assignee: 'secops.lead@example.com' });
		cases.setStatus(second._id, second.caseStatus === 'closed' ? 'open' : 'closed');
		const { items } = await trigger.poll();
		expect(assignmentsOf(items)).toEqual([`${first.caseId} ${previous}>secops.lead@example.com`]);
		expect(eventsOf(items).filter((line) => line.startsWith('caseStatusChanged'))).toHaveLength(1);
		expect(await trigger.poll()).toEqual({ items: null });

		openCaseOn('Passwords');
		expect(await trigger.poll()).toEqual({ items: null });
	});
});

describe.each<SaveModel>([...SAVE_MODELS])(
	'BigID Trigger Case Assigned across restarts, state saved as in %s',
	(saveModel) => {
		beforeEach(async () => await useSandbox());

		it('emits each reassignment once through restarts, and again with the same eventId after a lost save', async () => {
			const trigger = harness({ events: ['caseAssigned'] }, saveModel);
			await trigger.activate();
			expect(await trigger.poll()).toEqual({ items: null });
			const [target, other] = cases.cases;
			const targetWas = target.assignee;
			const otherWas = other.assignee;
			cases.update(target._id, { assignee: 'a@example.com' });
			expect(assignmentsOf((await trigger.poll()).items)).toEqual([
				`${target.caseId} ${targetWas}>a@example.com`,
			]);
			cases.update(other._id, { assignee: 'b@example.com' });
			expect(assignmentsOf((await trigger.restart()).items)).toEqual([
				`${other.caseId} ${otherWas}>b@example.com`,
			]);
			await trigger.poll();

			cases.update(target._id, { assignee: 'c@example.com' });
			await trigger.crashBetweenEmitAndSave();
			const reassigned = trigger.executions
				.flat()
				.filter((item) => assignmentsOf([item])[0]?.endsWith('a@example.com>c@example.com'));
			expect(reassigned).toHaveLength(deliveriesAfterCrash(saveModel));
			expect(new Set(reassigned.map((item) => item.eventId)).size).toBe(1);
			const ids = trigger.executions.flat().map((item) => item.eventId);
			expect(new Set(ids).size).toBe(3);
		});
	},
);
