import type { IDataObject } from 'n8n-workflow';

import type { ObjectFields } from './fields';
import { copyOf, fillAliases, flagOf, idOf } from './object';

export { idOf as userIdOf } from './object';

/** What a user record may carry that must never leave the node. */
export const USER_SECRET_FIELDS: readonly string[] = ['password', 'token'];

/** What BigID owns and a PUT must not send back. */
const SERVER_OWNED_FIELDS = new Set([
	'_id',
	'id',
	'origin',
	'createdAt',
	'updatedAt',
	'created_at',
	'updated_at',
	'last_successful_login_at',
	'__v',
	'refreshTokens',
	...USER_SECRET_FIELDS,
]);

export const ACCESS_REVIEW_FIELDS = [
	'id',
	'name',
	'email',
	'role',
	'isEnabled',
	'origin',
	'createdAt',
	'updatedAt',
];

/**
 * Real deployments spell some user fields differently from the user-management guide (`first_name`,
 * `roles`, `roleIds`, `enabled`): each field is read from the first spelling present.
 */
export const USER_FIELD_SPELLINGS = {
	name: ['name'],
	email: ['email'],
	firstName: ['firstName', 'first_name'],
	lastName: ['lastName', 'last_name'],
	role: ['role', 'roles', 'roleIds'],
	origin: ['origin'],
	isEnabled: ['isEnabled', 'enabled'],
} as const satisfies Record<string, readonly string[]>;

export type SpelledUserField = keyof typeof USER_FIELD_SPELLINGS;

export function userFieldValue(user: IDataObject, field: SpelledUserField): unknown {
	for (const key of USER_FIELD_SPELLINGS[field]) {
		if (user[key] !== undefined) return user[key];
	}
	return undefined;
}

/** The user's enabled flag as BigID spells it: `isEnabled`, on some versions `enabled`. */
export const enabledFieldOf = (user: IDataObject) => userFieldValue(user, 'isEnabled');

/** Whether BigID considers the user enabled: the field is optional and defaults to true. */
export const isUserEnabled = (user: IDataObject) => flagOf(enabledFieldOf(user)) !== false;

/** Users in BigID's user-management guide (docs/bigid-api.md) carry a role name in `role`, real deployments' `roleIds`. */
export function roleIdsOf(user: IDataObject): string[] | undefined {
	return Array.isArray(user.roleIds) ? user.roleIds.map(String) : undefined;
}

/** Whether resolving the user's roles to names needs BigID's role list. */
export function needsRoleNames(user: IDataObject): boolean {
	return typeof user.role !== 'string' && (roleIdsOf(user)?.length ?? 0) > 0;
}

export function userHasRole(user: IDataObject, role: IDataObject): boolean {
	if (typeof user.role === 'string') return user.role === role.name;
	return roleIdsOf(user)?.includes(idOf(role) ?? '') ?? false;
}

/** Role IDs as the node outputs them: their names (from `roleNames`), joined by ', '. */
export function roleNamesOf(
	roleIds: readonly unknown[],
	roleNames: ReadonlyMap<string, string>,
): string {
	return roleIds.map((roleId) => roleNames.get(String(roleId)) ?? String(roleId)).join(', ');
}

/** A role value (a name, an ID or IDs) as the node outputs it: IDs named. */
export function roleNameOf(value: unknown, roleNames: ReadonlyMap<string, string>): unknown {
	if (Array.isArray(value)) return roleNamesOf(value, roleNames);
	return typeof value === 'string' ? (roleNames.get(value) ?? value) : value;
}

/**
 * A user as the node outputs it: `id` and `_id` both the ObjectId (real deployments put the
 * login name in `id`), `createdAt`/`updatedAt`, `role` named even where BigID gives only
 * `roleIds` (names from `roleNames`, by role ID), `isEnabled` always a boolean, refresh tokens
 * without their values, and no password or token.
 */
export function userOutputOf(
	raw: IDataObject,
	roleNames: ReadonlyMap<string, string>,
): IDataObject {
	const user = copyOf(raw, USER_SECRET_FIELDS);
	const id = raw._id ?? raw.id;
	if (id !== undefined && id !== null) {
		user.id = String(id);
		user._id = String(id);
	}
	const roleIds = roleIdsOf(raw);
	if (typeof raw.role !== 'string' && roleIds) {
		user.role = roleNamesOf(roleIds, roleNames);
	}
	if (Array.isArray(raw.refreshTokens)) {
		// Their names and expiry dates matter to an access review; their values never leave BigID.
		user.refreshTokens = raw.refreshTokens.map((token) => {
			if (!token || typeof token !== 'object') return {};
			const details: IDataObject = { ...(token as IDataObject) };
			delete details.value;
			return details;
		});
	}
	user.isEnabled = isUserEnabled(raw);
	return fillAliases(user);
}

export function accessReviewFieldsOf(user: IDataObject): IDataObject {
	return Object.fromEntries(ACCESS_REVIEW_FIELDS.map((field) => [field, user[field] ?? null]));
}

/**
 * The fields of `userOutputOf`, one spelling each: the user-management guide's (docs/bigid-api.md), and what real deployments add
 * (`roleIds`, the refresh tokens without their values, the last login).
 */
export const USER_FIELDS = [
	'id',
	'name',
	'email',
	'firstName',
	'lastName',
	'role',
	'roleIds',
	'isEnabled',
	'origin',
	'refreshTokens',
	'last_successful_login_at',
	'createdAt',
	'updatedAt',
] as const;

/**
 * A simplified user: the ID the other user operations take, who it is (login name, email, first
 * and last name), what it may do (role, enabled, origin) and since when. Nine, so that Find by
 * Email or Name's `found` makes ten.
 */
export const SIMPLIFIED_USER_FIELDS = [
	'id',
	'name',
	'email',
	'firstName',
	'lastName',
	'role',
	'isEnabled',
	'origin',
	'createdAt',
] as const satisfies ReadonlyArray<(typeof USER_FIELDS)[number]>;

export const userFields: ObjectFields = { all: USER_FIELDS, simplified: SIMPLIFIED_USER_FIELDS };

/** The fields a change may set; `role` is the resolved BigID role. */
export interface UserChanges {
	name?: string;
	email?: string;
	firstName?: string;
	lastName?: string;
	password?: string;
	isEnabled?: boolean;
	role?: IDataObject;
}

/**
 * The whole user for a PUT, since BigID may replace the stored user with it: the current
 * fields (without what BigID owns, and without the password, which it returns blank or not at
 * all), then the changes. A new role is written in the shape the user was read in.
 */
export function replacementBody(current: IDataObject, changes: UserChanges): IDataObject {
	const body: IDataObject = {};
	for (const [field, value] of Object.entries(current)) {
		if (!SERVER_OWNED_FIELDS.has(field)) body[field] = value;
	}
	const { role, ...fields } = changes;
	for (const [field, value] of Object.entries(fields)) {
		if (value !== undefined) body[field] = value;
	}
	if (role) {
		const readAsRoleIds = roleIdsOf(current) !== undefined;
		if (readAsRoleIds) body.roleIds = [idOf(role)];
		if (!readAsRoleIds || typeof current.role === 'string') body.role = role.name;
	}
	return body;
}
