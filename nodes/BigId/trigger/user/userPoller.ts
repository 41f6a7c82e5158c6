import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { listRoles } from '../../api/roles';
import type { UserEndpoint } from '../../api/users';
import { getUserIfPresent, listUsers } from '../../api/users';
import { createdAtValueOf, timeOf } from '../../model/object';
import { roleNamesById } from '../../model/role';
import { needsRoleNames, roleNameOf, userIdOf, userOutputOf } from '../../model/user';
import type { FieldChange, TriggerEvent } from '../events';
import type { UserEventName } from './events';
import type { UserDetection, UserListing, UserState } from './userChanges';
import { detectUserChanges, emptyUserState } from './userChanges';
import type { UserField, UserRecord } from './userRecords';
import { recordOf } from './userRecords';

export interface UserSettings {
	events: UserEventName[];
	watchedFields: UserField[];
	keepPreviousValues: boolean;
	confirmDeletions: boolean;
	pageSize: number;
	concurrency: number;
	listEndpoint: UserEndpoint;
}

/**
 * Every user, and whether that is all of them: each listed user has an ID and their number
 * matches the `totalCount` BigID announced. A listing that shifted while it was read (a user
 * created or deleted between two pages) fails that test.
 */
async function listAllUsers(this: IPollFunctions, settings: UserSettings): Promise<UserListing> {
	const records: Array<UserRecord | undefined> = [];
	const { items, totalCount } = await listUsers.call(this, {
		endpoint: settings.listEndpoint,
		pageSize: settings.pageSize,
		concurrency: settings.concurrency,
		onItems: (users, firstPosition) =>
			users.forEach((user, index) => (records[firstPosition + index] = recordOf(user))),
	});
	const complete =
		totalCount !== undefined &&
		items.length === totalCount &&
		items.every((user) => userIdOf(user) !== undefined);
	records.length = items.length;
	return { users: items, complete, records };
}

/**
 * BigID's roles, read at most once per poll and only when asked. Not cached beyond the poll: n8n
 * keeps one poll context for as long as the workflow is active, and roles are created and renamed
 * meanwhile.
 */
function rolesOfThisPoll(this: IPollFunctions): () => Promise<IDataObject[]> {
	let roles: Promise<IDataObject[]> | undefined;
	return async () => await (roles ??= listRoles.call(this));
}

/** The role change with role IDs named, so that `changes.role.new` reads as `user.role` does. */
function withRoleNames(event: TriggerEvent, roleNames: ReadonlyMap<string, string>): TriggerEvent {
	const change = event.changes?.role;
	if (!change) return event;
	const named: FieldChange = { new: roleNameOf(change.new, roleNames) };
	if ('old' in change) named.old = roleNameOf(change.old, roleNames);
	return { ...event, changes: { ...event.changes, role: named } };
}

/**
 * Each event's user as User > Get outputs the same BigID user: role names resolved from
 * `roleIds`, refresh tokens without their values, no secrets; a role change in names too. A
 * deleted user is only what the state kept of it, and stays so.
 */
async function withUserOutputs(
	events: TriggerEvent[],
	roles: () => Promise<IDataObject[]>,
): Promise<TriggerEvent[]> {
	const listedUsers = events.map((event) =>
		event.event === 'userDeleted' ? undefined : event.user,
	);
	const roleIdsChanged = events.some(({ changes }) =>
		[changes?.role?.old, changes?.role?.new].some(Array.isArray),
	);
	const roleNames =
		roleIdsChanged || listedUsers.some((user) => user && needsRoleNames(user))
			? roleNamesById(await roles())
			: new Map<string, string>();
	return events.map((event, index) => {
		const user = listedUsers[index];
		const named = withRoleNames(event, roleNames);
		return user ? { ...named, user: userOutputOf(user, roleNames) } : named;
	});
}

/**
 * One poll of the users: the full listing, detection against the saved state, then the reads
 * that make its answer trustworthy. Each reconsideration reruns the pure detection on a richer
 * input, so the events stay a function of (saved state, what BigID answered).
 */
export async function pollUsers(
	this: IPollFunctions,
	previous: UserState | undefined,
	settings: UserSettings,
	now: number,
): Promise<UserDetection> {
	const listing = await listAllUsers.call(this, settings);
	const roles = rolesOfThisPoll.call(this);
	const detect = (knownRoles?: string[]) =>
		detectUserChanges(previous, listing, { ...settings, knownRoles, now });
	let detection = detect();

	// Also when User Deleted is not selected: a user dropped by mistake would come back as created.
	if (settings.confirmDeletions && detection.removedIds.length > 0) {
		let found = 0;
		for (const id of detection.removedIds) {
			const user = await getUserIfPresent.call(this, id);
			if (user) {
				listing.users.push(user);
				found++;
			}
		}
		if (found > 0) detection = detect();
	}

	if (detection.unresolvedOldRole) {
		const knownRoles = (await roles()).flatMap((role) =>
			[role.name, role._id].filter((value): value is string => typeof value === 'string'),
		);
		detection = detect(knownRoles);
	}
	return { ...detection, events: await withUserOutputs(detection.events, roles) };
}

/** Manual mode: the most recently created user on the first page, as a User Created event. */
export async function sampleCreatedUser(
	this: IPollFunctions,
	settings: UserSettings,
): Promise<TriggerEvent | undefined> {
	const { items } = await listUsers.call(this, {
		endpoint: settings.listEndpoint,
		limit: settings.pageSize,
	});
	const createdAt = (user: IDataObject) => timeOf(createdAtValueOf(user), 0);
	const latest = items.reduce<IDataObject | undefined>(
		(newest, user) => (newest === undefined || createdAt(user) > createdAt(newest) ? user : newest),
		undefined,
	);
	if (!latest) return undefined;
	const detection = detectUserChanges(
		emptyUserState(),
		{ users: [latest], complete: false },
		{ ...settings, events: ['userCreated'], now: Date.now() },
	);
	const [event] = await withUserOutputs(detection.events, rolesOfThisPoll.call(this));
	return event;
}
