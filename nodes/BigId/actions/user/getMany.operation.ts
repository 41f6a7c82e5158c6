import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listRolesOnce } from '../../api/roles';
import { listUsers, toUserOutputs } from '../../api/users';
import { idOf, sameText } from '../../model/object';
import { accessReviewFieldsOf, isUserEnabled, userFields, userHasRole } from '../../model/user';
import { showFor } from '../common.descriptions';
import { readOutputChoice, shapeOutputs } from '../output';
import { outputProperties } from '../output.descriptions';
import { readConcurrency, readLimit, readPageSize } from '../parameters';
import { resolveRole } from '../role/role.parameters';
import { roleNameOption } from './user.descriptions';
import { readUserEndpoint } from './user.parameters';
import {
	concurrencyOption,
	pageSizeOption,
	returnAllOrLimit,
} from '../../descriptions/listing.descriptions';

/** The filters; `role` is the BigID role the role name resolved to. */
interface UserFilters {
	email?: string;
	name?: string;
	role?: IDataObject;
	isEnabled?: boolean;
	origin?: string;
}

export const description: INodeProperties[] = showFor('user', 'getMany', [
	...returnAllOrLimit,
	...outputProperties(userFields),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			"BigID's user list takes no filter parameters (the user-management guide pages through every user and filters the pages), so the node applies these to each page it reads. Limit counts the users that match.",
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. jdoe@example.com',
				description: 'Only the user with this email address (case does not matter)',
			},
			{
				displayName: 'Enabled',
				name: 'isEnabled',
				type: 'boolean',
				default: true,
				description: 'Whether to return only enabled users (on) or only disabled users (off)',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. jdoe',
				description: 'Only the user with this login name (case does not matter)',
			},
			{
				displayName: 'Origin',
				name: 'origin',
				type: 'options',
				options: [
					{ name: 'Local', value: 'local' },
					{ name: 'SAML', value: 'saml' },
				],
				default: 'local',
				description: 'Only users who sign in this way',
			},
			roleNameOption('Only users with this role'),
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Access Review Fields Only',
				name: 'accessReviewFields',
				type: 'boolean',
				default: false,
				description:
					'Whether to output only the columns of an access review: ID, name, email, role, isEnabled, origin, createdAt and updatedAt (missing ones as null)',
			},
			concurrencyOption,
			pageSizeOption,
		],
	},
]);

async function readFilters(this: IExecuteFunctions, itemIndex: number): Promise<UserFilters> {
	const given = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filters: UserFilters = {};
	for (const field of ['email', 'name', 'origin'] as const) {
		const value = String(given[field] ?? '').trim();
		if (value !== '') filters[field] = value;
	}
	if (typeof given.isEnabled === 'boolean') filters.isEnabled = given.isEnabled;
	const roleName = String(given.role ?? '').trim();
	if (roleName !== '') {
		const roles = await listRolesOnce.call(this, itemIndex);
		filters.role = resolveRole.call(this, roles, { mode: 'name', value: roleName }, itemIndex);
	}
	return filters;
}

/**
 * A test on users as BigID answers them (`role` or `roleIds`), so it can run on each page as it
 * arrives. Email, name and origin compare without case: jdoe@Example.com is jdoe@example.com.
 */
function userMatcher(filters: UserFilters): (user: IDataObject) => boolean {
	const { email, name, role, isEnabled, origin } = filters;
	return (user) =>
		(email === undefined || sameText(user.email, email)) &&
		(name === undefined || sameText(user.name, name)) &&
		(role === undefined || userHasRole(user, role)) &&
		(isEnabled === undefined || isUserEnabled(user) === isEnabled) &&
		(origin === undefined || sameText(user.origin, origin));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const choice = readOutputChoice.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);
	const pageSize = readPageSize.call(this, itemIndex);
	const reviewFieldsOnly = this.getNodeParameter(
		'options.accessReviewFields',
		itemIndex,
		false,
	) as boolean;
	const filters = await readFilters.call(this, itemIndex);
	const filtered = Object.keys(filters).length > 0;
	const matches = userMatcher(filters);

	// Without filters the list itself stops at the limit; with them, paging stops once enough match.
	const matchedIds = new Set<unknown>();
	const { items } = await listUsers.call(
		this,
		{
			endpoint: readUserEndpoint.call(this, itemIndex),
			pageSize,
			concurrency: readConcurrency.call(this, itemIndex),
			limit: filtered ? undefined : limit,
			stopWhen:
				filtered && limit !== undefined
					? (page) => {
							for (const user of page.filter(matches)) matchedIds.add(idOf(user) ?? user);
							return matchedIds.size >= limit;
						}
					: undefined,
		},
		itemIndex,
	);
	const selected = items.filter(matches).slice(0, limit);
	const users = await toUserOutputs.call(this, selected, itemIndex);
	// Access Review Fields Only names its columns: it wins over Simplify and Output.
	return reviewFieldsOnly
		? users.map(accessReviewFieldsOf)
		: shapeOutputs(choice, userFields, users);
}
