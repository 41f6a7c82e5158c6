import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { listRoles } from '../helpers/roles';
import { bigIdApiRequest, bigIdApiRequestAllItems, unwrapEnvelope } from '../transport';
import type { TriggerEvent } from './events';
import type { UserDetection, UserListing, UserState } from './userChanges';
import { detectUserChanges, emptyUserState } from './userChanges';
import type { UserListEndpoint, UserSettings } from './settings';
import { userIdOf } from './userRecords';

const LIST_PATHS: Record<UserListEndpoint, string[]> = {
	users: ['users'],
	accessManagement: ['access-management', 'users'],
};

/**
 * Every user, and whether that is all of them: each listed user has an ID and their number
 * matches the `totalCount` BigID announced. A listing that shifted while it was read (a user
 * created or deleted between two pages) fails that test.
 */
async function listAllUsers(this: IPollFunctions, settings: UserSettings): Promise<UserListing> {
	const { items, totalCount } = await bigIdApiRequestAllItems.call(this, {
		path: LIST_PATHS[settings.listEndpoint],
		listKey: 'users',
		pageSize: settings.pageSize,
	});
	const complete =
		totalCount !== undefined &&
		items.length === totalCount &&
		items.every((user) => userIdOf(user) !== undefined);
	return { users: items, complete };
}

/** BigID answers 404 for a deleted user, some versions 400 "Unable to locate". */
function isGone(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	if (error.httpCode === '404') return true;
	return error.httpCode === '400' && /unable to locate|not found/i.test(error.message);
}

/** The user as BigID has it now, or undefined when it is gone. Other failures end the poll. */
async function readUserIfPresent(
	this: IPollFunctions,
	id: string,
): Promise<IDataObject | undefined> {
	try {
		const body = await bigIdApiRequest.call(this, { path: ['users', id] });
		const content = unwrapEnvelope(body);
		const user = (content.user ?? content) as IDataObject;
		return userIdOf(user) === undefined ? { ...user, _id: id } : user;
	} catch (error) {
		if (isGone(error)) return undefined;
		throw error instanceof NodeApiError
			? error
			: new NodeApiError(this.getNode(), error as JsonObject);
	}
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
	const detect = (knownRoles?: string[]) =>
		detectUserChanges(previous, listing, { ...settings, knownRoles, now });
	let detection = detect();

	// Also when User Deleted is not selected: a user dropped by mistake would come back as created.
	if (settings.confirmDeletions && detection.removedIds.length > 0) {
		let found = 0;
		for (const id of detection.removedIds) {
			const user = await readUserIfPresent.call(this, id);
			if (user) {
				listing.users.push(user);
				found++;
			}
		}
		if (found > 0) detection = detect();
	}

	if (detection.unresolvedOldRole) {
		const roles = await listRoles.call(this);
		const knownRoles = roles.flatMap((role) =>
			[role.name, role._id].filter((value): value is string => typeof value === 'string'),
		);
		detection = detect(knownRoles);
	}
	return detection;
}

/** Manual mode: the most recently created user on the first page, as a User Created event. */
export async function sampleCreatedUser(
	this: IPollFunctions,
	settings: UserSettings,
): Promise<TriggerEvent | undefined> {
	const { items } = await bigIdApiRequestAllItems.call(this, {
		path: LIST_PATHS[settings.listEndpoint],
		listKey: 'users',
		limit: settings.pageSize,
	});
	const createdAt = (user: IDataObject) =>
		Date.parse(String(user.createdAt ?? user.created_at)) || 0;
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
	return detection.events[0];
}
