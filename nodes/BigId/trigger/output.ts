import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { TriggerEvent } from './events';

/** The event's own fields; `sequence` only orders the events of one poll. */
const NOT_ABOUT = new Set(['event', 'eventId', 'occurredAt', 'sequence', 'changes']);

/**
 * One trigger item: the event's name, ID and time, then what it is about under the object's own
 * name (`scan` with its `outcome`, `user`, `case`, `entry`), then its changes. No pairedItem, a
 * trigger item has no input to pair with. Each watched object's poll has already put its object
 * in its output shape, secrets removed.
 */
export function toTriggerItem(triggerEvent: TriggerEvent): INodeExecutionData {
	const { event, eventId, occurredAt, changes } = triggerEvent;
	const json: IDataObject = { event, eventId, occurredAt: new Date(occurredAt).toISOString() };
	for (const [key, value] of Object.entries(triggerEvent)) {
		if (!NOT_ABOUT.has(key) && value !== undefined) json[key] = value as IDataObject[string];
	}
	if (changes) {
		json.changedFields = Object.keys(changes);
		json.changes = changes as IDataObject;
	}
	return { json };
}
