import type { ApiRequest, ApiResponse, SandboxContext } from '../../context';
import type { Exchange } from '../../http';
import { auditLogApi } from './routes';

export interface HandledRequest {
	/** `METHOD /api/v1/pattern`. */
	routeKey: string;
	isWrite: boolean;
	exchange: Exchange;
	request: ApiRequest;
	answer: ApiResponse;
	/** Who the token belongs to; undefined for requests without auth. */
	subject: string | undefined;
}

const ACTIONS: Record<string, string> = {
	'POST /sessions': 'login',
	'POST /users': 'create_user',
	'PUT /users/:id': 'update_user',
	'DELETE /users/:id': 'delete_user',
	'POST /scans': 'start_scan',
	'POST /ds-connections/:name/scan': 'scan_data_source',
	'POST /scanProfiles': 'create_scan_profile',
	'PUT /scanProfiles/:id': 'update_scan_profile',
	'DELETE /scanProfiles/:id': 'delete_scan_profile',
	'POST /sar/reports': 'submit_dsar',
};

/** `PATCH /actionable-insights/case-status/:caseId` becomes `patch_actionable-insights_case-status`. */
function actionOf(method: string, pattern: string): string {
	return (
		ACTIONS[`${method} ${pattern}`] ??
		[
			method.toLowerCase(),
			...pattern.split('/').filter((part) => part && !part.startsWith(':')),
		].join('_')
	);
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * What BigID audits: logins (failed ones too) and every write that succeeded. Reads are not
 * audited, so a client polling the log does not fill it.
 */
export function auditRequest(context: SandboxContext, handled: HandledRequest): void {
	const { routeKey, isWrite, exchange, request, answer, subject } = handled;
	const [method, path] = routeKey.split(' ');
	const pattern = path.replace(/^\/api\/v1/, '');
	const succeeded = answer.status >= 200 && answer.status < 300;
	const body = (request.body ?? {}) as Record<string, unknown>;
	let action = actionOf(method, pattern);
	let user = subject ?? '';
	if (pattern === '/sessions' && method === 'POST') {
		const refused =
			!succeeded || ('json' in answer && (answer.json as { success?: unknown }).success === false);
		action = refused ? 'login_failed' : 'login';
		user = textOf(body.username);
	} else if (!isWrite || !succeeded) {
		return;
	}
	const resource = Object.values(request.params)[0] ?? textOf(body.name);
	context.store.model(auditLogApi).record({
		user: user || '-',
		ip: exchange.request.socket.remoteAddress ?? '-',
		action,
		endpoint: exchange.url.pathname,
		resource: resource || (pattern === '/sessions' ? user : '-'),
		userAgent: textOf(exchange.request.headers['user-agent']) || '-',
	});
}
