/**
 * The Jira Server data the double serves: projects, issue types, users, a Jira Software workflow
 * (To Do → In Progress → Done, Done sets a resolution), issues keyed like SEC-1, and the webhooks
 * registered. No HTTP here: changes are announced to `onIssueEvent` listeners.
 */

export const JIRA_LOGIN = { username: 'jira-admin@example.com', password: 'jira-sandbox-token' };

export interface JiraUser {
	key: string;
	name: string;
	emailAddress: string;
	displayName: string;
	active: boolean;
	timeZone: string;
}

export interface JiraProject {
	id: string;
	key: string;
	name: string;
	/** New issues without an assignee go to the project lead (assigneeType PROJECT_LEAD). */
	lead: string;
}

interface Named {
	id: string;
	name: string;
}

export interface JiraIssueType extends Named {
	description: string;
	subtask: boolean;
}

export interface JiraStatus extends Named {
	category: 'new' | 'indeterminate' | 'done';
}

export interface JiraIssue {
	id: string;
	key: string;
	projectId: string;
	issueTypeId: string;
	summary: string;
	description: string | null;
	labels: string[];
	assignee: string | null;
	reporter: string;
	priorityId: string;
	statusId: string;
	resolutionId: string | null;
	resolutionDate: number | null;
	created: number;
	updated: number;
	comments: Array<{ id: string; author: string; body: string; created: number }>;
}

export interface ChangeItem {
	field: string;
	fieldtype: 'jira';
	from: string | null;
	fromString: string | null;
	to: string | null;
	toString: string | null;
}

export interface IssueEvent {
	webhookEvent: 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted';
	issueEventTypeName: string;
	issue: JiraIssue;
	/** The user who made the change. */
	user: string;
	items: ChangeItem[];
}

export interface RegisteredWebhook {
	id: number;
	name: string;
	url: string;
	events: string[];
	/** JQL of the issue-related events section; empty for every issue. */
	jqlFilter: string;
	excludeBody: boolean;
	enabled: boolean;
	lastUpdated: number;
}

/** A Jira answer to bad input: its status and its `{errorMessages, errors}` body. */
export class JiraError extends Error {
	constructor(
		readonly status: number,
		readonly errorMessages: string[],
		readonly errors: Record<string, string> = {},
	) {
		super(errorMessages[0] ?? Object.values(errors)[0] ?? `Jira answered ${status}`);
	}
}

export const issueDoesNotExist = () => new JiraError(404, ['Issue Does Not Exist']);

const user = (name: string, displayName: string): JiraUser => ({
	key: name,
	name,
	emailAddress: `${name}@example.com`,
	displayName,
	active: true,
	timeZone: 'UTC',
});

export const STATUSES: readonly JiraStatus[] = [
	{ id: '10000', name: 'To Do', category: 'new' },
	{ id: '3', name: 'In Progress', category: 'indeterminate' },
	{ id: '10001', name: 'Done', category: 'done' },
];

/** Jira Software's simplified workflow: a global transition to each status. */
export const TRANSITIONS: ReadonlyArray<Named & { to: string }> = [
	{ id: '11', name: 'To Do', to: '10000' },
	{ id: '21', name: 'In Progress', to: '3' },
	{ id: '31', name: 'Done', to: '10001' },
];

export const RESOLUTIONS: readonly Named[] = [
	{ id: '10000', name: 'Done' },
	{ id: '10001', name: "Won't Do" },
	{ id: '10002', name: 'Duplicate' },
	{ id: '10003', name: 'Cannot Reproduce' },
	{ id: '1', name: 'Fixed' },
];

export const PRIORITIES: readonly Named[] = [
	{ id: '1', name: 'Highest' },
	{ id: '2', name: 'High' },
	{ id: '3', name: 'Medium' },
	{ id: '4', name: 'Low' },
	{ id: '5', name: 'Lowest' },
];

export const ISSUE_TYPES: readonly JiraIssueType[] = [
	{
		id: '1',
		name: 'Bug',
		description: 'A problem which impairs or prevents the functions of the product.',
		subtask: false,
	},
	{ id: '3', name: 'Task', description: 'A task that needs to be done.', subtask: false },
	{ id: '5', name: 'Sub-task', description: 'The sub-task of the issue', subtask: true },
];

export interface CreateIssueFields {
	project?: { id?: string; key?: string };
	issuetype?: { id?: string; name?: string };
	summary?: unknown;
	description?: unknown;
	labels?: unknown;
	assignee?: { name?: string } | null;
	reporter?: { name?: string };
	priority?: { id?: string; name?: string };
}

export class JiraModel {
	readonly users: JiraUser[] = [
		user('jira-admin', 'Jira Administrator'),
		user('secops.lead', 'Sam Secops (Security Lead)'),
		user('alex.analyst', 'Alex Analyst'),
		user('ops.lead', 'Olga Ops'),
	];
	readonly projects: JiraProject[] = [
		{ id: '10000', key: 'SEC', name: 'Security Operations', lead: 'secops.lead' },
		{ id: '10001', key: 'OPS', name: 'IT Operations', lead: 'ops.lead' },
	];
	private readonly issueList: JiraIssue[] = [];
	private readonly counters = new Map<string, number>();
	private nextIssueId = 10000;
	private nextWebhookId = 1;
	private readonly registered: RegisteredWebhook[] = [];
	private readonly listeners: Array<(event: IssueEvent) => void> = [];

	constructor(private readonly now: () => number) {}

	get issues(): readonly JiraIssue[] {
		return this.issueList;
	}

	get webhooks(): readonly RegisteredWebhook[] {
		return this.registered;
	}

	onIssueEvent(listener: (event: IssueEvent) => void): void {
		this.listeners.push(listener);
	}

	/** A user by login name, key or e-mail address. */
	findUser(nameOrEmail: string): JiraUser | undefined {
		const wanted = nameOrEmail.toLowerCase();
		return this.users.find(
			(candidate) =>
				candidate.name.toLowerCase() === wanted || candidate.emailAddress.toLowerCase() === wanted,
		);
	}

	findProject(idOrKey: string): JiraProject | undefined {
		return this.projects.find(({ id, key }) => id === idOrKey || key === idOrKey.toUpperCase());
	}

	/** By key (SEC-1, any case) or numeric ID. */
	findIssue(idOrKey: string): JiraIssue | undefined {
		const wanted = idOrKey.toUpperCase();
		return this.issueList.find(({ id, key }) => id === idOrKey || key === wanted);
	}

	getIssue(idOrKey: string): JiraIssue {
		const issue = this.findIssue(idOrKey);
		if (!issue) throw issueDoesNotExist();
		return issue;
	}

	createIssue(fields: CreateIssueFields, actor: string): JiraIssue {
		const errors: Record<string, string> = {};
		const project = this.findProject(String(fields.project?.id ?? fields.project?.key ?? ''));
		if (!project) errors.project = 'valid project is required';
		const issueType = ISSUE_TYPES.find(
			({ id, name }) => id === fields.issuetype?.id || name === fields.issuetype?.name,
		);
		if (!issueType) errors.issuetype = 'valid issue type is required';
		if (typeof fields.summary !== 'string' || fields.summary.trim() === '') {
			errors.summary = 'You must specify a summary of the issue.';
		}
		const assignee = this.userField(fields.assignee, 'assignee', errors);
		const reporter = this.userField(fields.reporter, 'reporter', errors);
		const priority = this.priorityOf(fields.priority, errors);
		const labels = this.labelsOf(fields.labels, errors);
		if (Object.keys(errors).length > 0) throw new JiraError(400, [], errors);
		const number = (this.counters.get(project!.key) ?? 0) + 1;
		this.counters.set(project!.key, number);
		const stamp = this.now();
		const issue: JiraIssue = {
			id: String(this.nextIssueId++),
			key: `${project!.key}-${number}`,
			projectId: project!.id,
			issueTypeId: issueType!.id,
			summary: String(fields.summary),
			description: typeof fields.description === 'string' ? fields.description : null,
			labels: labels ?? [],
			assignee: fields.assignee === null ? null : (assignee ?? project!.lead),
			reporter: reporter ?? actor,
			priorityId: priority ?? '3',
			statusId: STATUSES[0].id,
			resolutionId: null,
			resolutionDate: null,
			created: stamp,
			updated: stamp,
			comments: [],
		};
		this.issueList.push(issue);
		this.emit({
			webhookEvent: 'jira:issue_created',
			issueEventTypeName: 'issue_created',
			issue,
			user: actor,
			items: [],
		});
		return issue;
	}

	/** PUT /issue/:key's `fields`: summary, description, labels, assignee, priority. */
	updateIssue(idOrKey: string, fields: CreateIssueFields, actor: string): JiraIssue {
		const issue = this.getIssue(idOrKey);
		const errors: Record<string, string> = {};
		if ('summary' in fields && (typeof fields.summary !== 'string' || fields.summary === '')) {
			errors.summary = 'You must specify a summary of the issue.';
		}
		const assignee = this.userField(fields.assignee, 'assignee', errors);
		const priority = this.priorityOf(fields.priority, errors);
		const labels = this.labelsOf(fields.labels, errors);
		if (fields.project !== undefined)
			errors.project =
				"Field 'project' cannot be set. It is not on the appropriate screen, or unknown.";
		if (Object.keys(errors).length > 0) throw new JiraError(400, [], errors);
		const items: ChangeItem[] = [];
		const change = (field: string, from: string | null, to: string | null) => {
			if (from !== to) items.push(item(field, from, from, to, to));
		};
		if (typeof fields.summary === 'string') {
			change('summary', issue.summary, fields.summary);
			issue.summary = fields.summary;
		}
		if (typeof fields.description === 'string') {
			change('description', issue.description, fields.description);
			issue.description = fields.description;
		}
		if (labels) {
			change('labels', issue.labels.join(' '), labels.join(' '));
			issue.labels = labels;
		}
		if (fields.assignee !== undefined) {
			const next = fields.assignee === null ? null : (assignee ?? null);
			change('assignee', issue.assignee, next);
			issue.assignee = next;
		}
		if (priority) {
			change('priority', issue.priorityId, priority);
			issue.priorityId = priority;
		}
		if (items.length > 0) this.changed(issue, actor, items);
		return issue;
	}

	/** The transitions offered from the issue's status: every status but its own. */
	transitionsOf(idOrKey: string): Array<Named & { to: JiraStatus }> {
		const issue = this.getIssue(idOrKey);
		return TRANSITIONS.filter(({ to }) => to !== issue.statusId).map(({ id, name, to }) => ({
			id,
			name,
			to: STATUSES.find((status) => status.id === to)!,
		}));
	}

	/** Performs a transition; to Done sets a resolution (Done unless given), out of Done clears it. */
	transition(
		idOrKey: string,
		transitionId: string,
		actor: string,
		options: { resolution?: string; assignee?: string } = {},
	): JiraIssue {
		const issue = this.getIssue(idOrKey);
		const transition = TRANSITIONS.find(
			({ id, name }) => id === transitionId || name === transitionId,
		);
		if (!transition) {
			throw new JiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
		}
		if (transition.to === issue.statusId) {
			throw new JiraError(400, [
				`It seems that you have tried to perform a workflow operation (${transition.name}) that is not valid for the current state of this issue (${issue.key}). The likely cause is that somebody has changed the issue recently, please look at the issue history for details.`,
			]);
		}
		const target = STATUSES.find(({ id }) => id === transition.to)!;
		let resolutionId: string | null = null;
		if (target.category === 'done') {
			const wanted = options.resolution ?? 'Done';
			const resolution = RESOLUTIONS.find(({ id, name }) => id === wanted || name === wanted);
			if (!resolution) {
				throw new JiraError(400, [], {
					resolution: `Could not find valid 'id' or 'name' in resolution object.`,
				});
			}
			resolutionId = resolution.id;
		}
		const errors: Record<string, string> = {};
		const assignee = options.assignee
			? this.userField({ name: options.assignee }, 'assignee', errors)
			: undefined;
		if (Object.keys(errors).length > 0) throw new JiraError(400, [], errors);
		const items: ChangeItem[] = [];
		if (assignee && assignee !== issue.assignee) {
			items.push(item('assignee', issue.assignee, issue.assignee, assignee, assignee));
			issue.assignee = assignee;
		}
		if (resolutionId !== issue.resolutionId) {
			items.push(
				item(
					'resolution',
					issue.resolutionId,
					resolutionName(issue.resolutionId),
					resolutionId,
					resolutionName(resolutionId),
				),
			);
		}
		const from = STATUSES.find(({ id }) => id === issue.statusId)!;
		items.push(item('status', from.id, from.name, target.id, target.name));
		issue.statusId = target.id;
		issue.resolutionId = resolutionId;
		issue.resolutionDate = resolutionId ? this.now() : null;
		const eventType = resolutionId
			? 'issue_resolved'
			: from.category === 'done'
				? 'issue_reopened'
				: 'issue_generic';
		this.changed(issue, actor, items, eventType);
		return issue;
	}

	/**
	 * What a person does in Jira's UI to resolve an issue: optionally assign it, then move it to
	 * Done with a resolution. Fires `jira:issue_updated` (issue_resolved) with the changelog.
	 */
	resolveIssue(idOrKey: string, resolution = 'Done', assignee?: string): JiraIssue {
		const issue = this.getIssue(idOrKey);
		const actor = assignee ?? issue.assignee ?? 'jira-admin';
		return this.transition(issue.key, '31', this.findUser(actor)?.name ?? actor, {
			resolution,
			assignee,
		});
	}

	addComment(idOrKey: string, body: unknown, actor: string) {
		const issue = this.getIssue(idOrKey);
		if (typeof body !== 'string' || body.trim() === '') {
			throw new JiraError(400, [], { comment: 'Comment body can not be empty!' });
		}
		const comment = {
			id: String(10000 + issue.comments.length),
			author: actor,
			body,
			created: this.now(),
		};
		issue.comments.push(comment);
		issue.updated = comment.created;
		return comment;
	}

	deleteIssue(idOrKey: string, actor: string): void {
		const issue = this.getIssue(idOrKey);
		this.issueList.splice(this.issueList.indexOf(issue), 1);
		this.emit({
			webhookEvent: 'jira:issue_deleted',
			issueEventTypeName: 'issue_deleted',
			issue,
			user: actor,
			items: [],
		});
	}

	registerWebhook(
		input: Omit<RegisteredWebhook, 'id' | 'enabled' | 'lastUpdated'>,
	): RegisteredWebhook {
		const webhook = { ...input, id: this.nextWebhookId++, enabled: true, lastUpdated: this.now() };
		this.registered.push(webhook);
		return webhook;
	}

	findWebhook(id: string): RegisteredWebhook | undefined {
		return this.registered.find((webhook) => String(webhook.id) === id);
	}

	deleteWebhook(id: string): boolean {
		const found = this.findWebhook(id);
		if (found) this.registered.splice(this.registered.indexOf(found), 1);
		return found !== undefined;
	}

	private changed(issue: JiraIssue, actor: string, items: ChangeItem[], type?: string): void {
		issue.updated = this.now();
		const assignedOnly = items.every(({ field }) => field === 'assignee');
		this.emit({
			webhookEvent: 'jira:issue_updated',
			issueEventTypeName: type ?? (assignedOnly ? 'issue_assigned' : 'issue_updated'),
			issue,
			user: actor,
			items,
		});
	}

	private emit(event: IssueEvent): void {
		for (const listener of this.listeners) listener(event);
	}

	private userField(
		value: { name?: string } | null | undefined,
		field: string,
		errors: Record<string, string>,
	): string | undefined {
		if (value === undefined || value === null) return undefined;
		const found = this.findUser(String(value.name ?? ''));
		if (!found) {
			errors[field] = `User '${String(value.name ?? '')}' does not exist.`;
			return undefined;
		}
		return found.name;
	}

	private priorityOf(
		value: { id?: string; name?: string } | undefined,
		errors: Record<string, string>,
	): string | undefined {
		if (value === undefined) return undefined;
		const found = PRIORITIES.find(({ id, name }) => id === value.id || name === value.name);
		if (!found) errors.priority = `Could not find valid 'id' or 'name' in priority object.`;
		return found?.id;
	}

	private labelsOf(value: unknown, errors: Record<string, string>): string[] | undefined {
		if (value === undefined) return undefined;
		const labels = Array.isArray(value) ? value.map(String) : undefined;
		if (!labels || labels.some((label) => label === '' || /\s/.test(label))) {
			errors.labels = 'The label must not contain spaces.';
			return undefined;
		}
		return labels;
	}
}

function resolutionName(id: string | null): string | null {
	return RESOLUTIONS.find((resolution) => resolution.id === id)?.name ?? null;
}

function item(
	field: string,
	from: string | null,
	fromString: string | null,
	to: string | null,
	toString: string | null,
): ChangeItem {
	return { field, fieldtype: 'jira', from, fromString, to, toString };
}
