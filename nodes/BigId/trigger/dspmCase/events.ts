import type { INodePropertyOptions } from 'n8n-workflow';

export const CASE_EVENTS = ['caseCreated', 'caseStatusChanged', 'caseAssigned'] as const;
export type CaseEventName = (typeof CASE_EVENTS)[number];

export const caseEventOptions: Array<INodePropertyOptions & { value: CaseEventName }> = [
	{
		name: 'Case Created',
		value: 'caseCreated',
		description: 'BigID opened a DSPM case (a policy violation on a data source)',
	},
	{
		name: 'Case Assigned',
		value: 'caseAssigned',
		description:
			'A DSPM case got another assignee, with the old and new one (the first poll reads every case once to learn them)',
	},
	{
		name: 'Case Status Changed',
		value: 'caseStatusChanged',
		description:
			'A DSPM case entered another status (acknowledged, remediated, closed...), with the old and new status',
	},
];
