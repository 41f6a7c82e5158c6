/**
 * Jira Server's REST API v2 and webhook API, as n8n's Jira Software node and Jira Trigger call
 * them (credential "Jira SW Server (Self Hosted)"): HTTP Basic auth, `{errorMessages, errors}`
 * answers to bad input.
 */
import type { ApiResponse, RouteDefinition } from '../context';
import { json } from '../envelopes';
import { compileJql } from './jql';
import {
	ISSUE_TYPES,
	JiraError,
	PRIORITIES,
	RESOLUTIONS,
	STATUSES,
	type CreateIssueFields,
	type JiraModel,
} from './model';
import { API, jiraDate, type JiraPresenter } from './present';

export const WEBHOOKS = '/rest/webhooks/1.0/webhook';

export interface JiraRequest {
	params: Record<string, string>;
	query: URLSearchParams;
	body: Record<string, unknown>;
	/** The authenticated user's login name. */
	actor: string;
}

export interface JiraRouteContext {
	model: JiraModel;
	present: JiraPresenter;
	baseUrl: () => string;
}

type Handler = (request: JiraRequest, context: JiraRouteContext) => ApiResponse;

export const NO_CONTENT: ApiResponse = { status: 204, text: '', contentType: 'text/plain' };

export const jiraError = (error: JiraError): ApiResponse =>
	json(error.status, { errorMessages: error.errorMessages, errors: error.errors });

/** Routes are RouteDefinitions so the sandbox Router matches them; `handle` is never called. */
export interface JiraRoute extends RouteDefinition {
	jira: Handler;
}

const route = (method: string, pattern: string, isWrite: boolean, jira: Handler): JiraRoute => ({
	method,
	pattern,
	requiresAuth: true,
	isWrite,
	jira,
	handle: () => json(500, {}),
});

const list = (value: string | null) => (value ? value.split(',') : undefined);
const wantsNames = (expand: unknown) =>
	(Array.isArray(expand) ? expand.join(',') : String(expand ?? '')).split(',').includes('names');

function search(
	{ model, present }: JiraRouteContext,
	options: {
		jql: string;
		startAt: number;
		maxResults: number;
		fields?: string[];
		expand?: unknown;
	},
): ApiResponse {
	const matches = compileJql(model, options.jql);
	const found = model.issues.filter(matches);
	const maxResults = Math.min(Math.max(options.maxResults, 0), 1000);
	const page = found.slice(options.startAt, options.startAt + maxResults);
	return json(200, {
		expand: 'schema,names',
		startAt: options.startAt,
		maxResults,
		total: found.length,
		issues: page.map((issue) =>
			present.issue(issue, { fields: options.fields, names: wantsNames(options.expand) }),
		),
	});
}

const createMeta = ({ model, present }: JiraRouteContext, query: URLSearchParams) => {
	const projectIds = list(query.get('projectIds'));
	const projectKeys = list(query.get('projectKeys'));
	const projects = model.projects.filter(
		({ id, key }) =>
			(!projectIds && !projectKeys) || projectIds?.includes(id) || projectKeys?.includes(key),
	);
	const typeIds = list(query.get('issuetypeIds') ?? query.get('issueTypeIds'));
	const fields = {
		summary: {
			required: true,
			name: 'Summary',
			key: 'summary',
			schema: { type: 'string', system: 'summary' },
		},
		description: {
			required: false,
			name: 'Description',
			key: 'description',
			schema: { type: 'string', system: 'description' },
		},
		labels: {
			required: false,
			name: 'Labels',
			key: 'labels',
			schema: { type: 'array', items: 'string', system: 'labels' },
		},
		assignee: {
			required: false,
			name: 'Assignee',
			key: 'assignee',
			schema: { type: 'user', system: 'assignee' },
		},
		priority: {
			required: false,
			name: 'Priority',
			key: 'priority',
			schema: { type: 'priority', system: 'priority' },
		},
	};
	return json(200, {
		expand: 'projects',
		projects: projects.map((project) => ({
			...present.project(project),
			issuetypes: ISSUE_TYPES.filter(({ id }) => !typeIds || typeIds.includes(id)).map(
				({ id }) => ({ ...present.issueType(id), fields }),
			),
		})),
	});
};

export const JIRA_ROUTES: JiraRoute[] = [
	route('GET', `${API}/myself`, false, ({ actor }, { present }) =>
		json(200, present.userByName(actor)),
	),
	route('GET', `${API}/serverInfo`, false, (_request, { baseUrl }) =>
		json(200, {
			baseUrl: baseUrl(),
			version: '9.12.0',
			versionNumbers: [9, 12, 0],
			deploymentType: 'Server',
			buildNumber: 9120000,
			buildDate: '2023-11-01T00:00:00.000+0000',
			serverTime: jiraDate(Date.now()),
			scmInfo: 'sandbox',
			serverTitle: 'Jira (BigID sandbox)',
		}),
	),
	route('GET', `${API}/project`, false, (_request, { model, present }) =>
		json(
			200,
			model.projects.map((project) => present.project(project)),
		),
	),
	route('GET', `${API}/project/:idOrKey`, false, ({ params }, { model, present }) => {
		const project = model.findProject(params.idOrKey);
		return project
			? json(200, present.project(project, true))
			: jiraError(new JiraError(404, [`No project could be found with key '${params.idOrKey}'.`]));
	}),
	route('GET', `${API}/project/:idOrKey/component`, false, () => json(200, [])),
	route('GET', `${API}/issuetype`, false, (_request, { present }) =>
		json(
			200,
			ISSUE_TYPES.map(({ id }) => present.issueType(id)),
		),
	),
	route('GET', `${API}/priority`, false, (_request, { present }) =>
		json(
			200,
			PRIORITIES.map(({ id }) => present.priority(id)),
		),
	),
	route('GET', `${API}/resolution`, false, (_request, { present }) =>
		json(
			200,
			RESOLUTIONS.map(({ id }) => present.resolution(id)),
		),
	),
	route('GET', `${API}/status`, false, (_request, { present }) =>
		json(
			200,
			STATUSES.map((status) => present.status(status)),
		),
	),
	route('GET', `${API}/user/search`, false, ({ query }, { model, present }) => {
		const wanted = (query.get('username') ?? '').replace(/^'$/, '').toLowerCase();
		const users = model.users.filter(
			(user) =>
				wanted === '' ||
				[user.name, user.emailAddress, user.displayName].some((value) =>
					value.toLowerCase().includes(wanted),
				),
		);
		return json(
			200,
			users.map((user) => present.user(user)),
		);
	}),
	route('GET', `${API}/user`, false, ({ query }, { model, present }) => {
		const found = model.findUser(query.get('username') ?? query.get('key') ?? '');
		return found
			? json(200, present.user(found))
			: jiraError(new JiraError(404, [`The user named '${query.get('username')}' does not exist`]));
	}),
	route('GET', `${API}/issue/createmeta`, false, ({ query }, context) =>
		createMeta(context, query),
	),
	route('POST', `${API}/issue`, true, ({ body, actor }, { model, baseUrl }) => {
		const fields = (body.fields ?? {}) as CreateIssueFields;
		const issue = model.createIssue(fields, actor);
		return json(201, {
			id: issue.id,
			key: issue.key,
			self: `${baseUrl()}${API}/issue/${issue.id}`,
		});
	}),
	route('GET', `${API}/issue/:key`, false, ({ params, query }, { model, present }) =>
		json(
			200,
			present.issue(model.getIssue(params.key), {
				fields: list(query.get('fields')),
				names: wantsNames(query.get('expand')),
			}),
		),
	),
	route('PUT', `${API}/issue/:key`, true, ({ params, body, actor }, { model }) => {
		model.updateIssue(params.key, (body.fields ?? {}) as CreateIssueFields, actor);
		return NO_CONTENT;
	}),
	route('DELETE', `${API}/issue/:key`, true, ({ params, actor }, { model }) => {
		model.deleteIssue(params.key, actor);
		return NO_CONTENT;
	}),
	route('GET', `${API}/issue/:key/editmeta`, false, ({ params }, context) => {
		context.model.getIssue(params.key);
		const meta = createMeta(
			context,
			new URLSearchParams({ projectIds: '10000', issuetypeIds: '3' }),
		);
		const projects = (
			meta as { json: { projects: Array<{ issuetypes: Array<{ fields: unknown }> }> } }
		).json.projects;
		return json(200, { fields: projects[0].issuetypes[0].fields });
	}),
	route('GET', `${API}/issue/:key/transitions`, false, ({ params }, { model, present }) =>
		json(200, {
			expand: 'transitions',
			transitions: model.transitionsOf(params.key).map(({ id, name, to }) => ({
				id,
				name,
				to: present.status(to),
				hasScreen: false,
				isGlobal: true,
				isInitial: false,
				isConditional: false,
			})),
		}),
	),
	route('POST', `${API}/issue/:key/transitions`, true, ({ params, body, actor }, { model }) => {
		model.getIssue(params.key);
		const transition = body.transition as { id?: unknown; name?: unknown } | undefined;
		const id = transition?.id ?? transition?.name;
		if (id === undefined || id === null || id === '') {
			throw new JiraError(400, ["Missing 'transition' identifier"]);
		}
		const fields = (body.fields ?? {}) as { resolution?: { name?: string; id?: string } };
		const resolution = fields.resolution?.name ?? fields.resolution?.id;
		model.transition(params.key, String(id), actor, { resolution });
		return NO_CONTENT;
	}),
	route('GET', `${API}/issue/:key/comment`, false, ({ params }, { model, present }) => {
		const issue = model.getIssue(params.key);
		const comments = issue.comments.map((comment) => present.comment(issue, comment));
		return json(200, { startAt: 0, maxResults: comments.length, total: comments.length, comments });
	}),
	route(
		'POST',
		`${API}/issue/:key/comment`,
		true,
		({ params, body, actor }, { model, present }) => {
			const comment = model.addComment(params.key, body.body, actor);
			return json(201, present.comment(model.getIssue(params.key), comment));
		},
	),
	route('POST', `${API}/search`, false, ({ body }, context) =>
		search(context, {
			jql: String(body.jql ?? ''),
			startAt: Number(body.startAt ?? 0),
			maxResults: Number(body.maxResults ?? 50),
			fields: Array.isArray(body.fields) ? body.fields.map(String) : undefined,
			expand: body.expand,
		}),
	),
	route('GET', `${API}/search`, false, ({ query }, context) =>
		search(context, {
			jql: query.get('jql') ?? '',
			startAt: Number(query.get('startAt') ?? 0),
			maxResults: Number(query.get('maxResults') ?? 50),
			fields: list(query.get('fields')),
			expand: query.get('expand'),
		}),
	),
	route('GET', WEBHOOKS, false, (_request, { model, present }) =>
		json(
			200,
			model.webhooks.map((webhook) => present.webhook(webhook)),
		),
	),
	route('POST', WEBHOOKS, true, ({ body }, { model, present }) => {
		const errors: Record<string, string> = {};
		if (typeof body.name !== 'string' || body.name === '') errors.name = 'Name is required';
		if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))
			errors.url = 'URL is invalid';
		if (Object.keys(errors).length > 0) throw new JiraError(400, [], errors);
		const filters = (body.filters ?? {}) as Record<string, unknown>;
		const jqlFilter = String(filters['issue-related-events-section'] ?? '');
		compileJql(model, jqlFilter);
		const webhook = model.registerWebhook({
			name: String(body.name),
			url: String(body.url),
			events: Array.isArray(body.events) ? body.events.map(String) : [],
			jqlFilter,
			excludeBody: body.excludeBody === true,
		});
		return json(201, present.webhook(webhook));
	}),
	route('GET', `${WEBHOOKS}/:id`, false, ({ params }, { model, present }) => {
		const webhook = model.findWebhook(params.id);
		return webhook
			? json(200, present.webhook(webhook))
			: jiraError(new JiraError(404, ['Webhook not found']));
	}),
	route('DELETE', `${WEBHOOKS}/:id`, true, ({ params }, { model }) =>
		model.deleteWebhook(params.id)
			? NO_CONTENT
			: jiraError(new JiraError(404, ['Webhook not found'])),
	),
];
