import type { IDataObject } from 'n8n-workflow';

import { aciGroupOf, aciObjectOf, aciPermissionOf, aciUserOf } from '../model/accessIntelligence';
import type { BigIdContext, ListResult } from '../transport';
import { QUERY_FIX } from './catalog';
import type { ListOptions } from './list';
import { listOf } from './list';

/**
 * BigID's access intelligence (ACI), as BigID's own MCP server and agent plugin call it
 * (docs/bigid-api.md, "Access intelligence"). Its lists page by `skip`/`limit` with
 * `requireTotalCount`; BigID's clients write `/aci/groups/` and `.../permissions/` with a trailing
 * slash, which they are sent without (BigID's routing, like the sandbox's, takes both).
 */
const ACI = 'aci';

const ACI_MISSING =
	"Access Intelligence may not be enabled on this BigID: it is a separate BigID module. Check that Access Intelligence shows in the BigID UI and that the credential's user may open it.";

/** What distinguishes one list below `/aci`; BigID's versions put it under its name, `data` or none. */
interface AciList {
	path: string[];
	listName: string;
	qs?: IDataObject;
	hints?: ListOptions['hints'];
}

async function listAci(
	context: BigIdContext,
	{ path, listName, qs, hints }: AciList,
	options: ListOptions,
	outputOf: (item: IDataObject) => IDataObject,
	itemIndex: number,
): Promise<ListResult> {
	return await listOf.call(
		context,
		{
			...options,
			path: [ACI, ...path],
			qs: { ...options.qs, ...qs },
			listKey: [listName, 'data', 'items'],
			hints: { 404: ACI_MISSING, ...hints, ...options.hints },
		},
		outputOf,
		itemIndex,
	);
}

/** The two people lists of access intelligence, each with the shape its items leave the node in. */
export type AciDirectory = 'users' | 'groups';

const OUTPUT_OF: Record<AciDirectory, (item: IDataObject) => IDataObject> = {
	users: aciUserOf,
	groups: aciGroupOf,
};

/**
 * `GET /aci/users?skip&limit&requireTotalCount&sort`: one user per account in a data source,
 * `{data: {users: [{_id, dataSource, name, email, displayName, sharedObjectsCount, lastLogin,
 * status, groups}], totalCount}}`; `GET /aci/groups/`: the data sources' groups, paged the same,
 * `{data: {groups: [...], totalCount}}`. No filter parameter of either is public: the caller
 * filters.
 */
export async function listAciDirectory(
	this: BigIdContext,
	directory: AciDirectory,
	options: ListOptions,
	itemIndex = 0,
): Promise<ListResult> {
	const list = { path: [directory], listName: directory };
	return await listAci(this, list, options, OUTPUT_OF[directory], itemIndex);
}

/**
 * `GET /aci/data-manager?app_id=acl&filter=<query>`: the objects access intelligence knows,
 * `{status, statusCode, data: [{_id, fullyQualifiedName, source, objectType, shortenedFQN,
 * annotations: {sharedWith, sharedWithGroup, openAccess}, objectDetails}], message}`. The filter
 * is BigID's query language; `app_id=acl` is what BigID's clients always send.
 */
export async function listAciObjects(
	this: BigIdContext,
	query: string,
	options: Omit<ListOptions, 'qs' | 'hints'>,
	itemIndex = 0,
): Promise<ListResult> {
	const list = {
		path: ['data-manager'],
		listName: 'objects',
		qs: { app_id: 'acl', ...(query === '' ? {} : { filter: query }) },
		hints: { 400: QUERY_FIX },
	};
	return await listAci(this, list, options, aciObjectOf, itemIndex);
}

/**
 * `GET /aci/data-manager/{fullyQualifiedName}/permissions/?app_id=acl`: who may do what on one
 * object, `{data: {permissions: [{_id, name, email, type, access, grantType}], totalCount}}`
 * (some clients show `{principal, access, inherited}`). The name travels as one path segment,
 * its slashes encoded.
 */
export async function listAciPermissions(
	this: BigIdContext,
	fullyQualifiedName: string,
	options: Omit<ListOptions, 'qs' | 'hints'>,
	itemIndex = 0,
): Promise<ListResult> {
	const list = {
		path: ['data-manager', fullyQualifiedName, 'permissions'],
		listName: 'permissions',
		qs: { app_id: 'acl' },
		hints: {
			400: 'Check the Object Path: it is the fullyQualifiedName of an object that Access Intelligence > Get Many Objects lists, as written there.',
			404: `BigID knows no object at this path: take it from Access Intelligence > Get Many Objects (fullPath). ${ACI_MISSING}`,
		},
	};
	const outputOf = (permission: IDataObject) => aciPermissionOf(permission, fullyQualifiedName);
	return await listAci(this, list, options, outputOf, itemIndex);
}
