import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateCaseStatus } from '../../api/cases';
import { caseStatusKey, KNOWN_CASE_STATUSES } from '../../model/case';
import { showFor } from '../common.descriptions';
import { requireText } from '../parameters';
import { caseLocator } from './dspmCase.descriptions';
import { findChosenCase } from './dspmCase.parameters';
import { caseStatusOptions } from '../../descriptions/dspmCase.descriptions';

export const description: INodeProperties[] = showFor('dspmCase', 'updateStatus', [
	caseLocator,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'acknowledged',
		required: true,
		description: `The status to set. BigID's set of statuses is open: for another one, use an expression. Known: ${KNOWN_CASE_STATUSES.join(', ')}.`,
		options: caseStatusOptions,
	},
	{
		displayName: 'Audit Reason',
		name: 'auditReason',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Bucket made private, ticket SEC-1234 resolved',
		description: 'Why the status changes; BigID records it in the case audit trail',
	},
]);

/**
 * Idempotent from the user's view: a case that already has the status is a success that says
 * so, and nothing is sent. The case is read first anyway, to know its `_id` and its status.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const status = requireText.call(this, this.getNodeParameter('status', itemIndex), itemIndex, {
		message: 'Status is empty',
		description: `Choose the status to set, for example ${KNOWN_CASE_STATUSES.join(', ')}.`,
	});
	const auditReason = requireText.call(
		this,
		this.getNodeParameter('auditReason', itemIndex),
		itemIndex,
		{
			message: 'Audit Reason is empty',
			description:
				'BigID records why a case status changes: give a reason, for example the resolution of the ticket that tracked the case.',
		},
	);
	const current = await findChosenCase.call(this, itemIndex);
	const previousStatus = current.status;
	if (previousStatus === caseStatusKey(status)) {
		return {
			...current,
			statusChanged: false,
			previousStatus,
			message: `The case already has the status ${status}: nothing was sent to BigID`,
		};
	}
	const answered = await updateCaseStatus.call(
		this,
		String(current._id),
		{ caseStatus: status, auditReason },
		itemIndex,
	);
	return {
		...(answered ?? { ...current, status: caseStatusKey(status) }),
		statusChanged: true,
		previousStatus,
		message: `Status changed from ${String(previousStatus)} to ${status}`,
	};
}
