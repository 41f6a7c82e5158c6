/**
 * Jira's webhook calls: each issue event is POSTed, in Jira's payload, to every registered
 * webhook that lists the event and whose JQL filter matches the issue.
 */
import { compileJql } from './jql';
import type { IssueEvent, JiraModel, RegisteredWebhook } from './model';
import type { JiraPresenter } from './present';

export interface WebhookDelivery {
	webhookId: number;
	url: string;
	webhookEvent: string;
	issueKey: string;
	/** The HTTP status of the answer; undefined while pending or when the call failed. */
	status?: number;
	error?: string;
}

/** `${issue.key}`, `${project.key}`... in a registered URL, as Jira substitutes them. */
function substitute(url: string, event: IssueEvent, projectKey: string): string {
	const values: Record<string, string> = {
		'issue.id': event.issue.id,
		'issue.key': event.issue.key,
		'project.id': event.issue.projectId,
		'project.key': projectKey,
	};
	return url.replace(/\$\{([^}]+)\}/g, (whole, name: string) =>
		name in values ? encodeURIComponent(values[name]) : whole,
	);
}

export class WebhookDispatcher {
	readonly deliveries: WebhookDelivery[] = [];
	private readonly pending = new Set<Promise<void>>();

	constructor(
		private readonly model: JiraModel,
		private readonly present: JiraPresenter,
		private readonly now: () => number,
	) {
		model.onIssueEvent((event) => this.dispatch(event));
	}

	/** Resolves once every call started so far has been answered or has failed. */
	async settled(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	payload(event: IssueEvent, webhook?: RegisteredWebhook): Record<string, unknown> {
		const issue = this.present.issue(event.issue);
		const payload: Record<string, unknown> = {
			timestamp: this.now(),
			webhookEvent: event.webhookEvent,
			issue_event_type_name: event.issueEventTypeName,
			user: this.present.userByName(event.user),
			issue: webhook?.excludeBody
				? { id: issue.id, key: issue.key, self: issue.self }
				: {
						id: issue.id,
						self: issue.self,
						key: issue.key,
						fields: issue.fields,
					},
		};
		if (event.webhookEvent === 'jira:issue_updated') {
			payload.changelog = { id: String(10000 + this.deliveries.length), items: event.items };
		}
		return payload;
	}

	private matches(webhook: RegisteredWebhook, event: IssueEvent): boolean {
		if (!webhook.enabled || !webhook.events.includes(event.webhookEvent)) return false;
		try {
			return compileJql(this.model, webhook.jqlFilter)(event.issue);
		} catch {
			return false;
		}
	}

	private dispatch(event: IssueEvent): void {
		const project = this.model.projects.find(({ id }) => id === event.issue.projectId);
		for (const webhook of this.model.webhooks.filter((one) => this.matches(one, event))) {
			const delivery: WebhookDelivery = {
				webhookId: webhook.id,
				url: substitute(webhook.url, event, project?.key ?? ''),
				webhookEvent: event.webhookEvent,
				issueKey: event.issue.key,
			};
			this.deliveries.push(delivery);
			const call = fetch(delivery.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'user-agent': 'Atlassian HttpClient' },
				body: JSON.stringify(this.payload(event, webhook)),
			})
				.then(async (response) => {
					delivery.status = response.status;
					await response.arrayBuffer();
				})
				.catch((error: Error) => {
					delivery.error = error.message;
				})
				.finally(() => this.pending.delete(call));
			this.pending.add(call);
		}
	}
}
