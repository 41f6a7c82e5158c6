import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { API_PREFIX, parseBaseUrl } from './baseUrl';
import {
	connectionErrorCode,
	NEVER_SENT_CODES,
	TRANSIENT_CONNECTION_CODES,
} from './connectionErrors';
import type { RequestFailure } from './errors';
import { toNodeApiError } from './errors';
import { findLoginError } from './loginError';
import { redactSecrets, secretsOf } from './secrets';

export type BigIdContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface BigIdRequest {
	method?: IHttpRequestMethods;
	/** Path segments after /api/v1; each one is URL-encoded, so an ID cannot change the route. */
	path: string[];
	qs?: IDataObject;
	body?: IDataObject;
	/** Fixes that fit this operation better than the generic troubleshooting row, by HTTP status. */
	hints?: Partial<Record<number, string>>;
	/** Told each time BigID answers 429 and the request is about to be sent again. */
	onThrottle?: () => void;
	/** `text`: the answer is plain text (the audit log), returned as `{text}` instead of parsed as JSON. */
	responseFormat?: 'json' | 'text';
}

interface Connection {
	baseUrl: string;
	skipSslCertificateValidation: boolean;
	secrets: string[];
}

export const MAX_ATTEMPTS = 5;
const REQUEST_TIMEOUT_MS = 60_000;
const RETRY_BASE_DELAY_MS = 250;
const RETRY_MAX_DELAY_MS = 8_000;
const RETRY_AFTER_CAP_SECONDS = 60;
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

const connections = new WeakMap<object, Connection>();

async function connectionOf(context: BigIdContext): Promise<Connection> {
	let connection = connections.get(context);
	if (!connection) {
		const credentials = (await context.getCredentials(
			'bigIdApi',
		)) as ICredentialDataDecryptedObject;
		const parsed = parseBaseUrl(credentials.baseUrl);
		if (parsed.problem !== undefined) {
			throw new NodeOperationError(context.getNode(), parsed.problem, {
				description: 'Fix the Base URL in the BigID API credential.',
			});
		}
		connection = {
			baseUrl: parsed.baseUrl,
			skipSslCertificateValidation: credentials.ignoreSslIssues === true,
			secrets: secretsOf(credentials),
		};
		connections.set(context, connection);
	}
	return connection;
}

/** URL parsers resolve `.` and `..` (even percent-encoded) and collapse empty segments, so no request may carry them. */
function unsafePathSegment(path: string[]): string | undefined {
	return path.find((segment) => segment.trim() === '' || segment === '.' || segment === '..');
}

export function failureOf(error: unknown): RequestFailure {
	const visited = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !visited.has(current)) {
		visited.add(current);
		const response = (
			current as { response?: { status?: number; data?: unknown; headers?: IDataObject } }
		).response;
		if (response && typeof response.status === 'number') {
			return {
				status: response.status,
				body: response.data,
				retryAfterSeconds: retryAfterOf(response.headers),
			};
		}
		current = (current as { cause?: unknown }).cause;
	}
	// n8n 1.x wraps an HTTP error answer in a NodeApiError that keeps only its status, the body
	// (when it was an object) and the message found in it.
	const wrapped = error as { httpCode?: unknown; context?: IDataObject; description?: unknown };
	const status = Number(wrapped?.httpCode);
	if (Number.isInteger(status) && status >= 400) {
		const body = wrapped.context?.data;
		return {
			status,
			body:
				body && typeof body === 'object'
					? body
					: typeof wrapped.description === 'string'
						? { error: wrapped.description }
						: undefined,
		};
	}
	const connectionCode = connectionErrorCode(error);
	return connectionCode ? { connectionCode } : { connectionCode: 'ECONNRESET' };
}

function retryAfterOf(headers: IDataObject | undefined): number | undefined {
	const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (value === undefined || value === null) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

type ReadBody = { body: IDataObject; failure?: undefined } | { failure: RequestFailure };

/** An HTML page, a truncated body or nothing at all, where BigID promises JSON. */
function readBody(
	response: IN8nHttpFullResponse,
	method: string,
	format: BigIdRequest['responseFormat'],
): ReadBody {
	let body = response.body as unknown;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (format === 'text' && (typeof body === 'string' || body === undefined || body === null)) {
		const text = typeof body === 'string' ? body : '';
		// A proxy's HTML error page is no audit log either.
		if (text.trimStart().startsWith('<')) return readBody(response, method, 'json');
		return { body: { text } };
	}
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '') {
			return method === 'GET'
				? { failure: { unreadableBody: 'an empty body', status: response.statusCode } }
				: { body: {} };
		}
		if (text.startsWith('<')) {
			// A proxy in front of BigID answers HTTP 200 with its own "502 Bad Gateway" page.
			if (/\b502\b|bad gateway/i.test(text)) {
				return { failure: { status: 502, body: 'HTML 502 Bad Gateway page' } };
			}
			return { failure: { unreadableBody: 'an HTML page', status: response.statusCode } };
		}
		try {
			body = JSON.parse(text);
		} catch {
			return {
				failure: { unreadableBody: 'a truncated or malformed body', status: response.statusCode },
			};
		}
	}
	if (body === null || body === undefined) return { body: {} };
	if (Array.isArray(body)) return { body: { items: body } };
	if (typeof body !== 'object') return { body: { value: body as string } };
	if ((body as IDataObject).success === false) {
		return { failure: { status: response.statusCode >= 400 ? response.statusCode : 400, body } };
	}
	return { body: body as IDataObject };
}

function mayRetry(failure: RequestFailure, method: string): boolean {
	if (failure.connectionCode) {
		return method === 'GET'
			? TRANSIENT_CONNECTION_CODES.has(failure.connectionCode)
			: NEVER_SENT_CODES.has(failure.connectionCode);
	}
	if (method !== 'GET') {
		// 429 means BigID refused the request without acting on it; anything else may have been carried out.
		return failure.status === 429;
	}
	return failure.unreadableBody !== undefined || RETRYABLE_STATUSES.has(failure.status ?? 0);
}

function retryDelayMs(failure: RequestFailure, attempt: number): number {
	if (failure.retryAfterSeconds !== undefined) {
		return Math.min(failure.retryAfterSeconds, RETRY_AFTER_CAP_SECONDS) * 1000;
	}
	return Math.min(RETRY_BASE_DELAY_MS * 2 ** (attempt - 1), RETRY_MAX_DELAY_MS);
}

/**
 * The one place that talks HTTP to BigID. Authentication, token caching and the new login
 * after a 401 are n8n's (through the credential); retries of idempotent requests, reading both
 * envelope styles and turning failures into clear errors are done here.
 */
export async function bigIdApiRequest(
	this: BigIdContext,
	request: BigIdRequest,
	itemIndex = 0,
): Promise<IDataObject> {
	const { baseUrl, skipSslCertificateValidation, secrets } = await connectionOf(this);
	const method = request.method ?? 'GET';
	const unsafe = unsafePathSegment(request.path);
	if (unsafe !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			unsafe.trim() === ''
				? 'An ID or name is empty'
				: `"${unsafe}" is not a valid BigID ID or name`,
			{
				itemIndex,
				description: "Bad or malformed ID provided. Double-check the ID or name you're using.",
			},
		);
	}
	const path = `${API_PREFIX}/${request.path.map(encodeURIComponent).join('/')}`;
	const errorContext = {
		node: this.getNode(),
		itemIndex,
		baseUrl,
		method,
		path,
		hints: request.hints,
		secrets,
	};

	let unauthorizedRetried = false;
	for (let attempt = 1; ; attempt++) {
		const options: IHttpRequestOptions = {
			method,
			url: `${baseUrl}${path}`,
			qs: request.qs,
			body: request.body,
			json: request.responseFormat !== 'text',
			...(request.responseFormat === 'text' ? { encoding: 'text' as const } : {}),
			returnFullResponse: true,
			skipSslCertificateValidation,
			timeout: REQUEST_TIMEOUT_MS,
		};
		let failure: RequestFailure;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				'bigIdApi',
				options,
			)) as IN8nHttpFullResponse;
			const answer = readBody(response, method, request.responseFormat);
			if (answer.failure === undefined) return answer.body;
			failure = answer.failure;
		} catch (error) {
			const loginError = findLoginError(error);
			if (loginError) {
				const message = redactSecrets(loginError.message, secrets);
				// The request was not carried out (it never left, or met a 401), so even a POST may be sent again.
				if (loginError.transient && attempt < MAX_ATTEMPTS) {
					this.logger.debug(
						`BigID ${method} ${path} failed (login: ${message}); retry ${attempt} of ${MAX_ATTEMPTS - 1}`,
					);
					await sleep(retryDelayMs({}, attempt));
					continue;
				}
				throw new NodeApiError(
					this.getNode(),
					{ message },
					{ message, itemIndex, httpCode: '401' },
				);
			}
			failure = failureOf(error);
		}
		// n8n already logged in again once for this 401. One more round covers a token that was
		// fresh but revoked meanwhile (by an admin, or by executions sharing one login); BigID did
		// not act on a request it answered 401, so even a POST may go again.
		const retryUnauthorized: boolean = failure.status === 401 && !unauthorizedRetried;
		unauthorizedRetried ||= retryUnauthorized;
		if (attempt < MAX_ATTEMPTS && (retryUnauthorized || mayRetry(failure, method))) {
			if (failure.status === 429) request.onThrottle?.();
			this.logger.debug(
				`BigID ${method} ${path} failed (${failure.status ?? failure.connectionCode ?? failure.unreadableBody}); retry ${attempt} of ${MAX_ATTEMPTS - 1}`,
			);
			await sleep(retryDelayMs(failure, attempt));
			continue;
		}
		throw toNodeApiError(failure, errorContext);
	}
}
