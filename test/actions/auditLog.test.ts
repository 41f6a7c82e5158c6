import type { IDataObject } from 'n8n-workflow';

import { auditLogApi } from '../../sandbox/entities/auditLog/routes';
import { auditLineOf } from '../../sandbox/entities/auditLog/model';
import { runNode } from '../harness/actionNode';
import { jsonOf } from '../harness/items';
import { useSandboxSession } from '../harness/sandbox';

const AUDIT_ROUTE = 'GET /api/v1/audit-log';

describe('Audit Log > Get Many', () => {
	const session = useSandboxSession({ users: 5 });
	const auditLog = () => session.sandbox.store.model(auditLogApi);
	const getMany = async (parameters: IDataObject = {}) =>
		await runNode(session.credentials, 'auditLog', {
			operation: 'getMany',
			returnAll: true,
			...parameters,
		});
	const failLogin = async () =>
		await fetch(`${session.sandbox.url}/api/v1/sessions`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'user-agent': 'curl/8.5 [test]' },
			body: JSON.stringify({ username: 'mallory', password: 'guess' }),
		});

	it('parses every line of what the sandbox saw, and keeps an unparseable line without dropping the rest', async () => {
		await failLogin();
		auditLog().append('java.lang.IllegalStateException: [unexpected] at line 3');
		await runNode(session.credentials, 'user', {
			operation: 'disable',
			user: { __rl: true, mode: 'id', value: session.sandbox.store.users[1].id },
		});
		const { items, error } = await getMany();
		expect(error).toBeUndefined();
		const records = jsonOf(items);
		expect(records.slice(0, 5).map((record) => record.action)).toEqual(Array(5).fill('login'));
		const rest = records.slice(5);
		expect(rest.map((record) => record.action ?? 'raw')).toEqual([
			'login_failed',
			'raw',
			'login',
			'update_user',
		]);
		expect(rest[0]).toEqual({
			timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			user: 'mallory',
			ip: expect.stringMatching(/127\.0\.0\.1/),
			action: 'login_failed',
			endpoint: '/api/v1/sessions',
			resource: 'mallory',
			userAgent: 'curl/8.5 [test]',
		});
		expect(rest[1]).toEqual({ raw: 'java.lang.IllegalStateException: [unexpected] at line 3' });
		expect(rest[3]).toMatchObject({
			user: session.sandbox.options.username,
			endpoint: `/api/v1/users/${session.sandbox.store.users[1].id}`,
			resource: session.sandbox.store.users[1].id,
		});
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(session.sandbox.stats.byRoute[AUDIT_ROUTE]).toBe(1);
	});

	it('filters by user, action (with wildcards) and since while reading, and keeps the newest lines under a limit', async () => {
		await failLogin();
		await failLogin();
		const { items: failed } = await getMany({ filters: { actions: 'LOGIN_F*', users: 'mallory' } });
		expect(failed).toHaveLength(2);
		const since = Date.parse(String(failed[1].json.timestamp));
		const { items: recent } = await getMany({ filters: { since: new Date(since).toISOString() } });
		expect(recent.length).toBeGreaterThanOrEqual(1);
		expect(
			recent.every(
				(item) => item.json.raw !== undefined || Date.parse(String(item.json.timestamp)) >= since,
			),
		).toBe(true);
		const all = jsonOf((await getMany()).items);
		const { items: newest } = await runNode(session.credentials, 'auditLog', {
			operation: 'getMany',
			limit: 2,
		});
		expect(jsonOf(newest)).toEqual(all.slice(-2));
		const { items: none } = await getMany({ filters: { users: 'nobody' } });
		expect(none).toEqual([]);
	});

	it('hides unparseable lines when a filter asks for what they cannot show', async () => {
		auditLog().append('not an audit line');
		const { items } = await getMany({ filters: { actions: '*' } });
		expect(items.some((item) => item.json.raw !== undefined)).toBe(false);
		const { items: unfiltered } = await getMany();
		expect(unfiltered.some((item) => item.json.raw === 'not an audit line')).toBe(true);
	});

	it('keeps a user agent holding brackets whole', async () => {
		await getMany(); // the node's own login is audited too
		auditLog().truncate();
		const line = auditLineOf(Date.UTC(2026, 0, 1), {
			user: 'svc',
			ip: '10.1.1.1',
			action: 'login',
			endpoint: '/api/v1/sessions',
			resource: 'svc',
			userAgent: 'agent [x] (y)',
		});
		auditLog().append(line);
		const { items } = await getMany();
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({
				timestamp: '2026-01-01T00:00:00.000Z',
				userAgent: 'agent [x] (y)',
			}),
		]);
	});

	it('reads an empty log as no items, and refuses a Since that is no date', async () => {
		await getMany();
		auditLog().truncate();
		expect((await getMany()).items).toEqual([]);
		const { error } = await getMany({ filters: { since: 'yesterday-ish' } });
		expect(error?.message).toMatch(/Since is not a date/);
	});
});
