import type { IDataObject } from 'n8n-workflow';

import { anyOf } from './catalogObject';
import type { ObjectFields } from './fields';
import { flagOf, idOf, sameText } from './object';

/**
 * BigID's access intelligence (ACI): who can reach which data. An ACI user is one account of a
 * person in one data source (a person with accounts in three sources is three users), a group is
 * a data source's group, an object is what the data manager lists (a file, a folder, a table),
 * and a permission is what one principal (a user, a group, a link, "Everyone") may do on one
 * object. BigID's clients show these fields in more than one spelling; each output here has
 * one, with both `id` and `_id`.
 */

const first = (...values: unknown[]) =>
	values.find((value) => value !== undefined && value !== null && value !== '') ?? null;

function countOf(value: unknown): number | null {
	const count = Number(value);
	return value === undefined || value === null || value === '' || !Number.isFinite(count)
		? null
		: count;
}

/** Names in a list BigID gives as strings or as objects (`{name}`, `{groupName}`, `{email}`). */
function namesOf(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value
		.map((entry) => {
			if (typeof entry === 'string') return entry;
			if (!entry || typeof entry !== 'object') return null;
			const record = entry as IDataObject;
			return first(record.name, record.groupName, record.email, record.principal);
		})
		.filter((name): name is string => typeof name === 'string' && name !== '');
}

function withIds(object: IDataObject, fallbackId: unknown = null): IDataObject {
	const id = idOf(object) ?? (typeof fallbackId === 'string' ? fallbackId : null);
	return { id, _id: id };
}

/** One ACI user (an account in one data source) as the node outputs it. */
export function aciUserOf(user: IDataObject): IDataObject {
	const name = first(user.name, user.username, user.userName);
	return {
		...withIds(user),
		dataSource: first(user.dataSource, user.dataSourceName, user.source),
		name,
		email: first(user.email, user.mail, user.emailAddress),
		displayName: first(user.displayName, user.display_name, user.fullName, name),
		groups: namesOf(user.groups),
		sharedObjectsCount: countOf(user.sharedObjectsCount ?? user.shared_objects_count),
		lastLogin: first(user.lastLogin, user.last_login, user.lastLoginDate),
		status: first(user.status, user.state),
		external: flagOf(user.external) ?? null,
	};
}

export const ACI_USER_FIELDS = [
	'id',
	'dataSource',
	'name',
	'email',
	'displayName',
	'groups',
	'sharedObjectsCount',
	'lastLogin',
	'status',
	'external',
] as const;

/** Simplify keeps what an access review reads: who, where, in which groups, and how active. */
export const aciUserFields: ObjectFields = {
	all: ACI_USER_FIELDS,
	simplified: [
		'id',
		'dataSource',
		'name',
		'email',
		'groups',
		'sharedObjectsCount',
		'lastLogin',
		'status',
	],
};

/** One ACI group as the node outputs it. */
export function aciGroupOf(group: IDataObject): IDataObject {
	return {
		...withIds(group),
		dataSource: first(group.dataSource, group.dataSourceName, group.source),
		name: first(group.name, group.groupName, group.displayName),
		email: first(group.email),
		type: first(group.type),
		membersCount: countOf(group.membersCount ?? group.members_count),
		sharedObjectsCount: countOf(group.sharedObjectsCount ?? group.shared_objects_count),
		external: flagOf(group.external) ?? null,
	};
}

export const ACI_GROUP_FIELDS = [
	'id',
	'dataSource',
	'name',
	'email',
	'type',
	'membersCount',
	'sharedObjectsCount',
	'external',
] as const;

export const aciGroupFields: ObjectFields = {
	all: ACI_GROUP_FIELDS,
	simplified: ['id', 'dataSource', 'name', 'membersCount', 'sharedObjectsCount'],
};

const annotationsOf = (object: IDataObject): IDataObject =>
	object.annotations && typeof object.annotations === 'object'
		? (object.annotations as IDataObject)
		: {};

const detailsOf = (object: IDataObject): IDataObject =>
	object.objectDetails && typeof object.objectDetails === 'object'
		? (object.objectDetails as IDataObject)
		: {};

/** Open to anyone: BigID lists the open-access indicators (`["Everyone"]`) or sets a flag. */
function isOpenAccess(value: unknown): boolean {
	return Array.isArray(value) ? value.length > 0 : flagOf(value) === true;
}

/** One data-manager object as the node outputs it: where it is, who owns it, with whom it is shared. */
export function aciObjectOf(object: IDataObject): IDataObject {
	const annotations = annotationsOf(object);
	const details = detailsOf(object);
	const fullPath = first(object.fullyQualifiedName, object.fullPath, object.path);
	const sensitiveFindings = countOf(object.total_pii_count ?? details.total_pii_count);
	return {
		...withIds(object, fullPath),
		name: first(object.shortenedFQN, object.objectName, details.objectName, object.name),
		fullPath,
		dataSource: first(object.source, object.dataSource, object.system),
		type: first(object.objectType, object.type, details.type),
		owner: first(object.owner, details.owner, annotations.owner),
		sharedWith: namesOf(annotations.sharedWith ?? object.sharedWith),
		sharedWithGroups: namesOf(annotations.sharedWithGroup ?? object.sharedWithGroup),
		openAccess: isOpenAccess(annotations.openAccess ?? object.openAccess),
		sensitiveFindings,
	};
}

export const ACI_OBJECT_FIELDS = [
	'id',
	'name',
	'fullPath',
	'dataSource',
	'type',
	'owner',
	'sharedWith',
	'sharedWithGroups',
	'openAccess',
	'sensitiveFindings',
] as const;

export const aciObjectFields: ObjectFields = {
	all: ACI_OBJECT_FIELDS,
	simplified: ['id', 'fullPath', 'dataSource', 'owner', 'sharedWith', 'openAccess'],
};

/**
 * One permission on an object as the node outputs it. BigID's clients show the principal as
 * `principal`, or as `email` (a user's, or a link's URL) and `name`; the grant as `inherited`,
 * or as `grantType` DIRECT / INHERITED / EFFECTIVE.
 */
export function aciPermissionOf(permission: IDataObject, objectPath: string): IDataObject {
	const grantType = first(permission.grantType, permission.grant_type);
	const inherited =
		flagOf(permission.inherited) ??
		(typeof grantType === 'string' ? grantType.toUpperCase() === 'INHERITED' : null);
	return {
		...withIds(permission),
		objectPath,
		principal: first(permission.principal, permission.email, permission.name),
		name: first(permission.name, permission.principal),
		email: first(permission.email),
		principalType: first(permission.type, permission.principalType),
		access: namesOf(permission.access),
		inherited,
		grantType,
	};
}

export const ACI_PERMISSION_FIELDS = [
	'id',
	'objectPath',
	'principal',
	'name',
	'email',
	'principalType',
	'access',
	'inherited',
	'grantType',
] as const;

export const aciPermissionFields: ObjectFields = {
	all: ACI_PERMISSION_FIELDS,
	simplified: ['id', 'objectPath', 'principal', 'access', 'inherited'],
};

/** Whether an ACI user output is the account of this e-mail address or account name, without case. */
export function isAciUserOf(user: IDataObject, emailOrName: string): boolean {
	return sameText(user.email, emailOrName) || sameText(user.name, emailOrName);
}

/** Who a person is in the data sources: their e-mail addresses and account names, and their groups. */
export interface AciReach {
	principals: string[];
	groups: string[];
}

/**
 * Whether an object output is owned by or shared with one of the principals, or shared with one
 * of the groups, without case.
 */
export function isReachedBy(object: IDataObject, { principals, groups }: AciReach): boolean {
	const holders = [object.owner, ...(object.sharedWith as unknown[])];
	return (
		principals.some((principal) => holders.some((holder) => sameText(holder, principal))) ||
		groups.some((group) =>
			(object.sharedWithGroups as unknown[]).some((shared) => sameText(shared, group)),
		)
	);
}

/** The query of the data manager's `filter`: the query as written, and the data sources, by AND. */
export function aciObjectQueryOf(query: string, dataSources: readonly string[]): string {
	const clauses = [query.trim(), anyOf('source', dataSources) ?? ''].filter(
		(clause) => clause !== '',
	);
	return clauses.length > 1
		? clauses.map((clause) => `(${clause})`).join(' AND ')
		: clauses.join('');
}
