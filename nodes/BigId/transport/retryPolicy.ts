import {
	NEVER_SENT_CODES,
	TRANSIENT_CONNECTION_CODES,
} from '../../../credentials/common/bigId/connectionErrors';
import type { RequestFailure } from './errors';

export const MAX_ATTEMPTS = 5;
const RETRY_BASE_DELAY_MS = 250;
const RETRY_AFTER_CAP_SECONDS = 60;
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

export interface RetryQuestion {
	method: string;
	failure: RequestFailure;
	/** The attempt that just failed, counted from 1. */
	attempt: number;
	/** An earlier attempt of this request already met a 401 and was given its one more round. */
	unauthorizedRetried: boolean;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/** Whether a failed attempt is sent again, and after how long. Never retries a write that may have been carried out. */
export function retryDecision(question: RetryQuestion): RetryDecision {
	if (question.attempt >= MAX_ATTEMPTS || !mayRetry(question)) return { retry: false };
	return { retry: true, delayMs: retryDelayMs(question.failure, question.attempt) };
}

function mayRetry({ method, failure, unauthorizedRetried }: RetryQuestion): boolean {
	// The login failed before the request left, so even a POST may be sent again; never a login
	// BigID rejected: accounts lock after a few.
	if (failure.login) return failure.login.transient;
	if (failure.unrecognisedError !== undefined) return false;
	// n8n already logged in again once for this 401. One more round covers a token that was fresh
	// but revoked meanwhile (by an admin, or by executions sharing one login); BigID did not act
	// on a request it answered 401, so even a POST may go again.
	if (failure.status === 401) return !unauthorizedRetried;
	if (failure.connectionCode) {
		return method === 'GET'
			? TRANSIENT_CONNECTION_CODES.has(failure.connectionCode)
			: NEVER_SENT_CODES.has(failure.connectionCode);
	}
	// 429 means BigID refused the request without acting on it; anything else may have been carried out.
	if (method !== 'GET') return failure.status === 429;
	return failure.unreadableBody !== undefined || RETRYABLE_STATUSES.has(failure.status ?? 0);
}

function retryDelayMs(failure: RequestFailure, attempt: number): number {
	if (failure.retryAfterSeconds !== undefined) {
		return Math.min(failure.retryAfterSeconds, RETRY_AFTER_CAP_SECONDS) * 1000;
	}
	return RETRY_BASE_DELAY_MS * 2 ** (attempt - 1);
}
