import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { normalizeObject } from '../transport';
import type { TriggerEvent } from './events';

/** Keys a BigID object must never carry out of the node, whatever the version answers. */
const SECRET_KEY = /password|token|secret/i;

function withoutSecrets(object: Record<string, unknown>): IDataObject {
	return normalizeObject(
		Object.fromEntries(
			Object.entries(object).filter(([key]) => !SECRET_KEY.test(key)),
		) as IDataObject,
	);
}

/** One trigger item: no pairedItem, a trigger item has no input to pair with. */
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
	if (event.user) json.user = withoutSecrets(event.user);
	if (event.changes) {
		json.changedFields = Object.keys(event.changes);
		json.changes = event.changes as IDataObject;
	}
	return { json };
}
