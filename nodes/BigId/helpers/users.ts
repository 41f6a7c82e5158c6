import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BigIdContext, BigIdRequest, ListRequest, ListResult } from '../transport';
import {
	bigIdApiRequest,
	bigIdApiRequestAllItems,
	idOf,
	fillAliases,
	unwrapEnvelope,
} from '../transport';
import { redactSecrets } from '../transport/secrets';
import { requireObjectId, requireText } from './parameters';
import { listRolesOnce } from './roles';

/**
 * The seed's `/users` (`role` by name) or real deployments' `/access-management/users` (wrapped,
 * `roleIds`). Only listing differs: single users are read and written at `/users/{id}` in both.
 */
export type UserEndpoint = 'users' | 'accessManagement';

export const LIST_PATHS: Record<UserEndpoint, string[]> = {
	users: ['users'],
	accessManagement: ['access-management', 'users'],
};

export const USER_ID_HINTS = {
	400: "Double-check the user ID you're using: it is the user's _id (24 hexadecimal characters), not the login name.",
	404: 'Make sure the user ID is valid and fetched from BigID (Get Many or Find by Email or Name): the user may have been deleted.',
};

/** What a user record may carry that must never leave the node, and what BigID owns. */
const SECRET_FIELDS = ['password', 'token'];
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
	...SECRET_FIELDS,
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

export function userEndpointOf(this: IExecuteFunctions, itemIndex: number): UserEndpoint {
	return this.getNodeParameter('apiEndpoint', itemIndex, 'users') as UserEndpoint;
}

export function listUsers(
	this: BigIdContext,
	endpoint: UserEndpoint,
	request: Omit<ListRequest, 'path' | 'listKey'>,
	itemIndex: number,
): Promise<ListResult> {
	return bigIdApiRequestAllItems.call(
		this,
		{ ...request, path: LIST_PATHS[endpoint], listKey: 'users' },
		itemIndex,
	);
}

/** The user ID from the `user` resource locator, checked before any request. */
export function userIdParameter(this: IExecuteFunctions, itemIndex: number): string {
	const id = this.getNodeParameter('user', itemIndex, '', { extractValue: true });
	return requireObjectId.call(this, id, 'User', itemIndex);
}

/** One user as BigID stores it (secrets included, as read), unwrapped from any envelope. */
export async function readUser(
	this: IExecuteFunctions,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	const body = await bigIdApiRequest.call(
		this,
		{ path: ['users', id], hints: USER_ID_HINTS },
		itemIndex,
	);
	return userOf(body);
}

/** The user in a create or update answer: bare, wrapped, or under a `user` key. */
export function userOf(body: IDataObject): IDataObject {
	const content = unwrapEnvelope(body);
	const nested = content.user;
	return idOf(content) === undefined && nested && typeof nested === 'object'
		? (nested as IDataObject)
		: content;
}

/** Whether BigID considers the user enabled: the field is optional and defaults to true. */
export const isUserEnabled = (user: IDataObject) => user.isEnabled !== false;

function roleIdsOf(user: IDataObject): string[] | undefined {
	return Array.isArray(user.roleIds) ? user.roleIds.map(String) : undefined;
}

/**
 * Users as the node outputs them: `id` and `_id` both the ObjectId (real deployments put the
 * login name in `id`), `createdAt`/`updatedAt`, `role` named even where BigID gives only
 * `roleIds`, `isEnabled` always a boolean, and no password or token.
 */
export async function normalizeUsers(
	this: BigIdContext,
	users: IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const needsRoleNames = users.some(
		(user) => typeof user.role !== 'string' && (roleIdsOf(user)?.length ?? 0) > 0,
	);
	const roleNames = new Map<string, string>();
	if (needsRoleNames) {
		for (const role of await listRolesOnce.call(this, itemIndex)) {
			const id = idOf(role);
			if (id !== undefined) roleNames.set(id, String(role.name));
		}
	}
	return users.map((user) => normalizeUser(user, roleNames));
}

function normalizeUser(raw: IDataObject, roleNames: Map<string, string>): IDataObject {
	const user: IDataObject = {};
	for (const [field, value] of Object.entries(raw)) {
		if (!SECRET_FIELDS.includes(field)) user[field] = value;
	}
	const id = raw._id ?? raw.id;
	if (id !== undefined && id !== null) {
		user.id = String(id);
		user._id = String(id);
	}
	const roleIds = roleIdsOf(raw);
	if (typeof raw.role !== 'string' && roleIds) {
		user.role = roleIds.map((roleId) => roleNames.get(roleId) ?? roleId).join(', ');
	}
	if (Array.isArray(raw.refreshTokens)) {
		// Their names and expiry dates matter to an access review; their values never leave BigID.
		user.refreshTokens = raw.refreshTokens.map((token) => {
			if (!token || typeof token !== 'object') return {};
			const { value, ...details } = token as IDataObject;
			return details;
		});
	}
	user.isEnabled = isUserEnabled(raw);
	return fillAliases(user);
}

export function accessReviewFieldsOf(user: IDataObject): IDataObject {
	return Object.fromEntries(ACCESS_REVIEW_FIELDS.map((field) => [field, user[field] ?? null]));
}

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

/** PUTs the merged user and answers with what BigID stored, reading it back when the answer does not say. */
export async function putWholeUser(
	this: IExecuteFunctions,
	id: string,
	current: IDataObject,
	changes: UserChanges,
	itemIndex: number,
): Promise<IDataObject> {
	const answer = await requestWithPassword.call(
		this,
		{
			method: 'PUT',
			path: ['users', id],
			body: replacementBody(current, changes),
			hints: {
				...USER_ID_HINTS,
				400: 'Check the changed fields: the role must be a BigID role name and the password must meet the password policy of BigID.',
				409: 'Another BigID user already has this name. Choose another name.',
			},
		},
		changes.password,
		itemIndex,
	);
	const stored = userOf(answer);
	return idOf(stored) === undefined ? await readUser.call(this, id, itemIndex) : stored;
}

/**
 * A request whose body carries a password: BigID may echo the body in a validation error
 * (`"password" with value "..." fails...`), so the password is cut out of every error text.
 */
export async function requestWithPassword(
	this: IExecuteFunctions,
	request: BigIdRequest,
	password: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	if (!password) return await bigIdApiRequest.call(this, request, itemIndex);
	try {
		return await bigIdApiRequest.call(this, request, itemIndex);
	} catch (error) {
		const { message, description, httpCode } = error as NodeApiError;
		const redact = (text: string | null | undefined) =>
			text ? redactSecrets(text, [password]) : undefined;
		const clean = { message: redact(message), description: redact(description) };
		throw new NodeApiError(this.getNode(), { ...clean, httpCode } as JsonObject, {
			...clean,
			httpCode: httpCode ?? undefined,
			itemIndex,
		});
	}
}

/** An email address, checked before any request. */
export function requireEmail(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const email = String(value ?? '').trim();
	if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
		throw new NodeOperationError(
			this.getNode(),
			email === '' ? 'Email is empty' : `Email "${email}" is not an email address`,
			{
				itemIndex,
				description: 'Enter the email address of the user, for example jdoe@example.com.',
			},
		);
	}
	return email;
}

export function requireName(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	return requireText.call(this, String(value ?? ''), itemIndex, {
		message: 'Name is empty',
		description: 'Enter the login name of the user, for example jdoe.',
	});
}

/** The endpoint family chosen on the node while a dropdown is being filled. */
export function userEndpointWhileLoading(this: ILoadOptionsFunctions): UserEndpoint {
	return (this.getCurrentNodeParameter('apiEndpoint') as UserEndpoint | undefined) ?? 'users';
}
