import {
	bodyObject,
	errorResponse,
	json,
	wrapped,
	type ApiRequest,
	type ApiResponse,
	type RouteDefinition,
	type SandboxContext,
} from './context';
import {
	matchesFilter,
	parseFilter,
	parsePaging,
	parseSort,
	sortItems,
	type Paging,
} from './query';
import { isObjectId } from './random';
import {
	SCAN_TYPES,
	type SandboxScanProfile,
	type SandboxStore,
	type SandboxUser,
	type ScanExecution,
} from './store';

const API = '/api/v1';
const LOGIN_FAILED = 'Authentication failed. Please check your username and password.';
const NOT_AN_OBJECT = 'Request body must be a JSON object';

type Handler = RouteDefinition['handle'];

const route = (
	method: string,
	pattern: string,
	handle: Handler,
	flags: { requiresAuth?: boolean; isWrite?: boolean } = {},
): RouteDefinition => ({
	method,
	pattern: API + pattern,
	requiresAuth: flags.requiresAuth ?? true,
	isWrite: flags.isWrite ?? false,
	handle,
});

function paging(request: ApiRequest, context: SandboxContext): Paging {
	return parsePaging(request.query, context.options.defaultPageSize, context.options.pageCap);
}

function page<T>(items: readonly T[], { skip, limit }: Paging): T[] {
	return items.slice(skip, skip + limit);
}

/** The seed's bare `{users, totalCount}` or the wrapped envelope real deployments use. */
function userEnvelope(
	context: SandboxContext,
	listName: string,
	items: unknown[],
	totalCount: number,
	{ requireTotalCount }: Paging,
	/** The seed's bare /users answer shows totalCount even unasked. */
	bareShowsTotalCount: boolean,
): ApiResponse {
	const list: Record<string, unknown> = { [listName]: items };
	if (requireTotalCount || (bareShowsTotalCount && context.options.userEnvelope === 'bare')) {
		list.totalCount = totalCount;
	}
	return json(200, context.options.userEnvelope === 'wrapped' ? wrapped(list) : list);
}

// ----- authentication -----

const createSession: Handler = (request, { options, store, tokens, stats }) => {
	const { username, password } = bodyObject(request) ?? {};
	const valid =
		typeof username === 'string' &&
		typeof password === 'string' &&
		((username === options.username && password === options.password) ||
			store.isValidUserPassword(username, password));
	if (!valid) {
		stats.failedLogins += 1;
		// Real BigID answers a failed login with HTTP 200: only the body tells.
		return json(200, { success: false, message: LOGIN_FAILED });
	}
	stats.logins += 1;
	const user = store.findUserByName(username);
	// A real login moves the user's updated_at: change detection must not trust the timestamp.
	if (user) store.touchLogin(user.id);
	return json(200, { auth_token: tokens.issue(username, 'session'), systemUser: username });
};

const exchangeApiToken: Handler = (request, { options, tokens, stats }) => {
	const { token } = tokens.extractToken(request.headers.authorization);
	if (token !== options.apiToken) {
		stats.rejectedAuth += 1;
		return json(401, { success: false, message: 'Invalid or expired user token' });
	}
	stats.tokenExchanges += 1;
	return json(200, { success: true, systemToken: tokens.issue(options.username, 'system') });
};

// ----- users and roles -----

function findUser(
	store: SandboxStore,
	id: string,
): { user: SandboxUser; failure?: undefined } | { user?: undefined; failure: ApiResponse } {
	if (!isObjectId(id)) return { failure: errorResponse(400, 'User ID is invalid') };
	const user = store.getUser(id);
	return user ? { user } : { failure: errorResponse(404, `User ${id} was not found`) };
}

/** The checks POST and PUT share; undefined when the fields are acceptable. */
function invalidUserFields(
	{ store, options }: SandboxContext,
	fields: Record<string, unknown>,
	userId?: string,
): ApiResponse | undefined {
	if (typeof fields.password === 'string' && fields.password.length < options.passwordMinLength) {
		return errorResponse(
			400,
			`"password" with value "${fields.password}" fails to match the required pattern: at least ${options.passwordMinLength} characters`,
		);
	}
	if ('name' in fields && (typeof fields.name !== 'string' || fields.name === '')) {
		return errorResponse(400, 'Missing required field: name');
	}
	if (typeof fields.name === 'string') {
		const holder = store.findUserByName(fields.name);
		if (holder && holder.id !== userId) {
			return errorResponse(409, `User ${fields.name} already exists`);
		}
	}
	if ('role' in fields && !store.findRoleByName(String(fields.role))) {
		return errorResponse(400, `Role '${String(fields.role)}' does not exist`);
	}
	if ('isEnabled' in fields && typeof fields.isEnabled !== 'boolean') {
		return errorResponse(400, 'isEnabled must be a boolean');
	}
	return undefined;
}

const listUsers: Handler = (request, context) => {
	const query = paging(request, context);
	const { users } = context.store;
	return userEnvelope(context, 'users', page(users, query), users.length, query, true);
};

/** A user as answered, with the blank secret fields of real records when the option asks for them. */
function userAnswer(user: SandboxUser, { options }: SandboxContext): Record<string, unknown> {
	return options.blankSecretFields ? { ...user, password: '', token: '' } : user;
}

const getUser: Handler = (request, context) => {
	const { user, failure } = findUser(context.store, request.params.id);
	return failure ?? json(200, userAnswer(user, context));
};

const createUser: Handler = (request, context) => {
	const { store } = context;
	const fields = bodyObject(request);
	if (!fields) return errorResponse(400, NOT_AN_OBJECT);
	for (const required of ['name', 'email']) {
		if (typeof fields[required] !== 'string' || fields[required] === '') {
			return errorResponse(400, `Missing required field: ${required}`);
		}
	}
	if (fields.origin === 'saml') {
		return errorResponse(
			400,
			'SAML users cannot be created through the API; provision them through the identity provider',
		);
	}
	if (typeof fields.role !== 'string' || fields.role === '') {
		return errorResponse(400, 'Missing required field: role');
	}
	const invalid = invalidUserFields(context, fields);
	if (invalid) return invalid;
	if (typeof fields.password !== 'string' || fields.password === '') {
		return errorResponse(400, 'Missing required field: password');
	}
	return json(201, store.createUser({ ...fields, origin: 'local' }));
};

const updateUser: Handler = (request, context) => {
	const { store, options } = context;
	const { user, failure } = findUser(store, request.params.id);
	if (failure) return failure;
	const fields = bodyObject(request);
	if (!fields) return errorResponse(400, NOT_AN_OBJECT);
	const invalid = invalidUserFields(context, fields, user.id);
	if (invalid) return invalid;
	const updated =
		options.putSemantics === 'replace'
			? store.replaceUser(user.id, fields)
			: store.updateUser(user.id, fields);
	return json(200, updated);
};

const deleteUser: Handler = (request, { store }) => {
	const { user, failure } = findUser(store, request.params.id);
	if (failure) return failure;
	store.deleteUser(user.id);
	return json(200, { message: 'User deleted successfully' });
};

/**
 * The real deployments' shape: wrapped, `roleIds` instead of `role`, snake_case timestamps, and
 * `id` holding the login name (only `_id` is the ObjectId), as recorded from BigID's sandbox.
 */
const listAccessManagementUsers: Handler = (request, context) => {
	const query = paging(request, context);
	const { store } = context;
	const users = page(store.users, query).map((user) => {
		const { id, role, createdAt, updatedAt, ...fields } = userAnswer(user, context);
		const roleId = typeof role === 'string' ? store.findRoleByName(role)?._id : undefined;
		return {
			...fields,
			id: fields.name,
			roleIds: roleId ? [roleId] : [],
			created_at: createdAt,
			updated_at: updatedAt,
		};
	});
	return json(200, wrapped({ users, totalCount: store.users.length }));
};

const listRoles: Handler = (request, context) => {
	const query = paging(request, context);
	const { roles } = context.store;
	return userEnvelope(context, 'roles', page(roles, query), roles.length, query, false);
};

const getRole: Handler = (request, { store }) => {
	const { id } = request.params;
	if (!isObjectId(id)) return errorResponse(400, 'Role ID is invalid');
	const role = store.getRole(id);
	return role ? json(200, role) : errorResponse(404, `Role ${id} was not found`);
};

// ----- data sources -----

const listDataSources: Handler = (request, context) => {
	const filter = parseFilter(request.query.get('filter'));
	const sort = parseSort(request.query.get('sort'));
	let sources = context.store.dataSources;
	if (filter) sources = sources.filter((source) => matchesFilter(source, filter));
	if (sort) sources = sortItems(sources, sort);
	const query = paging(request, context);
	return json(200, wrapped({ ds_connections: page(sources, query), totalCount: sources.length }));
};

const getDataSource: Handler = (request, { store }) => {
	const { idOrName } = request.params;
	const source = store.getDataSource(idOrName);
	return source
		? json(200, wrapped({ ds_connection: source }))
		: errorResponse(404, `Data source ${idOrName} was not found`);
};

// ----- scan profiles -----

function findScanProfile(
	store: SandboxStore,
	id: string,
):
	| { profile: SandboxScanProfile; failure?: undefined }
	| { profile?: undefined; failure: ApiResponse } {
	if (!isObjectId(id)) return { failure: errorResponse(400, 'Scan profile ID is invalid') };
	const profile = store.getScanProfile(id);
	return profile
		? { profile }
		: { failure: errorResponse(404, `Scan profile ${id} was not found`) };
}

/** A profile must name existing data sources by _id and be either one-time or scheduled. */
function invalidScanProfile(
	store: SandboxStore,
	fields: Record<string, unknown>,
	profileId?: string,
): ApiResponse | undefined {
	if (typeof fields.name !== 'string' || fields.name === '') {
		return errorResponse(400, 'Missing required field: name');
	}
	const holder = store.findScanProfileByName(fields.name);
	if (holder && holder._id !== profileId) {
		return errorResponse(409, `Scan profile ${fields.name} already exists`);
	}
	const { dataSourceList } = fields;
	if (!Array.isArray(dataSourceList) || dataSourceList.length === 0) {
		return errorResponse(400, 'dataSourceList must be a non-empty array of data source ids');
	}
	for (const sourceId of dataSourceList) {
		if (!store.dataSources.some((source) => source._id === sourceId)) {
			return errorResponse(400, `Data source ${String(sourceId)} was not found`);
		}
	}
	if (typeof fields.scanTemplateId !== 'string' || fields.scanTemplateId === '') {
		return errorResponse(400, 'Missing required field: scanTemplateId');
	}
	const isSingleRun = fields.isSingleRunScan === true;
	const hasSchedule = fields.schedule !== undefined && fields.schedule !== null;
	if (isSingleRun === hasSchedule) {
		return errorResponse(
			400,
			'A scan profile needs exactly one of isSingleRunScan: true or schedule {cronExpression, timeZone}',
		);
	}
	if (hasSchedule) {
		const schedule = fields.schedule as Record<string, unknown>;
		if (typeof schedule.cronExpression !== 'string' || typeof schedule.timeZone !== 'string') {
			return errorResponse(400, 'schedule needs cronExpression and timeZone');
		}
	}
	return undefined;
}

const createScanProfile: Handler = (request, { store }) => {
	const fields = bodyObject(request);
	if (!fields) return errorResponse(400, NOT_AN_OBJECT);
	const invalid = invalidScanProfile(store, fields);
	if (invalid) return invalid;
	const profile = store.createScanProfile(fields);
	// BigID queues a one-time profile's scan as soon as the profile exists.
	if (profile.isSingleRunScan === true) {
		store.startScan(profile._id, { type: 'dsScan', scanOrigin: 'scanProfile' });
	}
	return json(201, profile);
};

const getScanProfile: Handler = (request, { store }) => {
	const { profile, failure } = findScanProfile(store, request.params.id);
	return failure ?? json(200, profile);
};

const listScanProfiles: Handler = (request, context) => {
	const query = paging(request, context);
	const { scanProfiles } = context.store;
	return json(200, { scanProfiles: page(scanProfiles, query), totalCount: scanProfiles.length });
};

const updateScanProfile: Handler = (request, { store }) => {
	const { profile, failure } = findScanProfile(store, request.params.id);
	if (failure) return failure;
	const changes = bodyObject(request);
	if (!changes) return errorResponse(400, NOT_AN_OBJECT);
	const invalid = invalidScanProfile(store, { ...profile, ...changes }, profile._id);
	if (invalid) return invalid;
	return json(200, store.updateScanProfile(profile._id, changes));
};

const deleteScanProfile: Handler = (request, { store }) => {
	const { profile, failure } = findScanProfile(store, request.params.id);
	if (failure) return failure;
	store.deleteScanProfile(profile._id);
	return json(200, { message: 'Scan profile deleted successfully' });
};

// ----- scans -----

/** Accepts the seed's `{scanProfileId}` and real clients' `{scanType, scanProfileName, scanOrigin}`. */
const startScan: Handler = (request, { store }) => {
	const fields = bodyObject(request);
	if (!fields) return errorResponse(400, NOT_AN_OBJECT);
	const { scanProfileId, scanProfileName, scanType, scanOrigin } = fields;
	if (scanType !== undefined && !SCAN_TYPES.includes(scanType as (typeof SCAN_TYPES)[number])) {
		return errorResponse(
			400,
			`Invalid scanType '${String(scanType)}', expected one of ${SCAN_TYPES.join(', ')}`,
		);
	}
	const reference = scanProfileId ?? scanProfileName;
	if (typeof reference !== 'string' || reference === '') {
		return errorResponse(400, 'Missing required field: scanProfileId or scanProfileName');
	}
	const profile =
		scanProfileId !== undefined
			? store.getScanProfile(reference)
			: store.findScanProfileByName(reference);
	if (!profile) return errorResponse(404, `Scan profile ${reference} was not found`);
	const scan = store.startScan(profile._id, {
		type: typeof scanType === 'string' ? scanType : 'dsScan',
		scanOrigin: typeof scanOrigin === 'string' ? scanOrigin : undefined,
	});
	const scanId = scan?._id;
	return json(202, { ...wrapped({ scanId }, 202), message: 'Scan started', scanId });
};

const listScans: Handler = (request, context) => {
	const query = paging(request, context);
	const executions = context.store.scanExecutions;
	return json(200, { scans: page(executions, query), totalCount: executions.length });
};

const listParentScans: Handler = (request, context) => {
	const sort = parseSort(request.query.get('sort')) ?? [{ field: 'updated_at', descending: true }];
	const filter = parseFilter(request.query.get('filter'));
	const scans = context.store.queryParentScans(sort, filter);
	const query = paging(request, context);
	return json(200, wrapped({ scanParents: page(scans, query), totalCount: scans.length }));
};

function findScan(
	store: SandboxStore,
	id: string,
): { scan: ScanExecution; failure?: undefined } | { scan?: undefined; failure: ApiResponse } {
	if (!isObjectId(id)) return { failure: errorResponse(400, 'Scan ID is invalid') };
	const scan = store.getScan(id);
	return scan ? { scan } : { failure: errorResponse(404, `Scan ${id} was not found`) };
}

const getScanStatus: Handler = (request, { store }) => {
	const { scan, failure } = findScan(store, request.params.id);
	return failure ?? json(200, { status: scan.state, progress: scan.progress });
};

const getScan: Handler = (request, { store }) => {
	const { scan, failure } = findScan(store, request.params.id);
	return failure ?? json(200, scan);
};

/** The BigID API. The scan profile list, update and delete paths are unconfirmed, hence optional. */
export function buildApiRoutes(
	scanProfileCrud: boolean,
	dataSourceLookup = true,
): RouteDefinition[] {
	const write = { isWrite: true };
	return [
		route('POST', '/sessions', createSession, { requiresAuth: false }),
		route('GET', '/refresh-access-token', exchangeApiToken, { requiresAuth: false }),
		route('GET', '/users', listUsers),
		route('POST', '/users', createUser, write),
		route('GET', '/users/:id', getUser),
		route('PUT', '/users/:id', updateUser, write),
		route('DELETE', '/users/:id', deleteUser, write),
		route('GET', '/access-management/users', listAccessManagementUsers),
		route('GET', '/roles', listRoles),
		route('GET', '/roles/:id', getRole),
		route('GET', '/ds-connections', listDataSources),
		...(dataSourceLookup ? [route('GET', '/ds-connections/:idOrName', getDataSource)] : []),
		route('POST', '/scanProfiles', createScanProfile, write),
		route('GET', '/scanProfiles/:id', getScanProfile),
		...(scanProfileCrud
			? [
					route('GET', '/scanProfiles', listScanProfiles),
					route('PUT', '/scanProfiles/:id', updateScanProfile, write),
					route('DELETE', '/scanProfiles/:id', deleteScanProfile, write),
				]
			: []),
		route('POST', '/scans', startScan, write),
		route('GET', '/scans', listScans),
		route('GET', '/scans/parent-scans', listParentScans),
		route('GET', '/scans/:id/status', getScanStatus),
		route('GET', '/scans/:id', getScan),
	];
}
