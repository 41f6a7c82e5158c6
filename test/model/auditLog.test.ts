import {
	AuditTimeline,
	auditLinesOf,
	auditRecordMatcher,
	parseAuditLine,
	wildcardMatcher,
} from '../../nodes/BigId/model/auditLog';

describe('parseAuditLine', () => {
	it.each([
		[
			'[2026-01-01T00:00:00Z] [admin] [10.0.0.1] [login] [/api/v1/sessions] [admin] [curl/8]',
			{
				timestamp: '2026-01-01T00:00:00Z',
				user: 'admin',
				ip: '10.0.0.1',
				action: 'login',
				endpoint: '/api/v1/sessions',
				resource: 'admin',
				userAgent: 'curl/8',
			},
		],
		[
			'  [t] [] [] [a] [] [] [agent [with] brackets]  ',
			{
				timestamp: 't',
				user: '',
				ip: '',
				action: 'a',
				endpoint: '',
				resource: '',
				userAgent: 'agent [with] brackets',
			},
		],
	])('reads %j', (line, entry) => {
		expect(parseAuditLine(line)).toEqual(entry);
	});

	it.each([
		'plain text',
		'[only] [six] [fields] [in] [this] [line]',
		'[a] [b] [c] [d] [e] [f] [g] trailing text',
		'',
	])('keeps %j whole as raw', (line) => {
		expect(parseAuditLine(line)).toEqual({ raw: line });
	});
});

describe('auditLinesOf and AuditTimeline', () => {
	it('drops blank lines, reads CRLF, and times an untimed line as the line before it', () => {
		const lines = auditLinesOf(
			'junk first\r\n[2026-01-01T00:00:01Z] [u] [i] [a] [e] [r] [g]\r\n\r\nwrapped line\n[bad time] [u] [i] [a] [e] [r] [g]\n',
		);
		expect(lines).toHaveLength(4);
		const timeline = new AuditTimeline(lines);
		const second = Date.parse('2026-01-01T00:00:01Z');
		expect([0, 1, 2, 3].map((index) => timeline.timeAt(index))).toEqual([
			null,
			second,
			second,
			second,
		]);
		expect(timeline.runStart(3)).toBe(1);
		expect(timeline.runStart(0)).toBe(0);
	});
});

describe('wildcardMatcher and auditRecordMatcher', () => {
	it.each([
		[['login_failed'], 'LOGIN_FAILED', true],
		[['*user*'], 'update_user', true],
		[['*user*'], 'login', false],
		[['svc-*'], 'svc-sync', true],
		[['a.b'], 'axb', false],
		[['(x)'], '(x)', true],
		[[' ', ''], 'anything', true],
	])('%j matches %j: %s', (patterns, value, matches) => {
		expect(wildcardMatcher(patterns)(value)).toBe(matches);
	});

	it('lets a raw line through only when no filter is set', () => {
		expect(auditRecordMatcher({})({ raw: 'x' })).toBe(true);
		expect(auditRecordMatcher({ users: [' '] })({ raw: 'x' })).toBe(true);
		expect(auditRecordMatcher({ endpoints: ['/api/*'] })({ raw: 'x' })).toBe(false);
	});
});
