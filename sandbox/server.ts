import http from 'http';
import https from 'https';
import type { AddressInfo } from 'net';
import {
	DEFAULT_OPTIONS,
	type ResolvedSandboxOptions,
	type SandboxContext,
	type SandboxOptions,
	type SandboxTicket,
} from './context';
import { changeServiceAccountPassword, CONTROL_PREFIX, CONTROL_ROUTES } from './control';
import { emptyStats, type SandboxStats } from './counters';
import { TokenRegistry } from './entities/sessions/model';
import { FaultController } from './faults';
import { Delays, JSON_CONTENT_TYPE, readBody, requestUrl, send, type Exchange } from './http';
import { JIRA_PREFIX, JiraDouble } from './jira';
import {
	handleApiRequest,
	handleControlRequest,
	SERVER_ERROR,
	type ApiPipeline,
	type RequestHooks,
} from './pipeline';
import { Router } from './router';
import { buildApiRoutes } from './routes';
import { SandboxStore } from './store';

export interface Sandbox extends RequestHooks {
	/** `http://127.0.0.1:PORT`, without /api/v1. */
	url: string;
	/** The options in effect, `port` being the one actually bound. */
	options: ResolvedSandboxOptions;
	store: SandboxStore;
	stats: SandboxStats;
	resetStats(): void;
	faults: FaultController;
	/** The Jira Server double under /rest/: `url` is its domain, its demo login is JIRA_LOGIN. */
	jira: JiraDouble;
	/** Bodies received by POST /__sandbox/tickets. */
	tickets: readonly SandboxTicket[];
	/** Every issued session and system token stops working. */
	revokeAllTokens(): void;
	/** The service account's password rotated in BigID: logins with the old one fail. */
	changePassword(password: string): void;
	/** Every session and system token issued so far, revoked ones included. */
	readonly issuedTokens: readonly string[];
	close(): Promise<void>;
}

/** Without these two no client could ever get a token, so random faults spare them by default. */
const AUTH_ROUTE_KEYS = ['POST /api/v1/sessions', 'GET /api/v1/refresh-access-token'];

function resolveOptions(options: SandboxOptions): ResolvedSandboxOptions {
	const given = Object.fromEntries(
		Object.entries(options).filter(([, value]) => value !== undefined),
	) as SandboxOptions;
	return { ...DEFAULT_OPTIONS, ...given };
}

function createContext(options: ResolvedSandboxOptions): SandboxContext {
	const store = new SandboxStore({
		seed: options.seed,
		users: options.users,
		dataSources: options.dataSources,
		parentScans: options.parentScans,
		scanDurationMs: options.scanDurationMs,
		adminUsername: options.username,
		adminPassword: options.password,
		cases: options.cases,
	});
	const tokens = new TokenRegistry({
		ttlMs: options.tokenTtlMs,
		maxUses: options.tokenMaxUses,
		authHeader: options.authHeader,
		now: () => store.now(),
	});
	const stats = emptyStats();
	return {
		options,
		store,
		tokens,
		faults: new FaultController(options.seed, AUTH_ROUTE_KEYS),
		stats,
		tickets: [],
		resetStats: () => Object.assign(stats, emptyStats()),
	};
}

/** Starts a BigID sandbox on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const resolved = resolveOptions(options);
	const context = createContext(resolved);
	const delays = new Delays();
	let closing: Promise<void> | undefined;
	const jira = new JiraDouble(
		() => sandbox.url,
		() => context.store.now(),
	);
	const sandbox: Sandbox = {
		url: '',
		options: resolved,
		store: context.store,
		stats: context.stats,
		resetStats: context.resetStats,
		faults: context.faults,
		jira,
		tickets: context.tickets,
		revokeAllTokens: () => context.tokens.revokeAll(),
		changePassword: (password) => changeServiceAccountPassword(context, password),
		issuedTokens: context.tokens.issued,
		wait: (ms) => delays.wait(ms),
		close: () => {
			closing ??= new Promise<void>((resolve, reject) => {
				delays.endAll();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
			return closing;
		},
	};
	const pipeline: ApiPipeline = {
		router: new Router(buildApiRoutes(resolved)),
		context,
		hooks: sandbox,
		jsonContentType: resolved.jsonAsHtml ? 'text/html; charset=utf-8' : JSON_CONTENT_TYPE,
	};
	const controlRouter = new Router([...CONTROL_ROUTES, ...jira.controlRoutes(CONTROL_PREFIX)]);

	const listener: http.RequestListener = (request, response) => {
		const url = requestUrl(request);
		readBody(request)
			.then((rawBody) => {
				const exchange: Exchange = { request, response, rawBody, url };
				if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
					return handleControlRequest(controlRouter, context, exchange);
				}
				if (url.pathname.startsWith(`${JIRA_PREFIX}/`)) return jira.handle(exchange);
				return handleApiRequest(pipeline, exchange);
			})
			.catch(() => send(response, SERVER_ERROR, JSON_CONTENT_TYPE));
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
	sandbox.url = `${resolved.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
	return sandbox;
}
