import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assignCase } from '../../api/cases';
import { caseAssigneeKey } from '../../model/case';
import { showFor } from '../common.descriptions';
import { requireText } from '../parameters';
import { caseLocator } from './dspmCase.descriptions';
import { findChosenCase } from './dspmCase.parameters';

export const description: INodeProperties[] = showFor('dspmCase', 'assign', [
	caseLocator,
	{
		displayName: 'Assignee',
		name: 'assignee',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. secops.lead@example.com',
		description:
			"The e-mail address of the BigID user who owns the case, such as the assignee of the case's ticket",
	},
]);

/**
 * Idempotent like Update Status: a case already assigned to that person is a success that says
 * so, and nothing is sent.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const assignee = requireText.call(this, this.getNodeParameter('assignee', itemIndex), itemIndex, {
		message: 'Assignee is empty',
		description:
			"Give the e-mail address of the BigID user to assign the case to, for example the assignee of the case's ticket. An expression that found no assignee gives an empty value too.",
	});
	const current = await findChosenCase.call(this, itemIndex);
	const previousAssignee = current.assignee ?? null;
	if (caseAssigneeKey(previousAssignee) === caseAssigneeKey(assignee)) {
		return {
			...current,
			assigneeChanged: false,
			previousAssignee,
			message: `The case is already assigned to ${assignee}: nothing was sent to BigID`,
		};
	}
	const answered = await assignCase.call(this, String(current._id), assignee, itemIndex);
	return {
		...(answered ?? { ...current, assignee }),
		assigneeChanged: true,
		previousAssignee,
		message: `Assigned to ${assignee}${previousAssignee ? ` (was ${String(previousAssignee)})` : ''}`,
	};
}
