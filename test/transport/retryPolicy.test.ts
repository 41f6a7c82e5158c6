import type { RequestFailure } from '../../nodes/BigId/transport/errors';
import { MAX_ATTEMPTS, retryDecision } from '../../nodes/BigId/transport/retryPolicy';

const NO = { retry: false };
const after = (delayMs: number) => ({ retry: true, delayMs });

/** method, what failed, attempt that failed, whether a 401 already had its extra round -> decision */
const TABLE: Array<[string, string, RequestFailure, number, boolean, object]> = [
	// Error answers: a GET is read again, a write only when BigID refused it without acting (429).
	['GET', '429', { status: 429 }, 1, false, after(250)],
	['GET', '429 with Retry-After: 3', { status: 429, retryAfterSeconds: 3 }, 1, false, after(3000)],
	[
		'GET',
		'429 with Retry-After: 600 (capped)',
		{ status: 429, retryAfterSeconds: 600 },
		1,
		false,
		after(60_000),
	],
	// The backoff doubles: 250 ms, 500 ms, 1 s, 2 s.
	['GET', '500', { status: 500 }, 2, false, after(500)],
	['GET', '502', { status: 502 }, 3, false, after(1000)],
	['GET', '503', { status: 503 }, 4, false, after(2000)],
	['GET', '504', { status: 504 }, MAX_ATTEMPTS, false, NO],
	['GET', '400', { status: 400 }, 1, false, NO],
	['GET', '403', { status: 403 }, 1, false, NO],
	['GET', '404', { status: 404 }, 1, false, NO],
	['GET', '409', { status: 409 }, 1, false, NO],
	['GET', 'an HTML page', { unreadableBody: 'an HTML page', status: 200 }, 1, false, after(250)],
	['POST', '429', { status: 429 }, 1, false, after(250)],
	['POST', '500 (may have been carried out)', { status: 500 }, 1, false, NO],
	['PUT', '502', { status: 502 }, 1, false, NO],
	['DELETE', '503', { status: 503 }, 1, false, NO],
	['POST', 'a malformed body', { unreadableBody: 'a truncated or malformed body' }, 1, false, NO],
	// A 401 after n8n's own new login gets one more round, on any method; a second one does not.
	['GET', '401', { status: 401 }, 1, false, after(250)],
	['POST', '401', { status: 401 }, 2, false, after(500)],
	['GET', '401 again', { status: 401 }, 2, true, NO],
	// Connection failures: a GET on any transient one, a write only when it certainly never left.
	['GET', 'ECONNRESET', { connectionCode: 'ECONNRESET' }, 1, false, after(250)],
	['GET', 'ETIMEDOUT', { connectionCode: 'ETIMEDOUT' }, 1, false, after(250)],
	['GET', 'ECONNREFUSED', { connectionCode: 'ECONNREFUSED' }, 1, false, after(250)],
	['GET', 'ENOTFOUND', { connectionCode: 'ENOTFOUND' }, 1, false, NO],
	[
		'GET',
		'DEPTH_ZERO_SELF_SIGNED_CERT',
		{ connectionCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
		1,
		false,
		NO,
	],
	['POST', 'ECONNREFUSED (never sent)', { connectionCode: 'ECONNREFUSED' }, 1, false, after(250)],
	['POST', 'ECONNRESET (may have arrived)', { connectionCode: 'ECONNRESET' }, 1, false, NO],
	['PUT', 'ETIMEDOUT (may have arrived)', { connectionCode: 'ETIMEDOUT' }, 1, false, NO],
	// Logins: one BigID rejected is never tried again; one that failed for now is, on any method.
	[
		'GET',
		'a login BigID rejected',
		{ login: { message: 'rejected', transient: false } },
		1,
		false,
		NO,
	],
	[
		'POST',
		'a login that failed for now',
		{ login: { message: 'for now', transient: true } },
		1,
		false,
		after(250),
	],
	[
		'GET',
		'a login that failed for now',
		{ login: { message: 'for now', transient: true } },
		MAX_ATTEMPTS,
		false,
		NO,
	],
	// Whatever the transport does not recognise is not taken for a dropped connection.
	[
		'GET',
		'an unrecognised error',
		{ unrecognisedError: 'Cannot read properties of undefined' },
		1,
		false,
		NO,
	],
];

describe('retry policy', () => {
	test.each(TABLE)(
		'%s answered %s on attempt %i (401 already retried: %s)',
		(method, _, failure, attempt, unauthorizedRetried, decision) => {
			expect(retryDecision({ method, failure, attempt, unauthorizedRetried })).toEqual(decision);
		},
	);
});
