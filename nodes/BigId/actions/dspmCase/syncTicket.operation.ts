import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TicketAction, TicketSystem } from '../../api/cases';
import { findCase, requestCaseTicket } from '../../api/cases';
import { showFor } from '../common.descriptions';
import { caseLocator } from './dspmCase.descriptions';
import { findChosenCase } from './dspmCase.parameters';

export const description: INodeProperties[] = showFor('dspmCase', 'syncTicket', [
	caseLocator,
	{
		displayName: 'Ticketing System',
		name: 'ticketSystem',
		type: 'options',
		default: 'jira',
		description: "BigID's own integration that makes the ticket, as configured in BigID",
		options: [
			{ name: 'Jira', value: 'jira' },
			{
				name: 'ServiceNow',
				value: 'service_now',
				description: 'Needs BigID\'s "ServiceNow IRM Integration" app',
			},
		],
	},
	{
		displayName: 'Action',
		name: 'ticketAction',
		type: 'options',
		default: 'createTicket',
		options: [
			{
				name: 'Create Ticket',
				value: 'createTicket',
				description:
					'BigID creates the ticket; a case that already has one keeps it, and nothing is sent',
			},
			{
				name: 'Fetch Ticket and Sync',
				value: 'fetchTicketAndSync',
				description: "BigID reads the case's ticket and updates the case from it",
			},
		],
	},
]);

const SYSTEM_NAMES: Record<TicketSystem, string> = { jira: 'Jira', service_now: 'ServiceNow' };

/**
 * BigID's integration does the work; what came of it shows on the case (`ticketUrl`), so the
 * case is read again. "Creation Failed" there is a failure of the item, not a link.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const system = this.getNodeParameter('ticketSystem', itemIndex) as TicketSystem;
	const action = this.getNodeParameter('ticketAction', itemIndex) as TicketAction;
	const current = await findChosenCase.call(this, itemIndex);
	if (action === 'createTicket' && typeof current.ticketUrl === 'string') {
		return {
			...current,
			ticketRequested: false,
			message: `The case already has a ticket (${current.ticketUrl}): nothing was sent to BigID`,
		};
	}
	await requestCaseTicket.call(this, String(current._id), system, action, itemIndex);
	const after = (await findCase.call(this, '_id', String(current._id), itemIndex)) ?? current;
	if (after.ticketCreationFailed === true) {
		throw new NodeOperationError(
			this.getNode(),
			`BigID could not create the ${SYSTEM_NAMES[system]} ticket of case ${String(current.caseId)}: its ticketUrl says "Creation Failed"`,
			{
				itemIndex,
				description: `Check BigID's ${SYSTEM_NAMES[system]} integration (its connection, project and field mapping) in BigID, then run this again.${system === 'service_now' ? ' ServiceNow tickets need BigID\'s "ServiceNow IRM Integration" app.' : ''}`,
			},
		);
	}
	return {
		...after,
		ticketRequested: true,
		message:
			action === 'createTicket'
				? `BigID created the ${SYSTEM_NAMES[system]} ticket${after.ticketUrl ? `: ${String(after.ticketUrl)}` : ''}`
				: `BigID synced the case with its ${SYSTEM_NAMES[system]} ticket`,
	};
}
