/**
 * User change detection: given the fingerprints the last poll left and what BigID lists now,
 * which user events happened and what to remember. No n8n, no HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { createdAtValueOf, timeOf, updatedAtValueOf } from '../../model/object';
import type { FieldChange, TriggerEvent } from '../events';
import type { UserEventName } from './events';
import { sortEvents } from '../events';
import { hashId } from '../fingerprint';
import type {
	EnabledFlag,
	HashedUserField,
	TextUserField,
	UserField,
	UserRecord,
} from './userRecords';
import {
	decodeUserRecords,
	ENABLED_FALSE,
	ENABLED_TRUE,
	enabledValueOf,
	encodeUserRecords,
	fieldHash,
	HASHED_USER_FIELDS,
	recordKey,
	recordOf,
	sameRecord,
	TEXT_USER_FIELDS,
} from './userRecords';
import { userFieldValue } from '../../model/user';

export interface UserState {
	/** Encoded records (see userRecords.ts). */
	records: string;
	/**
	 * Counts the polls that changed the records. Part of every user event's id: a user disabled,
	 * enabled and disabled again is two distinct disables, while a poll run again on the same
	 * saved state re-derives the very same ids.
	 */
	generation: number;
	/** Name, email, first and last name by user id, kept only with Keep Previous Values. */
	values?: Record<string, Array<string | null>>;
}

export interface UserListing {
	users: IDataObject[];
	/**
	 * Whether `users` is every user BigID holds (its count matched `totalCount`, and missing users
	 * were confirmed gone). Only a complete listing may report deletions.
	 */
	complete: boolean;
	/** The record of `users[i]` where already taken (while the listing read on), by position. */
	records?: ReadonlyArray<UserRecord | undefined>;
}

export interface UserDetectionOptions {
	events: readonly UserEventName[];
	/** The fields whose change makes a "User Updated" event. */
	watchedFields: readonly UserField[];
	keepPreviousValues: boolean;
	/** Epoch milliseconds of the poll: the time of a deletion, which BigID does not date. */
	now: number;
	/** Values a role may have had besides those users hold now, e.g. every name from GET /roles. */
	knownRoles?: readonly string[];
}

export interface UserDetection {
	events: TriggerEvent[];
	/** Undefined while there is still no baseline: one is only taken from a complete listing. */
	nextState: UserState | undefined;
	/** A role changed whose previous value no current user and no known role hashes to. */
	unresolvedOldRole: boolean;
	/** Users forgotten because a complete listing no longer has them, whether or not User Deleted is selected. */
	removedIds: string[];
}

/** Fields whose previous value can be recovered from its hash: few values are possible. */
const ENUMERABLE_FIELDS = ['role', 'origin'] as const;
type EnumerableField = (typeof ENUMERABLE_FIELDS)[number];
const AMBIGUOUS = Symbol('ambiguous');
type Candidates = Map<number, unknown>;

function buildCandidates(
	users: IDataObject[],
	knownRoles: readonly string[],
): Record<EnumerableField, Candidates> {
	const candidates: Record<EnumerableField, Candidates> = { role: new Map(), origin: new Map() };
	const add = (field: EnumerableField, value: unknown) => {
		if (value === undefined || value === null) return;
		const hash = fieldHash(value);
		const known = candidates[field].get(hash);
		if (known === undefined) candidates[field].set(hash, value);
		else if (known !== AMBIGUOUS && JSON.stringify(known) !== JSON.stringify(value)) {
			candidates[field].set(hash, AMBIGUOUS);
		}
	};
	for (const user of users) {
		for (const field of ENUMERABLE_FIELDS) add(field, userFieldValue(user, field));
	}
	for (const role of knownRoles) add('role', role);
	return candidates;
}

function textValuesOf(user: IDataObject): Array<string | null> {
	return TEXT_USER_FIELDS.map((field) => {
		const value = userFieldValue(user, field);
		return value === undefined || value === null ? null : String(value);
	});
}

interface UserDiffContext {
	options: UserDetectionOptions;
	generation: number;
	/** Built on the first change that needs an old role or origin: most polls have none. */
	candidates: () => Record<EnumerableField, Candidates>;
	previousValues?: Record<string, Array<string | null>>;
	unresolvedOldRole: boolean;
}

function oldValueOf(
	context: UserDiffContext,
	before: UserRecord,
	field: HashedUserField,
): { known: boolean; value?: unknown } {
	const textIndex = TEXT_USER_FIELDS.indexOf(field as TextUserField);
	if (textIndex >= 0) {
		const kept = context.previousValues?.[before.id];
		return kept ? { known: true, value: kept[textIndex] } : { known: false };
	}
	const oldHash = before.hashes[HASHED_USER_FIELDS.indexOf(field)];
	const candidate = context.candidates()[field as EnumerableField].get(oldHash);
	if (candidate === undefined || candidate === AMBIGUOUS) {
		if (field === 'role') context.unresolvedOldRole = true;
		return { known: false };
	}
	return { known: true, value: candidate };
}

function changeOf(
	context: UserDiffContext,
	before: UserRecord,
	after: UserRecord,
	user: IDataObject,
	field: UserField,
): FieldChange {
	if (field === 'isEnabled') {
		return { old: enabledValueOf(before.enabled), new: enabledValueOf(after.enabled) };
	}
	const newValue = userFieldValue(user, field) ?? null;
	const old = oldValueOf(context, before, field);
	return old.known ? { old: old.value ?? null, new: newValue } : { new: newValue };
}

function userEvent(
	context: UserDiffContext,
	event: UserEventName,
	record: UserRecord,
	user: IDataObject,
	occurredAt: number,
	changes?: Record<string, FieldChange>,
): TriggerEvent {
	return {
		event,
		eventId: hashId([event, record.id, recordKey(record), String(context.generation)]),
		occurredAt,
		user,
		...(changes ? { changes } : {}),
	};
}

/**
 * The events of one user present before and now. Every changed field is reported once: in the
 * most specific selected event (Disabled/Enabled for the flag, Role Changed for the role), the
 * rest in User Updated when the field is watched.
 */
function diffUser(
	context: UserDiffContext,
	before: UserRecord,
	after: UserRecord,
	user: IDataObject,
): TriggerEvent[] {
	const { events: selected, watchedFields } = context.options;
	const changed = new Set<UserField>();
	HASHED_USER_FIELDS.forEach((field, index) => {
		if (before.hashes[index] !== after.hashes[index]) changed.add(field);
	});
	if (before.enabled !== after.enabled) changed.add('isEnabled');
	if (changed.size === 0) return [];

	const occurredAt = timeOf(updatedAtValueOf(user), context.options.now);
	const events: TriggerEvent[] = [];
	const report = (event: UserEventName, fields: UserField[]) => {
		for (const field of fields) changed.delete(field);
		const changes = Object.fromEntries(
			fields.map((field) => [field, changeOf(context, before, after, user, field)]),
		);
		events.push(userEvent(context, event, after, user, occurredAt, changes));
	};

	const enabledMove = (from: EnabledFlag, to: EnabledFlag): UserEventName | undefined => {
		if (to === ENABLED_FALSE) return 'userDisabled';
		if (to === ENABLED_TRUE && from === ENABLED_FALSE) return 'userEnabled';
		return undefined;
	};
	const enabledEvent = changed.has('isEnabled')
		? enabledMove(before.enabled, after.enabled)
		: undefined;
	if (enabledEvent && selected.includes(enabledEvent)) report(enabledEvent, ['isEnabled']);
	if (changed.has('role') && selected.includes('userRoleChanged'))
		report('userRoleChanged', ['role']);
	const updated = [...changed].filter((field) => watchedFields.includes(field));
	if (updated.length > 0 && selected.includes('userUpdated')) report('userUpdated', updated);
	return events;
}

/**
 * Compares a listing with the state the previous poll left. Without a previous state this is
 * the baseline: everything listed is remembered, nothing is reported. A user missing from an
 * incomplete listing keeps its record: it is neither deleted nor forgotten.
 */
export function detectUserChanges(
	previous: UserState | undefined,
	listing: UserListing,
	options: UserDetectionOptions,
): UserDetection {
	const listed = new Map<string, { user: IDataObject; record: UserRecord }>();
	for (const [position, user] of listing.users.entries()) {
		const record = listing.records?.[position] ?? recordOf(user);
		if (record && !listed.has(record.id)) listed.set(record.id, { user, record });
	}
	const nextValues: Record<string, Array<string | null>> | undefined = options.keepPreviousValues
		? {}
		: undefined;
	if (nextValues) for (const [id, { user }] of listed) nextValues[id] = textValuesOf(user);
	const stateOf = (records: string, generation: number): UserState => ({
		records,
		generation,
		...(nextValues ? { values: nextValues } : {}),
	});

	if (previous === undefined) {
		// A user missing from a partial baseline would later be reported as created.
		const nextState = listing.complete
			? stateOf(encodeUserRecords([...listed.values()].map(({ record }) => record)), 0)
			: undefined;
		return { events: [], nextState, unresolvedOldRole: false, removedIds: [] };
	}

	const before = decodeUserRecords(previous.records);
	let candidates: Record<EnumerableField, Candidates> | undefined;
	const context: UserDiffContext = {
		options,
		generation: previous.generation,
		candidates: () => (candidates ??= buildCandidates(listing.users, options.knownRoles ?? [])),
		previousValues: previous.values,
		unresolvedOldRole: false,
	};
	const events: TriggerEvent[] = [];
	const nextRecords: UserRecord[] = [];
	const removedIds: string[] = [];
	let recordsChanged = false;
	for (const [id, { user, record }] of listed) {
		nextRecords.push(record);
		const known = before.get(id);
		if (known) {
			if (sameRecord(known, record)) continue;
			recordsChanged = true;
			events.push(...diffUser(context, known, record, user));
		} else {
			recordsChanged = true;
			if (!options.events.includes('userCreated')) continue;
			const createdAt = timeOf(createdAtValueOf(user), options.now);
			events.push(userEvent(context, 'userCreated', record, user, createdAt));
		}
	}
	for (const [id, record] of before) {
		if (listed.has(id)) continue;
		const kept = previous.values?.[id];
		if (!listing.complete) {
			nextRecords.push(record);
			if (nextValues && kept) nextValues[id] = kept;
			continue;
		}
		recordsChanged = true;
		removedIds.push(id);
		if (options.events.includes('userDeleted')) {
			const user: IDataObject = { id, _id: id };
			if (kept) TEXT_USER_FIELDS.forEach((field, index) => (user[field] = kept[index]));
			events.push(userEvent(context, 'userDeleted', record, user, options.now));
		}
	}
	// The same records encode to the same string: a poll that changed none skips the encoding.
	const nextState = recordsChanged
		? stateOf(encodeUserRecords(nextRecords), previous.generation + 1)
		: stateOf(previous.records, previous.generation);
	return {
		events: sortEvents(events),
		nextState,
		unresolvedOldRole: context.unresolvedOldRole,
		removedIds,
	};
}

/** A state that knows no user: everything listed against it is new. */
export function emptyUserState(): UserState {
	return { records: encodeUserRecords([]), generation: 0 };
}
