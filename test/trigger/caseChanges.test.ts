import type { IDataObject } from 'n8n-workflow';

import {
	caseFilterOf,
	caseOutputOf,
	policyGroupOutputOf,
	rawCaseFilterProblem,
} from '../../nodes/BigId/model/case';
import type { CaseDetectionOptions } from '../../nodes/BigId/trigger/dspmCase/caseChanges';
import {
	detectCaseChanges,
	needsEveryCase,
	statusHistoryOf,
} from '../../nodes/BigId/trigger/dspmCase/caseChanges';

/** A case as a real BigID answers it (recorded by a public client): `id` only, no `_id`. */
const RECORDED_CASE: IDataObject = {
	caseStatus: 'Open',
	caseLabel: 'Passwords detected on s3-v2',
	policyLastTriggered: '2023-07-10T20:45:39.947Z',
	caseType: 'dataSourcePolicyCase',
	dataSourceName: 'aws-logs',
	dataSourceType: 's3-v2',
	dataSourceOwner: null,
	assignee: 'bigid',
	policyName: 'Passwords',
	severityLevel: 'Critical',
	policyOwner: 'bigid',
	policyType: 'catalog',
	compliance: 'Passwords',
	numberOfAffectedObjects: 232,
	caseStatusUpdateDates: { open: '2023-07-08T08:00:22.022Z' },
	created_at: '2023-07-08T08:00:22.022Z',
	updated_at: '2023-07-13T08:00:22.321Z',
	id: '9999a999999aa9999a99a999',
};

const ALL: CaseDetectionOptions = {
	events: ['caseCreated', 'caseStatusChanged'],
	severities: [],
	policyNames: [],
	statuses: [],
};
const ms = (iso: string) => Date.parse(iso);
const at = (minute: number) => `2024-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
const summary = (events: Array<{ event: string; changes?: IDataObject }>) =>
	events.map((event) => {
		const status = event.changes?.status as IDataObject | undefined;
		return status
			? `${event.event} ${String(status.old ?? '?')}>${String(status.new)}`
			: event.event;
	});

describe('model/case.ts', () => {
	it('normalises a recorded BigID case: both IDs, status and severity keys, owner, count, dates', () => {
		expect(caseOutputOf(RECORDED_CASE)).toMatchObject({
			id: RECORDED_CASE.id,
			_id: RECORDED_CASE.id,
			caseId: RECORDED_CASE.id,
			status: 'open',
			severity: 'critical',
			label: 'Passwords detected on s3-v2',
			owner: 'bigid',
			affectedObjectsCount: 232,
			statusDates: { open: '2023-07-08T08:00:22.022Z' },
			createdAt: RECORDED_CASE.created_at,
			updated_at: RECORDED_CASE.updated_at,
			policyName: 'Passwords',
		});
		const group = policyGroupOutputOf({ policyName: 'PII', caseStatus: 'Open', caseCount: '3' });
		expect(group).toMatchObject({ status: 'open', caseCount: 3 });
	});

	it('builds BigID filter conditions: one value as a one-item in list by default, or with the chosen equality operator; several with in', () => {
		expect(caseFilterOf({ statuses: ['open'], policyNames: ['Passwords', ' '] }, 'in')).toEqual([
			{ field: 'caseStatus', value: ['open'], operator: 'in' },
			{ field: 'policyName', value: ['Passwords'], operator: 'in' },
		]);
		expect(
			caseFilterOf({ statuses: ['open', 'closed', 'open'], severities: [' high '] }, 'equals'),
		).toEqual([
			{ field: 'caseStatus', value: ['open', 'closed'], operator: 'in' },
			{ field: 'severityLevel', value: 'high', operator: 'equals' },
		]);
		expect(rawCaseFilterProblem([{ field: 'a', value: 1 }])).toBeUndefined();
		expect(rawCaseFilterProblem([{ field: 'a' }])).toMatch(/condition 1/);
	});
});

describe('trigger/caseChanges.ts', () => {
	const cursorAt = (iso: string, boundary: string[] = []) => ({ updatedAt: ms(iso), boundary });

	it('reports a status entered twice between polls once, at its latest date', () => {
		const item = caseOutputOf({
			_id: 'a',
			caseStatus: 'open',
			caseStatusUpdateDates: { open: at(30), acknowledged: at(20) },
			created_at: at(0),
			updated_at: at(30),
		});
		expect(statusHistoryOf(item).map((entry) => entry.status)).toEqual(['acknowledged', 'open']);
		const { events } = detectCaseChanges(cursorAt(at(10)), [item], ALL);
		expect(summary(events)).toEqual([
			'caseStatusChanged ?>acknowledged',
			'caseStatusChanged acknowledged>open',
		]);
	});

	it('without caseStatusUpdateDates, a change reads as a status change with the old status unknown', () => {
		const item = caseOutputOf({
			_id: 'b',
			caseStatus: 'remediated',
			created_at: at(0),
			updated_at: at(20),
		});
		const { events } = detectCaseChanges(cursorAt(at(10)), [item], ALL);
		expect(summary(events)).toEqual(['caseStatusChanged ?>remediated']);
	});

	it('neither loses nor repeats a case changed at the same moment as the cursor', () => {
		const first = caseOutputOf({
			_id: 'c',
			caseStatus: 'open',
			created_at: at(5),
			updated_at: at(5),
		});
		const tied = caseOutputOf({
			_id: 'd',
			caseStatus: 'open',
			created_at: at(5),
			updated_at: at(5),
		});
		const baseline = detectCaseChanges(cursorAt(at(1)), [first], ALL);
		expect(summary(baseline.events)).toEqual(['caseCreated']);
		expect(baseline.nextState.boundary).toEqual(['c:open']);
		const next = detectCaseChanges(baseline.nextState, [tied, first], ALL);
		expect(next.events.map((event) => (event.case as IDataObject)._id)).toEqual(['d']);
		expect(detectCaseChanges(next.nextState, [tied, first], ALL).events).toEqual([]);
	});

	it('derives the same events and ids from the same cursor and answer', () => {
		const item = caseOutputOf({
			_id: 'e',
			caseStatus: 'closed',
			caseStatusUpdateDates: { open: at(2), closed: at(9) },
			created_at: at(2),
			updated_at: at(9),
		});
		const once = detectCaseChanges(cursorAt(at(1)), [item], ALL);
		const again = detectCaseChanges(cursorAt(at(1)), [item], ALL);
		expect(summary(once.events)).toEqual(['caseCreated', 'caseStatusChanged open>closed']);
		expect(again).toEqual(once);
		expect(detectCaseChanges(undefined, [item], ALL).events).toEqual([]);
	});
});

describe('trigger/caseChanges.ts: Case Assigned', () => {
	const ASSIGNED: CaseDetectionOptions = { ...ALL, events: ['caseCreated', 'caseAssigned'] };
	const aCase = (id: string, assignee: string | null, minute: number, createdMinute = 0) =>
		caseOutputOf({
			_id: id,
			caseStatus: 'open',
			assignee,
			caseStatusUpdateDates: { open: at(createdMinute) },
			created_at: at(createdMinute),
			updated_at: at(minute),
		});
	const assignments = (events: Array<{ event: string; changes?: IDataObject }>) =>
		events
			.filter((event) => event.event === 'caseAssigned')
			.map((event) => {
				const change = event.changes?.assignee as IDataObject;
				return `${String(change.old)}>${String(change.new)}`;
			});

	it('learns every assignee without an event, then reports each reassignment with old and new', () => {
		const every = [aCase('a', 'bigid', 3), aCase('b', null, 2), aCase('c', 'dpo', 1)];
		expect(needsEveryCase(undefined, ASSIGNED)).toBe(true);
		const learnt = detectCaseChanges(undefined, every, ASSIGNED);
		expect(learnt.events).toEqual([]);
		expect(learnt.nextState.assignees).toEqual({
			assignees: ['bigid', 'dpo'],
			byCase: { a: 0, b: -1, c: 1 },
		});
		expect(needsEveryCase(learnt.nextState, ASSIGNED)).toBe(false);

		const changed = [aCase('b', 'SecOps@example.com', 6), aCase('c', 'DPO ', 5)];
		const next = detectCaseChanges(learnt.nextState, changed, ASSIGNED);
		expect(assignments(next.events)).toEqual(['null>SecOps@example.com']);
		expect(next.events[0].eventId).toBe(
			detectCaseChanges(learnt.nextState, changed, ASSIGNED).events[0].eventId,
		);
		const again = detectCaseChanges(next.nextState, changed, ASSIGNED);
		expect(again.events).toEqual([]);
		const back = detectCaseChanges(next.nextState, [aCase('b', null, 8)], ASSIGNED);
		expect(assignments(back.events)).toEqual(['SecOps@example.com>null']);
	});

	it('a new case is created, not assigned; a trigger that adds the event learns first', () => {
		const learnt = detectCaseChanges(undefined, [aCase('a', 'bigid', 1)], ASSIGNED);
		const created = detectCaseChanges(learnt.nextState, [aCase('n', 'dpo', 4, 4)], ASSIGNED);
		expect(created.events.map((event) => event.event)).toEqual(['caseCreated']);
		expect(created.nextState.assignees?.byCase).toHaveProperty('n');

		const withoutMemory = { updatedAt: ms(at(1)), boundary: ['a:open'] };
		expect(needsEveryCase(withoutMemory, ASSIGNED)).toBe(true);
		const adding = detectCaseChanges(withoutMemory, [aCase('a', 'secops', 1)], ASSIGNED);
		expect(adding.events).toEqual([]);
		expect(adding.nextState.assignees?.byCase).toEqual({ a: 0 });
		const dropped = detectCaseChanges(adding.nextState, [], ALL);
		expect(dropped.nextState).not.toHaveProperty('assignees');
	});
});
