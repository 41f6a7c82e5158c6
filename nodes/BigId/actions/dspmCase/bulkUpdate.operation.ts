import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CasesUpdate } from '../../api/cases';
import { listCases, updateCasesOfPolicies } from '../../api/cases';
import {
	caseAssigneeKey,
	caseFilterOf,
	caseStatusKey,
	KNOWN_CASE_STATUSES,
} from '../../model/case';
import { listedValues } from '../../model/object';
import { showFor } from '../common.descriptions';
import { requireText } from '../parameters';
import { readPaging } from './dspmCase.parameters';
import { caseStatusOptions, pagingParameterOption } from '../../descriptions/dspmCase.descriptions';

const DEFAULT_MAX_CASES = 25;

export const description: INodeProperties[] = showFor('dspmCase', 'bulkUpdate', [
	{
		displayName: 'Policy Names',
		name: 'policyNames',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Passwords, Open Access to PII',
		description:
			'The cases of these policies change, separated by commas and matched exactly by BigID',
	},
	{
		displayName: 'Field',
		name: 'field',
		type: 'options',
		default: 'caseStatus',
		options: [
			{ name: 'Status', value: 'caseStatus' },
			{ name: 'Assignee', value: 'assignee' },
		],
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'acknowledged',
		required: true,
		displayOptions: { show: { field: ['caseStatus'] } },
		description: `The status every matching case gets. Known: ${KNOWN_CASE_STATUSES.join(', ')}.`,
		options: caseStatusOptions,
	},
	{
		displayName: 'Assignee',
		name: 'assignee',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { field: ['assignee'] } },
		placeholder: 'e.g. secops.lead@example.com',
		description: 'The e-mail address of the BigID user every matching case is assigned to',
	},
	{
		displayName: 'Audit Reason',
		name: 'auditReason',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Accepted risk, ticket SEC-1234',
		description: 'Why the cases change; BigID records it in their audit trail',
	},
	{
		displayName: 'Max Cases',
		name: 'maxCases',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_MAX_CASES,
		description:
			'The update is refused, and nothing changes, when more cases than this match: BigID advises counting the cases of a bulk write and confirming it first',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [pagingParameterOption],
	},
]);

/**
 * Counts the cases of the policies first and refuses above Max Cases, as BigID advises for a bulk
 * write; then one PATCH, never repeated. How many changed is read back from the cases, because
 * BigID's answer carries no recorded count.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const update = readUpdate.call(this, itemIndex);
	const maxCases = this.getNodeParameter('maxCases', itemIndex, DEFAULT_MAX_CASES) as number;
	const matching = await casesOfPolicies.call(this, update, maxCases, itemIndex);
	const summary = {
		policyNames: update.policyNames,
		field: update.field,
		newValue: update.newValue,
		matchedCases: matching.length,
	};
	const hasNewValue = (item: IDataObject) =>
		update.field === 'caseStatus'
			? caseStatusKey(item.status) === caseStatusKey(update.newValue)
			: caseAssigneeKey(item.assignee) === caseAssigneeKey(update.newValue);
	const toChange = matching.filter((item) => !hasNewValue(item));
	if (toChange.length === 0) {
		return {
			...summary,
			changedCases: 0,
			message:
				matching.length === 0
					? 'No case of these policies: nothing was sent to BigID'
					: `Every matching case already has ${update.newValue}: nothing was sent to BigID`,
		};
	}
	const answer = await updateCasesOfPolicies.call(this, update, itemIndex);
	const after = await casesOfPolicies.call(this, update, Infinity, itemIndex);
	const changed = Math.max(
		0,
		after.filter(hasNewValue).length - (matching.length - toChange.length),
	);
	return {
		...summary,
		changedCases: changed,
		message: `${changed} of ${matching.length} cases now have ${update.newValue}`,
		bigIdAnswer: answer,
	};
}

function readUpdate(this: IExecuteFunctions, itemIndex: number): CasesUpdate {
	const policyNames = listedValues(this.getNodeParameter('policyNames', itemIndex, ''));
	if (policyNames.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Policy Names is empty', {
			itemIndex,
			description:
				'Name the policies whose cases change, separated by commas, as DSPM Case > Get Policy Summary lists them. A bulk update of every case is not offered.',
		});
	}
	const field = this.getNodeParameter('field', itemIndex) as CasesUpdate['field'];
	const newValue =
		field === 'caseStatus'
			? requireText.call(this, this.getNodeParameter('status', itemIndex), itemIndex, {
					message: 'Status is empty',
					description: `Choose the status to set, for example ${KNOWN_CASE_STATUSES.join(', ')}.`,
				})
			: requireText.call(this, this.getNodeParameter('assignee', itemIndex), itemIndex, {
					message: 'Assignee is empty',
					description: 'Give the e-mail address of the BigID user to assign the cases to.',
				});
	const auditReason = requireText.call(
		this,
		this.getNodeParameter('auditReason', itemIndex),
		itemIndex,
		{
			message: 'Audit Reason is empty',
			description: 'BigID records why cases change: give a reason for this bulk update.',
		},
	);
	return { field, newValue, policyNames, auditReason };
}

/** The cases of the update's policies; more than `maxCases` of them is refused before any write. */
async function casesOfPolicies(
	this: IExecuteFunctions,
	update: CasesUpdate,
	maxCases: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const filter = caseFilterOf({ policyNames: update.policyNames }, 'in');
	const { items, totalCount } = await listCases.call(
		this,
		{
			qs: { filter: JSON.stringify(filter) },
			limit: Number.isFinite(maxCases) ? maxCases + 1 : undefined,
			paging: readPaging.call(this, itemIndex),
		},
		itemIndex,
	);
	const count = Math.max(items.length, totalCount ?? 0);
	if (count > maxCases) {
		// Without BigID's total, the listing stopped one case past the limit.
		const counted = totalCount === undefined ? `More than ${maxCases}` : String(count);
		throw new NodeOperationError(
			this.getNode(),
			`${counted} cases match, more than Max Cases (${maxCases}): nothing was changed`,
			{
				itemIndex,
				description:
					'BigID advises confirming a bulk write of many cases. Check the count with DSPM Case > Get Policy Summary, then raise Max Cases to it, or name fewer policies.',
			},
		);
	}
	return items.filter((item) => update.policyNames.includes(String(item.policyName)));
}
