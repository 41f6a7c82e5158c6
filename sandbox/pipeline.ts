import type { ApiResponse, SandboxContext } from './context';
import { increment } from './counters';
import { auditRequest } from './entities/auditLog/recorder';
import { errorResponse, json } from './envelopes';
import { cannedFaultResponse, type FaultDecision } from './faults';
import { JSON_CONTENT_TYPE, send, toApiRequest, type Exchange } from './http';
import { QueryError } from './query';
import type { RouteMatch, Router } from './router';

/** The parts of a running sandbox that tests may set, read by every API request. */
export interface RequestHooks {
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
	/**
	 * How latency and delay faults are waited out: real timers that close() ends. A test may
	 * replace it to see each wait and decide when it ends, instead of timing answers.
	 */
	wait(ms: number): Promise<void>;
}

export interface ApiPipeline {
	router: Router;
	context: SandboxContext;
	hooks: RequestHooks;
	/** application/json, or text/html when the sandbox plays a proxy that mislabels JSON. */
	jsonContentType: string;
}

export const SERVER_ERROR = json(500, { status: 'error', message: 'Server error', errors: [{}] });
const UNAUTHORIZED: ApiResponse = {
	status: 401,
	text: 'Unauthorized',
	contentType: 'text/plain; charset=utf-8',
};

/** Counts, faults, authenticates, routes and answers one /api/v1 request. */
export async function handleApiRequest(pipeline: ApiPipeline, exchange: Exchange): Promise<void> {
	const { router, context, hooks, jsonContentType } = pipeline;
	const { stats, faults } = context;
	const { request, response, url } = exchange;
	const method = request.method ?? 'GET';
	const match = router.match(method, url.pathname);
	const routeKey = match ? match.route.key : `${method} *`;
	stats.requests += 1;
	increment(stats.byRoute, routeKey);
	if (!match) {
		send(response, errorResponse(404, `Cannot ${method} ${url.pathname}`), jsonContentType);
		return;
	}
	const fault = faults.decide(routeKey);
	if (fault) increment(stats.faults, fault.kind);
	const latencyMs = faults.latencyFor(routeKey);
	if (latencyMs > 0) await hooks.wait(latencyMs);
	if (await faultAnswered(pipeline, exchange, fault, 'beforeHandling')) return;
	hooks.beforeHandling?.(routeKey, stats.byRoute[routeKey]);
	const handled = runRoute(match, exchange, context);
	const answer = hooks.transformAnswer?.(routeKey, handled, url.searchParams) ?? handled;
	// A fault after handling loses the answer to a write that happened: why blind retries are unsafe.
	if (await faultAnswered(pipeline, exchange, fault, 'afterHandling')) return;
	send(response, answer, jsonContentType);
}

/** Auth check, body parsing, the route's handler, and the write counter. */
function runRoute(match: RouteMatch, exchange: Exchange, context: SandboxContext): ApiResponse {
	const { definition, key } = match.route;
	const { tokens, faults, stats } = context;
	let revokeAfterward = false;
	let subject: string | undefined;
	if (definition.requiresAuth) {
		const auth = tokens.authenticate(exchange.request.headers.authorization);
		if (!auth.ok) {
			stats.rejectedAuth += 1;
			return UNAUTHORIZED;
		}
		subject = auth.subject;
		revokeAfterward = faults.countAuthenticatedRequest();
	}
	const parsed = toApiRequest(exchange, match.params);
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
	auditRequest(context, {
		routeKey: key,
		isWrite: definition.isWrite,
		exchange,
		request: parsed.apiRequest,
		answer,
		subject,
	});
	// Revoked after answering, so the Nth request succeeds and the next one meets a 401.
	if (revokeAfterward) tokens.revokeAll();
	return answer;
}

/**
 * Applies the fault if it belongs to this moment of the request: a delay waits, any other
 * fault drops the connection or sends its canned answer. True when the fault answered.
 */
async function faultAnswered(
	{ context, hooks }: ApiPipeline,
	{ request, response }: Exchange,
	fault: FaultDecision | undefined,
	moment: 'beforeHandling' | 'afterHandling',
): Promise<boolean> {
	if (!fault || fault.afterHandling !== (moment === 'afterHandling')) return false;
	if (fault.kind === 'delay') {
		await hooks.wait(fault.delayMs);
		return false;
	}
	if (fault.kind === 'drop') {
		request.socket.destroy();
		return true;
	}
	const canned = cannedFaultResponse(fault.kind, context.faults.retryAfterSeconds);
	const answer = { status: canned.status, text: canned.body, contentType: canned.contentType };
	send(response, answer, canned.contentType, canned.headers);
	return true;
}

/** /__sandbox/ requests: no auth, no counting, no faults. */
export function handleControlRequest(
	router: Router,
	context: SandboxContext,
	exchange: Exchange,
): void {
	const { request, response, url } = exchange;
	const method = request.method ?? 'GET';
	const match = router.match(method, url.pathname);
	if (!match) {
		send(response, errorResponse(404, `Cannot ${method} ${url.pathname}`), JSON_CONTENT_TYPE);
		return;
	}
	const parsed = toApiRequest(exchange, match.params);
	send(
		response,
		parsed.failure ?? match.route.definition.handle(parsed.apiRequest, context),
		JSON_CONTENT_TYPE,
	);
}
