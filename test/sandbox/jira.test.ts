import http from 'http';
import type { AddressInfo } from 'net';

import { startSandbox, type Sandbox } from '../../sandbox';
import { JIRA_LOGIN } from '../../sandbox/jira';

interface Answer {
	status: number;
	// The assertions read the double's JSON answers by path; their shapes are what is under test.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

const BASIC = `Basic ${Buffer.from(`${JIRA_LOGIN.username}:${JIRA_LOGIN.password}`).toString('base64')}`;

describe('the Jira double', () => {
	let sandbox: Sandbox;
	let receiver: http.Server;
	let receiverUrl: string;
	const received: Array<{ url: string; body: Record<string, unknown> }> = [];

	const call = async (
		method: string,
		path: string,
		body?: unknown,
		authorization = BASIC,
	): Promise<Answer> => {
		const response = await fetch(sandbox.url + path, {
			method,
			headers: {
				authorization,
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
	};

	const create = (fields: Record<string, unknown>) =>
		call('POST', '/rest/api/2/issue', {
			fields: { project: { id: '10000' }, issuetype: { id: '3' }, summary: 'A case', ...fields },
		});

	beforeAll(async () => {
		sandbox = await startSandbox({});
		receiver = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				received.push({
					url: request.url ?? '',
					body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
				});
				response.writeHead(200).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		await sandbox.close();
		await new Promise((resolve) => receiver.close(resolve));
	});

	it('answers the credential test and serverInfo as a Jira Server 9', async () => {
		const me = await call('GET', '/rest/api/2/myself');
		expect(me.status).toBe(200);
		expect(me.json).toMatchObject({ name: 'jira-admin', emailAddress: 'jira-admin@example.com' });
		const info = await call('GET', '/rest/api/2/serverInfo');
		expect(info.json).toMatchObject({ deploymentType: 'Server', versionNumbers: [9, 12, 0] });
	});

	it('answers 401 as Jira does for wrong or missing credentials, and counts them', async () => {
		const wrong = `Basic ${Buffer.from(`${JIRA_LOGIN.username}:nope`).toString('base64')}`;
		const answer = await call('GET', '/rest/api/2/myself', undefined, wrong);
		expect(answer.status).toBe(401);
		expect(answer.json.errorMessages[0]).toMatch(/not authenticated/);
		expect((await call('GET', '/rest/api/2/project', undefined, '')).status).toBe(401);
		expect(sandbox.jira.stats.rejectedAuth).toBe(2);
	});

	it('creates an issue assigned to the project lead, gets, updates and transitions it', async () => {
		const created = await create({ labels: ['bigid', 'bigid-abc'], description: 'See the case' });
		expect(created.status).toBe(201);
		expect(created.json).toEqual({
			id: expect.any(String),
			key: 'SEC-1',
			self: `${sandbox.url}/rest/api/2/issue/${created.json.id}`,
		});
		const got = await call('GET', '/rest/api/2/issue/SEC-1?expand=,names');
		expect(got.json.fields).toMatchObject({
			summary: 'A case',
			labels: ['bigid', 'bigid-abc'],
			assignee: { name: 'secops.lead', emailAddress: 'secops.lead@example.com' },
			status: { name: 'To Do', statusCategory: { key: 'new' } },
			resolution: null,
			project: { key: 'SEC', id: '10000' },
		});
		expect(got.json.names.summary).toBe('Summary');

		const updated = await call('PUT', '/rest/api/2/issue/SEC-1', {
			fields: { summary: 'Renamed', assignee: { name: 'alex.analyst' } },
		});
		expect(updated.status).toBe(204);
		expect(sandbox.jira.issues[0]).toMatchObject({ summary: 'Renamed', assignee: 'alex.analyst' });

		const transitions = await call('GET', '/rest/api/2/issue/SEC-1/transitions');
		expect(transitions.json.transitions.map(({ name }: { name: string }) => name)).toEqual([
			'In Progress',
			'Done',
		]);
		const done = await call('POST', '/rest/api/2/issue/SEC-1/transitions', {
			transition: { id: '31' },
			fields: { resolution: { name: 'Fixed' } },
		});
		expect(done.status).toBe(204);
		const after = await call('GET', '/rest/api/2/issue/SEC-1');
		expect(after.json.fields).toMatchObject({
			status: { name: 'Done', statusCategory: { key: 'done' } },
			resolution: { name: 'Fixed' },
		});
		expect(sandbox.jira.stats.writes['POST /rest/api/2/issue']).toBe(1);
	});

	it('finds issues by label with JQL, paged as the node pages', async () => {
		await create({ labels: ['bigid-def'] });
		const found = await call('POST', '/rest/api/2/search', {
			jql: 'labels = "bigid-def"',
			fields: ['*navigable'],
			startAt: 0,
			maxResults: 100,
		});
		expect(found.json).toMatchObject({ startAt: 0, total: 1, issues: [{ key: 'SEC-2' }] });
		const none = await call('POST', '/rest/api/2/search', { jql: 'labels = "bigid-none"' });
		expect(none.json).toMatchObject({ total: 0, issues: [] });
		const all = await call('POST', '/rest/api/2/search', {
			jql: 'project = SEC AND created >= "1970-01-01" ORDER BY created DESC',
		});
		expect(all.json.total).toBe(2);
		const unknown = await call('POST', '/rest/api/2/search', { jql: 'colour = red' });
		expect(unknown).toEqual({
			status: 400,
			json: {
				errorMessages: ["Field 'colour' does not exist or you do not have permission to view it."],
				errors: {},
			},
		});
	});

	it('answers bad input as Jira does: unknown project, issue type, issue, transition', async () => {
		expect(await create({ project: { id: '99999' } })).toEqual({
			status: 400,
			json: { errorMessages: [], errors: { project: 'valid project is required' } },
		});
		expect((await create({ issuetype: { id: '42' }, summary: '' })).json.errors).toEqual({
			issuetype: 'valid issue type is required',
			summary: 'You must specify a summary of the issue.',
		});
		expect(await call('GET', '/rest/api/2/issue/SEC-404')).toEqual({
			status: 404,
			json: { errorMessages: ['Issue Does Not Exist'], errors: {} },
		});
		const transition = await call('POST', '/rest/api/2/issue/SEC-2/transitions', {
			transition: { id: '999' },
		});
		expect(transition).toEqual({
			status: 400,
			json: { errorMessages: ["Transition id '999' is not valid for this issue."], errors: {} },
		});
		const toSame = await call('POST', '/rest/api/2/issue/SEC-2/transitions', {
			transition: { id: '11' },
		});
		expect(toSame.status).toBe(400);
		expect(toSame.json.errorMessages[0]).toMatch(/not valid for the current state of this issue/);
	});

	it('registers, lists and deletes webhooks as the Jira Trigger does, and calls them on a resolution', async () => {
		const url = `${receiverUrl}/webhook/abc/webhook`;
		const registered = await call('POST', '/rest/webhooks/1.0/webhook', {
			name: `n8n-webhook:${url}`,
			url,
			events: ['jira:issue_updated'],
			filters: {},
			excludeBody: false,
		});
		expect(registered.status).toBe(201);
		const id = String(registered.json.self).split('/').pop();
		const listed = await call('GET', '/rest/webhooks/1.0/webhook');
		expect(listed.json).toEqual([expect.objectContaining({ url, events: ['jira:issue_updated'] })]);

		const created = await create({ labels: ['bigid-ghi'] });
		sandbox.jira.resolveIssue(created.json.key, "Won't Do", 'alex.analyst@example.com');
		await sandbox.jira.settled();
		// Creating is jira:issue_created, which this webhook does not listen to.
		expect(received).toHaveLength(1);
		expect(received[0].url).toBe('/webhook/abc/webhook');
		expect(received[0].body).toMatchObject({
			webhookEvent: 'jira:issue_updated',
			issue_event_type_name: 'issue_resolved',
			timestamp: expect.any(Number),
			user: { name: 'alex.analyst' },
			issue: {
				key: created.json.key,
				fields: {
					labels: ['bigid-ghi'],
					resolution: { name: "Won't Do" },
					status: { statusCategory: { key: 'done' } },
					assignee: { emailAddress: 'alex.analyst@example.com' },
				},
			},
			changelog: {
				items: [
					expect.objectContaining({ field: 'assignee', to: 'alex.analyst' }),
					expect.objectContaining({ field: 'resolution', toString: "Won't Do" }),
					expect.objectContaining({ field: 'status', fromString: 'To Do', toString: 'Done' }),
				],
			},
		});
		expect(sandbox.jira.deliveries).toEqual([expect.objectContaining({ status: 200 })]);

		expect((await call('DELETE', `/rest/webhooks/1.0/webhook/${id}`)).status).toBe(204);
		expect((await call('GET', '/rest/webhooks/1.0/webhook')).json).toEqual([]);
	});

	it('honours a webhook JQL filter and the control route that resolves an issue', async () => {
		await call('POST', '/rest/webhooks/1.0/webhook', {
			name: 'ops only',
			url: `${receiverUrl}/ops`,
			events: ['jira:issue_updated'],
			filters: { 'issue-related-events-section': 'project = OPS' },
		});
		const created = await create({});
		const before = received.length;
		const response = await fetch(
			`${sandbox.url}/__sandbox/jira/issues/${created.json.key}/resolve`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ resolution: 'Done' }),
			},
		);
		expect(response.status).toBe(200);
		await sandbox.jira.settled();
		expect(sandbox.jira.issues.at(-1)).toMatchObject({ resolutionId: '10000', statusId: '10001' });
		expect(received).toHaveLength(before);
	});
});
