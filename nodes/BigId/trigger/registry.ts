import type { INodeProperties } from 'n8n-workflow';

import { watchedAuditLog } from './auditLog/watchedAuditLog';
import { watchedCases } from './dspmCase/watchedCases';
import { watchedScans } from './scan/watchedScans';
import { watchedUsers } from './user/watchedUsers';
import type { WatchedObject } from './watchedObject';

/**
 * Every object the trigger watches, in the order a poll reads them; one that lacks a state key,
 * events, options, a settings reader, a poll or a sample does not compile.
 */
export const WATCHED_OBJECTS = [
	watchedScans,
	watchedUsers,
	watchedCases,
	watchedAuditLog,
] as const satisfies readonly WatchedObject[];

export type TriggerEventName = (typeof WATCHED_OBJECTS)[number]['events'][number]['value'];

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** The Events list: every watched object's events, alphabetically as n8n lists options. */
export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: ['scanFinished'],
	description: 'The BigID events that start the workflow',
	options: WATCHED_OBJECTS.flatMap((watched) => [...watched.events]).sort(byName),
};

/** Each watched object's options collection, alphabetically by display name. */
export const optionsProperties: INodeProperties[] = WATCHED_OBJECTS.map(
	(watched) => watched.options,
).sort((a, b) => a.displayName.localeCompare(b.displayName));
