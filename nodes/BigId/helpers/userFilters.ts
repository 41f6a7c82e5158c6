import type { IDataObject } from 'n8n-workflow';

import { idOf } from '../transport';
import { isUserEnabled } from './users';

/** Get Many's filters; `role` is the BigID role the role name resolved to. */
export interface UserFilters {
	email?: string;
	name?: string;
	role?: IDataObject;
	isEnabled?: boolean;
	origin?: string;
}

const sameText = (value: unknown, wanted: string) =>
	typeof value === 'string' && value.trim().toLowerCase() === wanted.trim().toLowerCase();

function hasRole(user: IDataObject, role: IDataObject): boolean {
	if (typeof user.role === 'string') return user.role === role.name;
	return Array.isArray(user.roleIds) && user.roleIds.map(String).includes(idOf(role) ?? '');
}

/**
 * A test on users as BigID answers them (`role` or `roleIds`), so it can run on each page as it
 * arrives. Email, name and origin compare without case: jdoe@Example.com is jdoe@example.com.
 */
export function userMatcher(filters: UserFilters): (user: IDataObject) => boolean {
	const { email, name, role, isEnabled, origin } = filters;
	return (user) =>
		(email === undefined || sameText(user.email, email)) &&
		(name === undefined || sameText(user.name, name)) &&
		(role === undefined || hasRole(user, role)) &&
		(isEnabled === undefined || isUserEnabled(user) === isEnabled) &&
		(origin === undefined || sameText(user.origin, origin));
}

export type LookupField = 'emailOrName' | 'email' | 'name';

/** Find by Email or Name: the same comparison, on one field or either. */
export function lookupMatcher(field: LookupField, wanted: string): (user: IDataObject) => boolean {
	return (user) =>
		(field !== 'name' && sameText(user.email, wanted)) ||
		(field !== 'email' && sameText(user.name, wanted));
}
