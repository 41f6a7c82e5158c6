import http from 'http';
import https from 'https';
import type { AddressInfo } from 'net';
import { TokenRegistry } from './auth';
import {
	DEFAULT_OPTIONS,
	errorResponse,
	json,
	type ApiRequest,
	type ApiResponse,
	type ResolvedSandboxOptions,
	type RouteDefinition,
	type SandboxContext,
	type SandboxOptions,
	type SandboxStats,
	type SandboxTicket,
} from './context';
import { CONTROL_PREFIX, CONTROL_ROUTES } from './control';
import { cannedFaultResponse, FaultController, type FaultDecision } from './faults';
import { QueryError } from './query';
import { buildApiRoutes } from './routes';
import { SandboxStore } from './store';

export interface Sandbox {
	/** `http://127.0.0.1:PORT`, without /api/v1. */
	url: string;
	/** The options in effect, `port` being the one actually bound. */
	options: ResolvedSandboxOptions;
	store: SandboxStore;
	stats: SandboxStats;
	resetStats(): void;
	faults: FaultController;
	/** Bodies received by POST /__sandbox/tickets. */
	tickets: readonly SandboxTicket[];
	/** Every issued session and system token stops working. */
	revokeAllTokens(): void;
	/**
	 * Called before an API request is handled, with its route key and how many requests that
	 * route has seen: tests change the data here to model what happens between two pages.
	 */
	beforeHandling?: (routeKey: string, routeCount: number) => void;
	/**
	 * Called with each answer a route handler gave (not with faults), before it is sent: tests
	 * reshape answers here to model a BigID that lies (a wrong totalCount, a repeated page).
	 */
	transformAnswer?: (routeKey: string, answer: ApiResponse, query: URLSearchParams) => ApiResponse;
	/** Every session and system token issued so far, revoked ones included. */
	readonly issuedTokens: readonly string[];
	close(): Promise<void>;
}

/** Without these two no client could ever get a token, so random faults spare them by default. */
const AUTH_ROUTE_KEYS = ['POST /api/v1/sessions', 'GET /api/v1/refresh-access-token'];
const SERVER_ERROR = json(500, { status: 'error', message: 'Server error', errors: [{}] });
const UNAUTHORIZED: ApiResponse = {
	status: 401,
	text: 'Unauthorized',
	contentType: 'text/plain; charset=utf-8',
};

interface CompiledRoute {
	definition: RouteDefinition;
	key: string;
	segments: string[];
}

interface RouteMatch {
	route: CompiledRoute;
	params: Record<string, string>;
}

function compileRoutes(definitions: RouteDefinition[]): CompiledRoute[] {
	return definitions.map((definition) => ({
		definition,
		key: `${definition.method} ${definition.pattern}`,
		segments: definition.pattern.split('/'),
	}));
}

/** First match wins, so literal paths such as /scans/parent-scans are listed before /scans/:id. */
function matchRoute(routes: CompiledRoute[], method: string, path: string): RouteMatch | undefined {
	const segments = path.split('/');
	for (const route of routes) {
		if (route.definition.method !== method || route.segments.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const matches = route.segments.every((segment, index) => {
			if (segment.startsWith(':')) {
				params[segment.slice(1)] = decodeURIComponent(segments[index]);
				return segments[index] !== '';
			}
			return segment === segments[index];
		});
		if (matches) return { route, params };
	}
	return undefined;
}

function emptyStats(): SandboxStats {
	return {
		requests: 0,
		byRoute: {},
		logins: 0,
		failedLogins: 0,
		tokenExchanges: 0,
		rejectedAuth: 0,
		writes: {},
		faults: {},
	};
}

function resolveOptions(options: SandboxOptions): ResolvedSandboxOptions {
	const given = Object.fromEntries(
		Object.entries(options).filter(([, value]) => value !== undefined),
	) as SandboxOptions;
	return { ...DEFAULT_OPTIONS, ...given };
}

const increment = (counts: Record<string, number>, key: string) => {
	counts[key] = (counts[key] ?? 0) + 1;
};

function readBody(request: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function send(
	response: http.ServerResponse,
	answer: ApiResponse,
	jsonContentType: string,
	extraHeaders: Record<string, string> = {},
): void {
	// The client may have gone away during a delay; there is nobody left to answer.
	if (response.destroyed || response.writableEnded) return;
	const body = 'json' in answer ? JSON.stringify(answer.json) : answer.text;
	response.writeHead(answer.status, {
		'content-type': 'json' in answer ? jsonContentType : answer.contentType,
		'content-length': Buffer.byteLength(body),
		...extraHeaders,
	});
	response.end(body);
}

/** The handler's view of a request, or the 400 that an unparseable JSON body earns. */
function toApiRequest(
	request: http.IncomingMessage,
	rawBody: string,
	url: URL,
	params: Record<string, string>,
): { apiRequest: ApiRequest; failure?: undefined } | { failure: ApiResponse } {
	let body: unknown = {};
	if (rawBody.trim() !== '') {
		try {
			body = JSON.parse(rawBody);
		} catch {
			return { failure: errorResponse(400, 'Invalid JSON body') };
		}
	}
	const apiRequest: ApiRequest = {
		params,
		query: url.searchParams,
		body,
		headers: request.headers,
	};
	return { apiRequest };
}

/** Starts a BigID sandbox on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const resolved = resolveOptions(options);
	const store = new SandboxStore({
		seed: resolved.seed,
		users: resolved.users,
		dataSources: resolved.dataSources,
		parentScans: resolved.parentScans,
		scanDurationMs: resolved.scanDurationMs,
		adminUsername: resolved.username,
		adminPassword: resolved.password,
	});
	const tokens = new TokenRegistry({
		ttlMs: resolved.tokenTtlMs,
		maxUses: resolved.tokenMaxUses,
		authHeader: resolved.authHeader,
		now: () => store.now(),
	});
	const faults = new FaultController(resolved.seed, AUTH_ROUTE_KEYS);
	const stats = emptyStats();
	const tickets: SandboxTicket[] = [];
	const context: SandboxContext = {
		options: resolved,
		store,
		tokens,
		faults,
		stats,
		tickets,
		resetStats: () => Object.assign(stats, emptyStats()),
	};
	const apiRoutes = compileRoutes(
		buildApiRoutes(resolved.scanProfileCrud, resolved.dataSourceLookup),
	);
	const controlRoutes = compileRoutes(CONTROL_ROUTES);
	const apiJsonType = resolved.jsonAsHtml
		? 'text/html; charset=utf-8'
		: 'application/json; charset=utf-8';

	/** Delays end early on close() so no request keeps the process alive. */
	const pendingDelays = new Set<() => void>();
	const delay = (ms: number) =>
		new Promise<void>((resolve) => {
			const finish = () => {
				clearTimeout(timer);
				pendingDelays.delete(finish);
				resolve();
			};
			const timer = setTimeout(finish, ms);
			pendingDelays.add(finish);
		});

	function runRoute(
		match: RouteMatch,
		request: http.IncomingMessage,
		rawBody: string,
		url: URL,
	): ApiResponse {
		const { definition, key } = match.route;
		let revokeAfterward = false;
		if (definition.requiresAuth) {
			const auth = tokens.authenticate(request.headers.authorization);
			if (!auth.ok) {
				stats.rejectedAuth += 1;
				return UNAUTHORIZED;
			}
			revokeAfterward = faults.countAuthenticatedRequest();
		}
		const parsed = toApiRequest(request, rawBody, url, match.params);
		if (parsed.failure) return parsed.failure;
		let answer: ApiResponse;
		try {
			answer = definition.handle(parsed.apiRequest, context);
		} catch (error) {
			answer = error instanceof QueryError ? errorResponse(400, error.message) : SERVER_ERROR;
		}
		if (definition.isWrite && answer.status >= 200 && answer.status < 300) {
			increment(stats.writes, key);
		}
		// Revoked after answering, so the Nth request succeeds and the next one meets a 401.
		if (revokeAfterward) tokens.revokeAll();
		return answer;
	}

	function answerWithFault(
		request: http.IncomingMessage,
		response: http.ServerResponse,
		kind: Exclude<FaultDecision['kind'], 'delay'>,
	): void {
		if (kind === 'drop') {
			request.socket.destroy();
			return;
		}
		const canned = cannedFaultResponse(kind, faults.retryAfterSeconds);
		send(
			response,
			{ status: canned.status, text: canned.body, contentType: canned.contentType },
			canned.contentType,
			canned.headers,
		);
	}

	async function handleApiRequest(
		request: http.IncomingMessage,
		response: http.ServerResponse,
		rawBody: string,
		url: URL,
	): Promise<void> {
		const method = request.method ?? 'GET';
		const match = matchRoute(apiRoutes, method, url.pathname);
		const routeKey = match ? match.route.key : `${method} *`;
		stats.requests += 1;
		increment(stats.byRoute, routeKey);
		if (!match) {
			send(response, errorResponse(404, `Cannot ${method} ${url.pathname}`), apiJsonType);
			return;
		}
		const fault = faults.decide(routeKey);
		if (fault) increment(stats.faults, fault.kind);
		const latencyMs = faults.latencyFor(routeKey);
		if (latencyMs > 0) await delay(latencyMs);
		if (fault?.kind === 'delay' && !fault.afterHandling) await delay(fault.delayMs);
		if (fault && fault.kind !== 'delay' && !fault.afterHandling) {
			answerWithFault(request, response, fault.kind);
			return;
		}
		sandbox.beforeHandling?.(routeKey, stats.byRoute[routeKey]);
		const handled = runRoute(match, request, rawBody, url);
		const answer = sandbox.transformAnswer?.(routeKey, handled, url.searchParams) ?? handled;
		if (fault?.kind === 'delay' && fault.afterHandling) await delay(fault.delayMs);
		if (fault && fault.kind !== 'delay' && fault.afterHandling) {
			// The write happened but its answer is lost: the case that makes blind retries unsafe.
			answerWithFault(request, response, fault.kind);
			return;
		}
		send(response, answer, apiJsonType);
	}

	function handleControlRequest(
		request: http.IncomingMessage,
		response: http.ServerResponse,
		rawBody: string,
		url: URL,
	): void {
		const method = request.method ?? 'GET';
		const match = matchRoute(controlRoutes, method, url.pathname);
		const jsonType = 'application/json; charset=utf-8';
		if (!match) {
			send(response, errorResponse(404, `Cannot ${method} ${url.pathname}`), jsonType);
			return;
		}
		const parsed = toApiRequest(request, rawBody, url, match.params);
		send(
			response,
			parsed.failure ?? match.route.definition.handle(parsed.apiRequest, context),
			jsonType,
		);
	}

	const listener: http.RequestListener = (request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		// Express matches with or without a trailing slash; so do clients' base URLs.
		if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
			url.pathname = url.pathname.slice(0, -1);
		}
		readBody(request)
			.then((rawBody) =>
				url.pathname.startsWith(`${CONTROL_PREFIX}/`)
					? handleControlRequest(request, response, rawBody, url)
					: handleApiRequest(request, response, rawBody, url),
			)
			.catch(() => send(response, SERVER_ERROR, 'application/json; charset=utf-8'));
	};
	const server = resolved.tls
		? https.createServer({ key: resolved.tls.key, cert: resolved.tls.cert }, listener)
		: http.createServer(listener);

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(resolved.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	resolved.port = port;

	let closing: Promise<void> | undefined;
	const sandbox: Sandbox = {
		url: `${resolved.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
		options: resolved,
		store,
		stats,
		resetStats: context.resetStats,
		faults,
		tickets,
		revokeAllTokens: () => tokens.revokeAll(),
		issuedTokens: tokens.issued,
		close: () => {
			closing ??= new Promise<void>((resolve, reject) => {
				for (const finish of pendingDelays) finish();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
			return closing;
		},
	};
	return sandbox;
}
