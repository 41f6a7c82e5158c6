import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	connectionErrorCode,
	describeConnectionFailure,
} from '../../../credentials/common/bigId/connectionErrors';
import { causesOf } from '../../../credentials/common/bigId/errorCauses';
import { findLoginError } from '../../../credentials/common/bigId/loginError';
import { bigIdMessageOf } from '../../../credentials/common/bigId/messages';
import { redactSecrets } from '../../../credentials/common/bigId/secrets';

/** What went wrong with one request, stripped of everything that could carry a secret (headers, request config). */
export interface RequestFailure {
	status?: number;
	body?: unknown;
	retryAfterSeconds?: number;
	connectionCode?: string;
	/** The answer was not JSON: an HTML page, a truncated body, nothing at all. */
	unreadableBody?: string;
	/** Neither an answer nor a connection failure: the text of the error, whatever it is. */
	unrecognisedError?: string;
	/** The credential could not log in, so the request was not sent. */
	login?: { message: string; transient: boolean; status?: number };
}

/** The troubleshooting table of BigID's scan profile tutorial, extended to the statuses BigID and its proxies also send. */
const TROUBLESHOOTING: Record<number, { meaning: string; fix: string }> = {
	400: {
		meaning: 'Bad or malformed ID or parameter provided',
		fix: "Double-check the ID you're using.",
	},
	401: {
		meaning: 'API key missing or invalid',
		fix: 'Verify your API key and authorization header: the password or API token in the BigID API credential, and its Authorization Header Format.',
	},
	403: {
		meaning: 'The BigID user of the credential is not allowed to do this',
		fix: 'Give that BigID user a role with the permission for this action.',
	},
	404: {
		meaning: "The ID doesn't exist",
		fix: 'Make sure the ID is valid and fetched from BigID.',
	},
	405: {
		meaning: 'This BigID version does not offer this operation',
		fix: 'Check the API documentation of your BigID version.',
	},
	409: {
		meaning: 'The object already exists',
		fix: 'Use a different name, or update the existing object.',
	},
	429: {
		meaning: 'BigID is rate limiting requests',
		fix: 'Wait a moment and retry. Run fewer executions at once, or add a Wait node between batches.',
	},
	500: {
		meaning: 'BigID server hit a snag (internal error)',
		fix: 'Wait a moment and retry. If it persists, reach out to support.',
	},
	502: {
		meaning: 'A proxy in front of BigID could not reach it (Bad Gateway)',
		fix: 'Wait a moment and retry. If it persists, check the proxy or load balancer in front of BigID.',
	},
	503: {
		meaning: 'BigID is unavailable right now',
		fix: 'Wait a moment and retry. If it persists, reach out to support.',
	},
	504: {
		meaning: 'A proxy in front of BigID timed out waiting for it',
		fix: 'Wait a moment and retry. If it persists, check the proxy or load balancer in front of BigID.',
	},
};

/** What n8n's request helper threw, as what went wrong with the request. */
export function failureOf(error: unknown): RequestFailure {
	const loginError = findLoginError(error);
	if (loginError) {
		const { message, transient, status } = loginError;
		return { login: { message, transient, status } };
	}
	for (const cause of causesOf(error)) {
		const { response } = cause as {
			response?: { status?: number; data?: unknown; headers?: IDataObject };
		};
		if (response && typeof response.status === 'number') {
			return {
				status: response.status,
				body: response.data,
				retryAfterSeconds: retryAfterOf(response.headers),
			};
		}
	}
	// n8n 1.x wraps an HTTP error answer in a NodeApiError that keeps only its status, the body
	// (when it was an object) and the message found in it. A text body is lost: the description
	// is then the HTTP client's own "Request failed with status code 401", not BigID's words.
	const wrapped = error as { httpCode?: unknown; context?: IDataObject; description?: unknown };
	const status = Number(wrapped?.httpCode);
	if (Number.isInteger(status) && status >= 400) {
		const body = wrapped.context?.data;
		const { description } = wrapped;
		const bigIdSaid =
			typeof description === 'string' && !/^Request failed with status code \d+$/.test(description);
		return {
			status,
			body:
				body && typeof body === 'object' ? body : bigIdSaid ? { error: description } : undefined,
		};
	}
	const connectionCode = connectionErrorCode(error);
	return connectionCode ? { connectionCode } : { unrecognisedError: innermostMessage(error) };
}

/** The text of the error at the end of the `cause` chain: what went wrong in the first place. */
function innermostMessage(error: unknown): string {
	const texts = causesOf(error)
		.map((cause) => (cause as { message?: unknown }).message)
		.filter((text): text is string => typeof text === 'string' && text.trim() !== '');
	return texts[texts.length - 1] ?? String(error);
}

function retryAfterOf(headers: IDataObject | undefined): number | undefined {
	const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (value === undefined || value === null) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export interface ErrorContext {
	node: INode;
	itemIndex: number;
	baseUrl: string;
	method: string;
	path: string;
	/** Fixes that fit this operation better than the generic row of the table, by HTTP status. */
	hints?: Partial<Record<number, string>>;
	notOffered?: NotOffered;
	/** Removed from every text of the error, wherever BigID may have echoed them. */
	secrets: string[];
}

export interface NotOffered {
	what: string;
	statuses?: number[];
}

/** A version without an endpoint answers it as an unknown route, or refuses the method on it. */
const NOT_OFFERED_STATUSES = [404, 405];

/**
 * BigID answered an unconfirmed endpoint as a version without it does: the caller may do without
 * (`ifOffered` in the API client), or let the user read that this BigID lacks it.
 */
export class EndpointNotOfferedError extends NodeApiError {}

const MISSING_OBJECT = /\bunable to locate\b/i;

/** A write whose answer is unusable may still have been done: retrying blindly could do it twice. */
const mayHaveBeenCarriedOut = (method: string) =>
	` The ${method} may have been carried out before the error: check in BigID before you retry.`;

/** What `mayHaveBeenCarriedOut` and a write's lost connection say, for callers adding their own advice. */
const MAY_HAVE_HAPPENED = /may have (happened|been carried out)/;

/** Whether the error says its write may have reached BigID although its answer was lost. */
export function saysMayHaveHappened(error: NodeApiError): boolean {
	return MAY_HAVE_HAPPENED.test(`${error.message} ${error.description ?? ''}`);
}

export function toNodeApiError(failure: RequestFailure, context: ErrorContext): NodeApiError {
	const { node, itemIndex, baseUrl, method, path, hints, notOffered } = context;
	const status = failure.status ?? 0;
	const isNotOffered =
		notOffered !== undefined && (notOffered.statuses ?? NOT_OFFERED_STATUSES).includes(status);
	let message: string;
	let description: string | undefined;
	if (isNotOffered) {
		message = `This BigID version does not offer ${notOffered.what} (${method} ${path} answered ${status})`;
		description =
			'The BigID API of your deployment has no such endpoint. Do this in the BigID UI instead, or check the API documentation of your BigID version for its path.';
	} else if (failure.login) {
		// The credential's message already says what to fix.
		message = failure.login.message;
	} else if (failure.connectionCode) {
		const mayHaveHappened =
			method !== 'GET' && !['ECONNREFUSED', 'ENOTFOUND'].includes(failure.connectionCode);
		message = describeConnectionFailure(failure.connectionCode, baseUrl);
		description = mayHaveHappened
			? `(${failure.connectionCode}) The ${method} ${path} may have reached BigID before the connection failed, so it may have happened. Check in BigID before you retry, so that nothing is done twice.`
			: `${method} ${path} was not sent (${failure.connectionCode}).`;
	} else if (failure.unrecognisedError !== undefined) {
		message = failure.unrecognisedError;
		description = `${method} ${path} to BigID at ${baseUrl} failed with this error, which the BigID node does not recognise, so it was not retried.`;
		if (method !== 'GET') description += mayHaveBeenCarriedOut(method);
	} else if (failure.unreadableBody !== undefined) {
		message = `BigID answered ${method} ${path} with ${failure.unreadableBody} instead of JSON`;
		description =
			'Check the Base URL of the BigID API credential: it must point at the BigID API (https://host or https://host/api/v1), not at the web console or a proxy login page. If it is right, BigID or a proxy in front of it is failing: wait a moment and retry.';
		if (method !== 'GET') description += mayHaveBeenCarriedOut(method);
	} else {
		const bigIdSays = bigIdMessageOf(failure.body);
		// Some BigID endpoints answer a missing object with 400 "Unable to locate …": its fix is the 404's.
		const adviceStatus = status === 400 && MISSING_OBJECT.test(bigIdSays ?? '') ? 404 : status;
		const row = TROUBLESHOOTING[adviceStatus] ?? {
			meaning: `BigID answered with HTTP ${status}`,
			fix: 'Check the parameters of the node and retry.',
		};
		const fix = hints?.[adviceStatus] ?? row.fix;
		message = `BigID answered ${status}: ${bigIdSays ?? row.meaning}`;
		description = bigIdSays ? `${row.meaning}. ${fix}` : fix;
		if (status !== 401 && method !== 'GET' && status >= 500) {
			description += mayHaveBeenCarriedOut(method);
		}
	}
	message = redactSecrets(message, context.secrets);
	description = description && redactSecrets(description, context.secrets);
	// A login that failed for now keeps its own status (or none, for a dropped connection): n8n 3.0's
	// poll scheduler takes a 401 for a dead credential and pauses the trigger for 30 minutes.
	const reportedStatus = failure.login
		? failure.login.transient
			? failure.login.status
			: 401
		: failure.status;
	const httpCode = reportedStatus?.toString();
	const ErrorType = isNotOffered ? EndpointNotOfferedError : NodeApiError;
	return new ErrorType(node, { message, description, httpCode: httpCode ?? null } as JsonObject, {
		message,
		description,
		httpCode,
		itemIndex,
	});
}
