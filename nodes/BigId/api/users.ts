import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { roleNamesById } from '../model/role';
import type { UserChanges } from '../model/user';
import { needsRoleNames, replacementBody, userIdOf, userOutputOf } from '../model/user';
import type { BigIdContext, ListResult } from '../transport';
import { bigIdApiRequest, bigIdApiRequestAllItems, unwrapEnvelope } from '../transport';

import { asNodeError } from './errors';
import type { ListOptions } from './list';
import { listRolesOnce } from './roles';
import { pathText } from './route';

/**
 * The user-management guide's `/users` (`role` by name) or real deployments' `/access-management/users` (wrapped,
 * `roleIds`). Only listing differs: single users are read and written at `/users/{id}` in both.
 */
export type UserEndpoint = 'users' | 'accessManagement';
export const DEFAULT_USER_ENDPOINT: UserEndpoint = 'users';

const USERS = 'users';
const LIST_PATHS: Record<UserEndpoint, string[]> = {
	users: [USERS],
	accessManagement: ['access-management', USERS],
};

/** A users list's path as the options that choose it show it: `/api/v1/access-management/users`. */
export function userListPathText(endpoint: UserEndpoint): string {
	return pathText(LIST_PATHS[endpoint]);
}

const USER_ID_HINTS = {
	400: "Double-check the user ID you're using: it is the user's _id (24 hexadecimal characters), not the login name.",
	404: 'Make sure the user ID is valid and fetched from BigID (Get Many or Find by Email or Name): the user may have been deleted.',
};

export interface UserListOptions extends ListOptions {
	endpoint: UserEndpoint;
}

/** Users as BigID answers them (`role` or `roleIds`, secrets included): `toUserOutputs` makes them outputs. */
export async function listUsers(
	this: BigIdContext,
	{ endpoint, ...options }: UserListOptions,
	itemIndex = 0,
): Promise<ListResult> {
	return await bigIdApiRequestAllItems.call(
		this,
		{ ...options, path: LIST_PATHS[endpoint], listKey: USERS },
		itemIndex,
	);
}

/** The user in an answer: bare, wrapped, or under a `user` key. */
function userOf(body: IDataObject): IDataObject {
	const content = unwrapEnvelope(body);
	const nested = content.user;
	return userIdOf(content) === undefined && nested && typeof nested === 'object'
		? (nested as IDataObject)
		: content;
}

/** One user as BigID stores it (secrets included, as read). */
export async function getUser(this: BigIdContext, id: string, itemIndex = 0): Promise<IDataObject> {
	const body = await bigIdApiRequest.call(
		this,
		{ path: [USERS, id], hints: USER_ID_HINTS },
		itemIndex,
	);
	return userOf(body);
}

/** BigID answers 404 for a deleted user, some versions 400 "Unable to locate". */
function isGone(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	if (error.httpCode === '404') return true;
	return error.httpCode === '400' && /unable to locate|not found/i.test(error.message);
}

/** The user as BigID has it now (with its ID, even where BigID's answer lacks it), or undefined when it is gone. */
export async function getUserIfPresent(
	this: BigIdContext,
	id: string,
	itemIndex = 0,
): Promise<IDataObject | undefined> {
	try {
		const user = await getUser.call(this, id, itemIndex);
		return userIdOf(user) === undefined ? { ...user, _id: id } : user;
	} catch (error) {
		if (isGone(error)) return undefined;
		throw asNodeError(this, error, itemIndex);
	}
}

/** Users as the node outputs them, role names resolved with at most one roles listing per execution. */
export async function toUserOutputs(
	this: BigIdContext,
	users: IDataObject[],
	itemIndex = 0,
): Promise<IDataObject[]> {
	const roleNames = users.some(needsRoleNames)
		? roleNamesById(await listRolesOnce.call(this, itemIndex))
		: new Map<string, string>();
	return users.map((user) => userOutputOf(user, roleNames));
}

/** `POST /users` (the body carries `password`): the created user as BigID answers it. */
export async function createUser(
	this: BigIdContext,
	body: IDataObject,
	password: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'POST',
			path: [USERS],
			body,
			hints: {
				400: 'Check the fields: a local user needs a name, an email, a password that meets the password policy of BigID, and a role.',
				409: 'A user with this name already exists in BigID. Use Find by Email or Name to get it, or choose another name.',
			},
			// BigID may echo the body in a validation error (`"password" with value "..." fails...`).
			extraSecrets: [password],
		},
		itemIndex,
	);
	return userOf(answer);
}

/**
 * `PUT /users/{id}` of the whole user merged with the changes (BigID may replace the stored
 * user with the body), answering with what BigID stored, read back when the answer does not say.
 */
export async function replaceUser(
	this: BigIdContext,
	id: string,
	current: IDataObject,
	changes: UserChanges,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'PUT',
			path: [USERS, id],
			body: replacementBody(current, changes),
			hints: {
				...USER_ID_HINTS,
				400: 'Check the changed fields: the role must be a BigID role name and the password must meet the password policy of BigID.',
				409: 'Another BigID user already has this name. Choose another name.',
			},
			extraSecrets: typeof changes.password === 'string' ? [changes.password] : [],
		},
		itemIndex,
	);
	const stored = userOf(answer);
	return userIdOf(stored) === undefined ? await getUser.call(this, id, itemIndex) : stored;
}

/** `DELETE /users/{id}`: BigID's answer, unwrapped. */
export async function deleteUser(
	this: BigIdContext,
	id: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{ method: 'DELETE', path: [USERS, id], hints: USER_ID_HINTS },
		itemIndex,
	);
	return unwrapEnvelope(answer);
}
