import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { TriggerEvent } from './events';

/** Keys a BigID scan must never carry out of the node, whatever the version answers. */
const SECRET_KEY = /password|token|secret/i;

function withoutSecrets(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([key]) => !SECRET_KEY.test(key)));
}

/**
 * One trigger item: no pairedItem, a trigger item has no input to pair with. The user is already
 * in its output shape (model/user.ts), secrets removed there.
 */
export function toTriggerItem(event: TriggerEvent): INodeExecutionData {
	const json: IDataObject = {
		event: event.event,
		eventId: event.eventId,
		occurredAt: new Date(event.occurredAt).toISOString(),
	};
	if (event.scan) {
		json.outcome = event.outcome;
		json.scan = withoutSecrets(event.scan);
	}
	if (event.user) json.user = event.user;
	if (event.case) json.case = event.case;
	if (event.entry) json.entry = event.entry;
	if (event.changes) {
		json.changedFields = Object.keys(event.changes);
		json.changes = event.changes as IDataObject;
	}
	return { json };
}
