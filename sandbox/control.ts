import { bodyObject, type ApiResponse, type RouteDefinition, type SandboxContext } from './context';
import { errorResponse, json } from './envelopes';
import type { FaultConfig, FaultInjection } from './faults';
import type { FinishedParentScanInput } from './store';

/**
 * Test-only routes under /__sandbox/: no auth, not counted in stats, never faulted. They let a
 * process outside the test (a real n8n instance) change data, set faults and read stats.
 */
export const CONTROL_PREFIX = '/__sandbox';

type Handler = (
	body: Record<string, unknown>,
	params: Record<string, string>,
	context: SandboxContext,
) => ApiResponse;

const control = (method: string, path: string, handle: Handler): RouteDefinition => ({
	method,
	pattern: CONTROL_PREFIX + path,
	requiresAuth: false,
	isWrite: false,
	handle: (request, context) => {
		const body = bodyObject(request) ?? {};
		try {
			return handle(body, request.params, context);
		} catch (error) {
			// Store and fault validation errors are the caller's mistake, so they answer 400.
			return errorResponse(400, (error as Error).message);
		}
	},
});

/**
 * The service account's password rotated in BigID (its login user, also listed among the users):
 * logins with the old one fail from now on; sessions already issued live on until they expire.
 */
export function changeServiceAccountPassword(context: SandboxContext, password: string): void {
	context.options.password = password;
	context.store.setUserPassword(context.options.username, password);
}

const userNotFound = (id: string) => errorResponse(404, `User ${id} was not found`);

export const CONTROL_ROUTES: RouteDefinition[] = [
	control('GET', '/stats', (_body, _params, { stats }) => json(200, stats)),
	control('POST', '/reset-stats', (_body, _params, context) => {
		context.resetStats();
		return json(200, context.stats);
	}),
	control('POST', '/faults', (body, _params, { faults }) => {
		faults.configure(body as FaultConfig);
		return json(200, { config: faults.currentConfig });
	}),
	control('POST', '/faults/inject', (body, _params, { faults }) => {
		const injections = Array.isArray(body.injections) ? body.injections : [body];
		for (const injection of injections) faults.inject(injection as FaultInjection);
		return json(200, { pendingInjections: faults.pendingInjections });
	}),
	control('DELETE', '/faults', (_body, _params, { faults }) => {
		faults.clear();
		return json(200, { config: faults.currentConfig });
	}),
	control('POST', '/revoke-tokens', (_body, _params, { tokens }) => {
		tokens.revokeAll();
		return json(200, { revoked: true });
	}),
	control('POST', '/service-account/password', (body, _params, context) => {
		if (typeof body.password !== 'string') {
			return errorResponse(400, 'Missing required field: password');
		}
		changeServiceAccountPassword(context, body.password);
		return json(200, { changed: true });
	}),
	control('POST', '/clock', (body, _params, { store }) => {
		store.advanceClock(Number(body.advanceMs));
		return json(200, { now: new Date(store.now()).toISOString() });
	}),
	control('POST', '/users', (body, _params, { store }) => json(201, store.createUser(body))),
	control('PATCH', '/users/:id', (body, { id }, { store }) => {
		const user = store.updateUser(id, body);
		return user ? json(200, user) : userNotFound(id);
	}),
	control('DELETE', '/users/:id', (_body, { id }, { store }) =>
		store.deleteUser(id) ? json(200, { message: 'User deleted successfully' }) : userNotFound(id),
	),
	control('POST', '/users/:id/login', (_body, { id }, { store }) => {
		const user = store.touchLogin(id);
		return user ? json(200, user) : userNotFound(id);
	}),
	control('POST', '/scans/finished', (body, _params, { store }) =>
		json(201, store.createFinishedParentScan(body as FinishedParentScanInput)),
	),
	control('POST', '/scans/:id/state', (body, { id }, { store }) => {
		if (typeof body.state !== 'string') return errorResponse(400, 'Missing required field: state');
		const progress = typeof body.progress === 'number' ? body.progress : undefined;
		const scan = store.setScanState(id, body.state, progress);
		return scan ? json(200, scan) : errorResponse(404, `Scan ${id} was not found`);
	}),
	{
		// Any JSON, arrays too: this stands in for the ticketing system a workflow would call.
		method: 'POST',
		pattern: `${CONTROL_PREFIX}/tickets`,
		requiresAuth: false,
		isWrite: false,
		handle: (request, { tickets, store }) => {
			const receivedAt = new Date(store.now()).toISOString();
			const ticket = { id: tickets.length + 1, receivedAt, body: request.body };
			tickets.push(ticket);
			return json(201, ticket);
		},
	},
	control('GET', '/tickets', (_body, _params, { tickets }) => json(200, { tickets })),
];
