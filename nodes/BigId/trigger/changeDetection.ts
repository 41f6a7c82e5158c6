/**
 * The trigger's change detection: given what the last poll left and what BigID lists now,
 * which events happened and what to remember. No n8n, no HTTP: a pure function of its inputs,
 * so a poll that runs again on the same saved state derives the same events with the same
 * `eventId`s, whatever n8n did or did not save in between.
 */
import { hashId } from './fingerprint';
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
	TEXT_USER_FIELDS,
	userFieldValue,
} from './userRecords';

type PlainObject = Record<string, unknown>;

export const USER_EVENTS = [
	'userCreated',
	'userUpdated',
	'userDisabled',
	'userEnabled',
	'userRoleChanged',
	'userDeleted',
] as const;
export type UserEventName = (typeof USER_EVENTS)[number];
export type TriggerEventName = 'scanFinished' | UserEventName;

export interface FieldChange {
	/** Absent when the trigger does not keep that field's value (free text without Keep Previous Values). */
	old?: unknown;
	new: unknown;
}

export type ScanOutcome = 'succeeded' | 'failed';

export interface TriggerEvent {
	event: TriggerEventName;
	/** The same change always gets the same id, so a downstream can drop a redelivered one. */
	eventId: string;
	/** Epoch milliseconds; events of one poll are emitted in this order. */
	occurredAt: number;
	user?: PlainObject;
	scan?: PlainObject;
	outcome?: ScanOutcome;
	changes?: Record<string, FieldChange>;
}

// ----- users -----

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
	users: PlainObject[];
	/**
	 * Whether `users` is every user BigID holds (its count matched `totalCount`, and missing users
	 * were confirmed gone). Only a complete listing may report deletions.
	 */
	complete: boolean;
}

export interface UserDetectionOptions {
	events: readonly TriggerEventName[];
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

function timeOf(value: unknown, fallback: number): number {
	const parsed =
		typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : NaN;
	return Number.isFinite(parsed) ? parsed : fallback;
}

function buildCandidates(
	users: PlainObject[],
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

function textValuesOf(user: PlainObject): Array<string | null> {
	return TEXT_USER_FIELDS.map((field) => {
		const value = userFieldValue(user, field);
		return value === undefined || value === null ? null : String(value);
	});
}

interface UserDiffContext {
	options: UserDetectionOptions;
	generation: number;
	candidates: Record<EnumerableField, Candidates>;
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
	const candidate = context.candidates[field as EnumerableField].get(oldHash);
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
	user: PlainObject,
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
	user: PlainObject,
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
	user: PlainObject,
): TriggerEvent[] {
	const { events: selected, watchedFields } = context.options;
	const changed = new Set<UserField>();
	HASHED_USER_FIELDS.forEach((field, index) => {
		if (before.hashes[index] !== after.hashes[index]) changed.add(field);
	});
	if (before.enabled !== after.enabled) changed.add('isEnabled');
	if (changed.size === 0) return [];

	const occurredAt = timeOf(user.updatedAt ?? user.updated_at, context.options.now);
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
	const listed = new Map<string, { user: PlainObject; record: UserRecord }>();
	for (const user of listing.users) {
		const record = recordOf(user);
		if (record && !listed.has(record.id)) listed.set(record.id, { user, record });
	}
	const nextValues: Record<string, Array<string | null>> | undefined = options.keepPreviousValues
		? {}
		: undefined;
	if (nextValues) for (const [id, { user }] of listed) nextValues[id] = textValuesOf(user);
	const stateOf = (records: Iterable<UserRecord>, generation: number): UserState => ({
		records: encodeUserRecords(records),
		generation,
		...(nextValues ? { values: nextValues } : {}),
	});

	if (previous === undefined) {
		// A user missing from a partial baseline would later be reported as created.
		const nextState = listing.complete
			? stateOf(
					[...listed.values()].map(({ record }) => record),
					0,
				)
			: undefined;
		return { events: [], nextState, unresolvedOldRole: false, removedIds: [] };
	}

	const before = decodeUserRecords(previous.records);
	const context: UserDiffContext = {
		options,
		generation: previous.generation,
		candidates: buildCandidates(listing.users, options.knownRoles ?? []),
		previousValues: previous.values,
		unresolvedOldRole: false,
	};
	const events: TriggerEvent[] = [];
	const nextRecords: UserRecord[] = [];
	const removedIds: string[] = [];
	for (const [id, { user, record }] of listed) {
		nextRecords.push(record);
		const known = before.get(id);
		if (known) {
			events.push(...diffUser(context, known, record, user));
		} else if (options.events.includes('userCreated')) {
			const createdAt = timeOf(user.createdAt ?? user.created_at, options.now);
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
		removedIds.push(id);
		if (options.events.includes('userDeleted')) {
			const user: PlainObject = { id, _id: id };
			if (kept) TEXT_USER_FIELDS.forEach((field, index) => (user[field] = kept[index]));
			events.push(userEvent(context, 'userDeleted', record, user, options.now));
		}
	}
	const unchanged = stateOf(nextRecords, previous.generation);
	return {
		events: sortEvents(events),
		nextState:
			unchanged.records === previous.records
				? unchanged
				: { ...unchanged, generation: previous.generation + 1 },
		unresolvedOldRole: context.unresolvedOldRole,
		removedIds,
	};
}

/** A state that knows no user: everything listed against it is new. */
export function emptyUserState(): UserState {
	return { records: encodeUserRecords([]), generation: 0 };
}

// ----- scans -----

export interface ScanCursor {
	/** The newest `updated_at` processed, in epoch milliseconds. */
	updatedAt: number;
	/** `id:state` of the scans processed at exactly `updatedAt`, so a tie is neither lost nor repeated. */
	boundary: string[];
}

export type OutcomeFilter = 'any' | ScanOutcome;

export interface ScanDetectionOptions {
	/** States that end a scan, compared without case, spaces or underscores. */
	terminalStates: readonly string[];
	/** Scan profile names to report; empty for every profile. Compared without case. */
	profileNames: readonly string[];
	outcome: OutcomeFilter;
}

export interface ScanDetection {
	events: TriggerEvent[];
	nextState: ScanCursor;
}

export function normalizeState(state: unknown): string {
	return String(state ?? '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** When the parent scan last changed; a scan without a date sorts as the oldest. */
export function scanUpdatedAt(scan: PlainObject): number {
	return timeOf(scan.updated_at ?? scan.updatedAt, -Infinity);
}

function scanIdOf(scan: PlainObject): string {
	return String(scan._id ?? scan.id ?? '');
}

function boundaryKey(scan: PlainObject): string {
	return `${scanIdOf(scan)}:${normalizeState(scan.state)}`;
}

export function scanProfileNameOf(scan: PlainObject): string | undefined {
	const profile = scan.scanProfile as PlainObject | undefined;
	const name = scan.scanProfileName ?? profile?.name ?? scan.name;
	return typeof name === 'string' ? name : undefined;
}

export function isFinishedScan(scan: PlainObject, terminalStates: readonly string[]): boolean {
	const state = normalizeState(scan.state);
	return state !== '' && terminalStates.some((terminal) => normalizeState(terminal) === state);
}

export function outcomeOf(scan: PlainObject): ScanOutcome {
	return normalizeState(scan.state) === 'completed' ? 'succeeded' : 'failed';
}

export function matchesScanFilters(scan: PlainObject, options: ScanDetectionOptions): boolean {
	if (!isFinishedScan(scan, options.terminalStates)) return false;
	if (options.outcome !== 'any' && outcomeOf(scan) !== options.outcome) return false;
	if (options.profileNames.length === 0) return true;
	const profile = scanProfileNameOf(scan)?.trim().toLowerCase();
	return options.profileNames.some((name) => name.trim().toLowerCase() === profile);
}

export function scanFinishedEvent(scan: PlainObject): TriggerEvent {
	const updatedAt = scanUpdatedAt(scan);
	return {
		event: 'scanFinished',
		eventId: hashId([
			'scanFinished',
			scanIdOf(scan),
			normalizeState(scan.state),
			String(updatedAt),
		]),
		occurredAt: timeOf(scan.completed_at ?? scan.completedAt, updatedAt),
		scan,
		outcome: outcomeOf(scan),
	};
}

/** Whether a page, listed newest `updated_at` first, already reaches back past the cursor. */
export function reachesPastCursor(cursor: ScanCursor | undefined, page: PlainObject[]): boolean {
	if (cursor === undefined) return true;
	return page.some((scan) => scanUpdatedAt(scan) < cursor.updatedAt);
}

function isNew(scan: PlainObject, cursor: ScanCursor): boolean {
	const updatedAt = scanUpdatedAt(scan);
	if (updatedAt > cursor.updatedAt) return true;
	return updatedAt === cursor.updatedAt && !cursor.boundary.includes(boundaryKey(scan));
}

/**
 * Parent scans changed since the cursor, of which those that reached a terminal state (and
 * pass the filters) are reported. Without a cursor this is the baseline: the newest listed
 * scan becomes the cursor, nothing is reported.
 */
export function detectFinishedScans(
	previous: ScanCursor | undefined,
	parents: PlainObject[],
	options: ScanDetectionOptions,
): ScanDetection {
	const cursor = previous ?? { updatedAt: -Infinity, boundary: [] };
	const fresh = parents.filter(
		(scan) => Number.isFinite(scanUpdatedAt(scan)) && isNew(scan, cursor),
	);
	const newest = Math.max(cursor.updatedAt, ...fresh.map(scanUpdatedAt));
	const boundary = new Set(newest === cursor.updatedAt ? cursor.boundary : []);
	for (const scan of fresh) if (scanUpdatedAt(scan) === newest) boundary.add(boundaryKey(scan));
	const nextState: ScanCursor = {
		updatedAt: Number.isFinite(newest) ? newest : 0,
		boundary: [...boundary].sort(),
	};
	if (previous === undefined) return { events: [], nextState };

	const seen = new Set<string>();
	const events = fresh
		.filter((scan) => {
			const key = boundaryKey(scan);
			if (seen.has(key)) return false;
			seen.add(key);
			return matchesScanFilters(scan, options);
		})
		.map(scanFinishedEvent);
	return { events: sortEvents(events), nextState };
}

/** Oldest first; ties in a fixed order so the same changes always come out the same way. */
export function sortEvents(events: TriggerEvent[]): TriggerEvent[] {
	return [...events].sort(
		(a, b) =>
			a.occurredAt - b.occurredAt || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
	);
}
