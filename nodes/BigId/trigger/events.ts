/**
 * What the trigger emits, whatever the BigID object: the event names, the event itself and the
 * order events of one poll leave in. Change detection (user/userChanges.ts, scan/scanChanges.ts) is a pure
 * function of its inputs, so a poll that runs again on the same saved state derives the same
 * events with the same `eventId`s, whatever n8n did or did not save in between.
 */
import type { IDataObject } from 'n8n-workflow';

export interface FieldChange {
	/** Absent when the trigger does not keep that field's value (free text without Keep Previous Values). */
	old?: unknown;
	new: unknown;
}

export type ScanOutcome = 'succeeded' | 'failed';

export interface TriggerEvent {
	/** One of the event names of the watched object (its folder's events.ts). */
	event: string;
	/** The same change always gets the same id, so a downstream can drop a redelivered one. */
	eventId: string;
	/** Epoch milliseconds; events of one poll are emitted in this order. */
	occurredAt: number;
	user?: IDataObject;
	scan?: IDataObject;
	/** A DSPM case in the shape model/case.ts gives it. */
	case?: IDataObject;
	outcome?: ScanOutcome;
	changes?: Record<string, FieldChange>;
	/** Orders events of the same time as their source does (the audit log's line order). */
	sequence?: number;
	/** An audit log line: `{timestamp, user, ip, action, endpoint, resource, userAgent}` or `{raw}`. */
	entry?: IDataObject;
}

/** Oldest first; ties in a fixed order so the same changes always come out the same way. */
export function sortEvents(events: TriggerEvent[]): TriggerEvent[] {
	return [...events].sort(
		(a, b) =>
			a.occurredAt - b.occurredAt ||
			(a.sequence ?? 0) - (b.sequence ?? 0) ||
			(a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
	);
}
