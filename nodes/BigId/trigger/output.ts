import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { scanWithoutSecrets } from '../model/scan';
import type { TriggerEvent } from './events';

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
		json.scan = scanWithoutSecrets(event.scan);
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
