/**
 * The Jira double: Jira Server's REST API under /rest/ on the sandbox's own server, so
 * `sandbox.url` is the Jira domain too. Tests drive it through `sandbox.jira`; `npm start` users
 * through /__sandbox/jira/ (see jiraControlRoutes).
 */
import type { ApiResponse, RouteDefinition } from '../context';
import { emptyStats, increment, type SandboxStats } from '../counters';
import { errorResponse, json } from '../envelopes';
import { JSON_CONTENT_TYPE, send, type Exchange } from '../http';
import { Router } from '../router';
import { JIRA_LOGIN, JiraError, JiraModel, type JiraIssue } from './model';
import { JiraPresenter } from './present';
import { JIRA_ROUTES, jiraError, type JiraRoute, type JiraRouteContext } from './routes';
import { WebhookDispatcher, type WebhookDelivery } from './webhooks';

export { JIRA_LOGIN, JiraError, JiraModel } from './model';
export type { JiraIssue, RegisteredWebhook } from './model';
export type { WebhookDelivery } from './webhooks';

export const JIRA_PREFIX = '/rest';

const NOT_AUTHENTICATED = [
	'You are not authenticated. Authentication required to perform this operation.',
];

export type JiraStats = Pick<SandboxStats, 'requests' | 'byRoute' | 'rejectedAuth' | 'writes'>;

function emptyJiraStats(): JiraStats {
	const { requests, byRoute, rejectedAuth, writes } = emptyStats();
	return { requests, byRoute, rejectedAuth, writes };
}

/** The login name of valid Basic credentials (e-mail or name), or undefined. */
function authenticate(header: string | undefined, model: JiraModel): string | undefined {
	const [scheme, encoded] = (header ?? '').split(' ');
	if (scheme?.toLowerCase() !== 'basic' || !encoded) return undefined;
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	const username = decoded.slice(0, separator);
	const password = decoded.slice(separator + 1);
	const admin = model.findUser(JIRA_LOGIN.username)!;
	const known = [admin.name, admin.emailAddress].includes(username);
	return known && password === JIRA_LOGIN.password ? admin.name : undefined;
}

export class JiraDouble {
	readonly model: JiraModel;
	readonly stats: JiraStats = emptyJiraStats();
	private readonly dispatcher: WebhookDispatcher;
	private readonly router = new Router(JIRA_ROUTES);
	private readonly context: JiraRouteContext;

	constructor(baseUrl: () => string, now: () => number) {
		this.model = new JiraModel(now);
		const present = new JiraPresenter(this.model, baseUrl);
		this.dispatcher = new WebhookDispatcher(this.model, present, now);
		this.context = { model: this.model, present, baseUrl };
	}

	get issues(): readonly JiraIssue[] {
		return this.model.issues;
	}

	get webhooks() {
		return this.model.webhooks;
	}

	get deliveries(): readonly WebhookDelivery[] {
		return this.dispatcher.deliveries;
	}

	/** The issues carrying this label. */
	issuesLabelled(label: string): JiraIssue[] {
		return this.model.issues.filter(({ labels }) => labels.includes(label));
	}

	/** As a person in Jira's UI: assign (optionally) and resolve; the webhooks are called. */
	resolveIssue(key: string, resolution = 'Done', assignee?: string): JiraIssue {
		return this.model.resolveIssue(key, resolution, assignee);
	}

	/** Resolves when every webhook call made so far has been answered or has failed. */
	settled(): Promise<void> {
		return this.dispatcher.settled();
	}

	resetStats(): void {
		Object.assign(this.stats, emptyJiraStats());
	}

	/** One /rest/ request: count, authenticate, route, answer. */
	handle({ request, response, rawBody, url }: Exchange): void {
		const method = request.method ?? 'GET';
		const match = this.router.match(method, url.pathname);
		const routeKey = match ? match.route.key : `${method} /rest/*`;
		this.stats.requests += 1;
		increment(this.stats.byRoute, routeKey);
		const answer = (result: ApiResponse, headers: Record<string, string> = {}) =>
			send(response, result, JSON_CONTENT_TYPE, headers);
		const actor = authenticate(request.headers.authorization, this.model);
		if (!actor) {
			this.stats.rejectedAuth += 1;
			const failed = request.headers.authorization
				? 'AUTHENTICATED_FAILED'
				: 'AUTHENTICATION_DENIED';
			answer(json(401, { errorMessages: NOT_AUTHENTICATED, errors: {} }), {
				'x-seraph-loginreason': failed,
				'www-authenticate': 'Basic realm="protected-area"',
			});
			return;
		}
		if (!match) {
			answer(errorResponse(404, `null for uri: ${url.href}`));
			return;
		}
		let body: unknown = {};
		try {
			body = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
		} catch {
			answer(jiraError(new JiraError(400, ['Unexpected character in the request body'])));
			return;
		}
		const route = match.route.definition as JiraRoute;
		let result: ApiResponse;
		try {
			result = route.jira(
				{
					params: match.params,
					query: url.searchParams,
					body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {},
					actor,
				},
				this.context,
			);
		} catch (error) {
			result =
				error instanceof JiraError
					? jiraError(error)
					: json(500, { errorMessages: [(error as Error).message], errors: {} });
		}
		if (route.isWrite && result.status >= 200 && result.status < 300) {
			increment(this.stats.writes, routeKey);
		}
		answer(result);
	}

	/** /__sandbox/jira/ routes (no auth) for a person trying the examples with `npm start`. */
	controlRoutes(prefix: string): RouteDefinition[] {
		const control = (
			method: string,
			path: string,
			handle: (body: Record<string, unknown>, params: Record<string, string>) => ApiResponse,
		): RouteDefinition => ({
			method,
			pattern: `${prefix}/jira${path}`,
			requiresAuth: false,
			isWrite: false,
			handle: (request, _context) => {
				const body = (request.body ?? {}) as Record<string, unknown>;
				try {
					return handle(body, request.params);
				} catch (error) {
					return error instanceof JiraError
						? jiraError(error)
						: errorResponse(400, (error as Error).message);
				}
			},
		});
		const present = this.context.present;
		return [
			control('GET', '/issues', () =>
				json(200, { issues: this.model.issues.map((issue) => present.issue(issue)) }),
			),
			control('POST', '/issues/:key/resolve', (body, { key }) => {
				const resolution = typeof body.resolution === 'string' ? body.resolution : 'Done';
				const assignee = typeof body.assignee === 'string' ? body.assignee : undefined;
				const issue = this.resolveIssue(key, resolution, assignee);
				return json(200, present.issue(issue));
			}),
			control('GET', '/webhooks', () =>
				json(200, {
					webhooks: this.model.webhooks.map((webhook) => present.webhook(webhook)),
					deliveries: this.deliveries,
				}),
			),
			control('GET', '/stats', () => json(200, this.stats)),
		];
	}
}
