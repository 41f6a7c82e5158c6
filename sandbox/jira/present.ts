/** Jira Server's JSON shapes of the model's objects, with `self` links under the sandbox URL. */
import {
	ISSUE_TYPES,
	PRIORITIES,
	RESOLUTIONS,
	STATUSES,
	type JiraIssue,
	type JiraModel,
	type JiraProject,
	type JiraStatus,
	type JiraUser,
	type RegisteredWebhook,
} from './model';

export const API = '/rest/api/2';

/** Jira's timestamp format: 2026-01-05T08:50:00.000+0000. */
export const jiraDate = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

const CATEGORIES = {
	new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
	indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
	done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

/** Display names of the fields, as `expand=names` gives them. */
export const FIELD_NAMES: Record<string, string> = {
	summary: 'Summary',
	description: 'Description',
	issuetype: 'Issue Type',
	project: 'Project',
	labels: 'Labels',
	assignee: 'Assignee',
	reporter: 'Reporter',
	creator: 'Creator',
	priority: 'Priority',
	status: 'Status',
	resolution: 'Resolution',
	resolutiondate: 'Resolved',
	created: 'Created',
	updated: 'Updated',
	components: 'Component/s',
	comment: 'Comment',
};

export class JiraPresenter {
	constructor(
		private readonly model: JiraModel,
		private readonly baseUrl: () => string,
	) {}

	private self(path: string): string {
		return `${this.baseUrl()}${API}/${path}`;
	}

	user(user: JiraUser) {
		const avatar = `${this.baseUrl()}/secure/useravatar?avatarId=10122`;
		return {
			self: this.self(`user?username=${encodeURIComponent(user.name)}`),
			...user,
			avatarUrls: { '48x48': avatar, '24x24': avatar, '16x16': avatar, '32x32': avatar },
		};
	}

	userByName(name: string | null) {
		const found = name ? this.model.findUser(name) : undefined;
		return found ? this.user(found) : null;
	}

	project(project: JiraProject, full = false) {
		const brief = {
			self: this.self(`project/${project.id}`),
			id: project.id,
			key: project.key,
			name: project.name,
			projectTypeKey: 'software',
		};
		if (!full) return brief;
		return {
			...brief,
			description: '',
			lead: this.userByName(project.lead),
			assigneeType: 'PROJECT_LEAD',
			components: [],
			versions: [],
			issueTypes: ISSUE_TYPES.map((type) => this.issueType(type.id)),
		};
	}

	issueType(id: string) {
		const type = ISSUE_TYPES.find((candidate) => candidate.id === id)!;
		return { self: this.self(`issuetype/${type.id}`), ...type, iconUrl: '', avatarId: 10318 };
	}

	status(status: JiraStatus) {
		const category = CATEGORIES[status.category];
		return {
			self: this.self(`status/${status.id}`),
			description: '',
			iconUrl: '',
			name: status.name,
			id: status.id,
			statusCategory: { self: this.self(`statuscategory/${category.id}`), ...category },
		};
	}

	priority(id: string) {
		const priority = PRIORITIES.find((candidate) => candidate.id === id)!;
		return { self: this.self(`priority/${priority.id}`), iconUrl: '', ...priority };
	}

	resolution(id: string | null) {
		const resolution = RESOLUTIONS.find((candidate) => candidate.id === id);
		return resolution
			? { self: this.self(`resolution/${resolution.id}`), description: '', ...resolution }
			: null;
	}

	fields(issue: JiraIssue) {
		const project = this.model.projects.find(({ id }) => id === issue.projectId)!;
		return {
			summary: issue.summary,
			description: issue.description,
			issuetype: this.issueType(issue.issueTypeId),
			project: this.project(project),
			labels: issue.labels,
			assignee: this.userByName(issue.assignee),
			reporter: this.userByName(issue.reporter),
			creator: this.userByName(issue.reporter),
			priority: this.priority(issue.priorityId),
			status: this.status(STATUSES.find(({ id }) => id === issue.statusId)!),
			resolution: this.resolution(issue.resolutionId),
			resolutiondate: issue.resolutionDate === null ? null : jiraDate(issue.resolutionDate),
			created: jiraDate(issue.created),
			updated: jiraDate(issue.updated),
			components: [],
			comment: {
				comments: issue.comments.map((comment) => this.comment(issue, comment)),
				maxResults: issue.comments.length,
				total: issue.comments.length,
				startAt: 0,
			},
		};
	}

	/** `fields` narrows to the listed ones (`*all`/`*navigable` keep all); `names` adds their names. */
	issue(issue: JiraIssue, options: { fields?: string[]; names?: boolean } = {}) {
		let fields: Record<string, unknown> = this.fields(issue);
		const wanted = (options.fields ?? []).map((field) => field.trim()).filter(Boolean);
		if (wanted.length > 0 && !wanted.some((field) => field.startsWith('*'))) {
			fields = Object.fromEntries(Object.entries(fields).filter(([key]) => wanted.includes(key)));
		}
		return {
			expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
			id: issue.id,
			self: this.self(`issue/${issue.id}`),
			key: issue.key,
			fields,
			...(options.names
				? { names: Object.fromEntries(Object.keys(fields).map((key) => [key, FIELD_NAMES[key]])) }
				: {}),
		};
	}

	comment(issue: JiraIssue, comment: JiraIssue['comments'][number]) {
		const author = this.userByName(comment.author);
		return {
			self: this.self(`issue/${issue.id}/comment/${comment.id}`),
			id: comment.id,
			author,
			body: comment.body,
			updateAuthor: author,
			created: jiraDate(comment.created),
			updated: jiraDate(comment.created),
		};
	}

	webhook(webhook: RegisteredWebhook) {
		return {
			name: webhook.name,
			url: webhook.url,
			excludeBody: webhook.excludeBody,
			filters: { 'issue-related-events-section': webhook.jqlFilter },
			events: webhook.events,
			enabled: webhook.enabled,
			self: `${this.baseUrl()}/rest/webhooks/1.0/webhook/${webhook.id}`,
			lastUpdatedUser: 'jira-admin',
			lastUpdatedDisplayName: 'Jira Administrator',
			lastUpdated: webhook.lastUpdated,
		};
	}
}
