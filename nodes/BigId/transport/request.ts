import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { API_PREFIX, parseBaseUrl } from '../../../credentials/common/bigId/baseUrl';
import { isSessionOfCredential } from '../../../credentials/common/bigId/identity';
import { isBadGatewayPage } from '../../../credentials/common/bigId/messages';
import { redactSecrets, secretsOf } from '../../../credentials/common/bigId/secrets';
import type { NotOffered, RequestFailure } from './errors';
import { failureOf, toNodeApiError } from './errors';
import { MAX_ATTEMPTS, retryDecision } from './retryPolicy';

export type BigIdContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface BigIdRequest {
	method?: IHttpRequestMethods;
	/** Path segments after /api/v1; each one is URL-encoded, so an ID cannot change the route. */
	path: string[];
	qs?: IDataObject;
	body?: IDataObject;
	/** Headers of this endpoint besides authentication, such as the `Accept-version` of BigID's app proxy. */
	headers?: Record<string, string>;
	/** Fixes that fit this operation better than the generic troubleshooting row, by HTTP status. */
	hints?: Partial<Record<number, string>>;
	/** Told each time BigID answers 429 and the request is about to be sent again. */
	onThrottle?: () => void;
	/** `text`: the answer is plain text (the audit log), returned as `{text}` instead of parsed as JSON. */
	responseFormat?: 'json' | 'text';
	/**
	 * Secrets of this request besides the credential's, cut out of its errors and logs: a user's
	 * new password, which BigID may echo in a validation error.
	 */
	extraSecrets?: string[];
	/**
	 * An endpoint docs/bigid-api.md does not confirm, as users would name what it does ("listing
	 * scan profiles"): BigID answering one of `statuses` (404 and 405 unless given) means this
	 * BigID version lacks it, and the error (`EndpointNotOfferedError`) says so.
	 */
	notOffered?: NotOffered;
}

/** The credential as it is at this attempt: a poll context lives as long as the activation. */
interface Connection {
	baseUrl: string;
	skipSslCertificateValidation: boolean;
	secrets: string[];
	credentials: ICredentialsDecrypted;
}

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Read at every attempt, never kept on the context: n8n reuses one poll context for every poll of
 * an activation, so a password fixed or a Base URL moved in the credential must count at the next
 * request. The request helper reads the credential at every request too; handing it this copy
 * keeps that to one read.
 */
async function connectionOf(context: BigIdContext): Promise<Connection> {
	const data = (await context.getCredentials('bigIdApi')) as ICredentialDataDecryptedObject;
	const parsed = parseBaseUrl(data.baseUrl);
	if (parsed.problem !== undefined) {
		throw new NodeOperationError(context.getNode(), parsed.problem, {
			description: 'Fix the Base URL in the BigID API credential.',
		});
	}
	// A session issued for another password, token or Base URL (n8n keeps the token when the
	// credential is edited) is not sent: an empty token makes n8n log in with the secret as it is now.
	if (!isSessionOfCredential(data)) data.sessionToken = '';
	const details = context.getNode().credentials?.bigIdApi;
	return {
		baseUrl: parsed.baseUrl,
		skipSslCertificateValidation: data.ignoreSslIssues === true,
		secrets: secretsOf(data),
		credentials: { id: details?.id ?? '', name: details?.name ?? '', type: 'bigIdApi', data },
	};
}

/**
 * The URL path of the request. URL parsers resolve `.` and `..` (even percent-encoded) and
 * collapse empty segments, so no request may carry them.
 */
function apiPath(context: BigIdContext, segments: string[], itemIndex: number): string {
	const unsafe = segments.find(
		(segment) => segment.trim() === '' || segment === '.' || segment === '..',
	);
	if (unsafe !== undefined) {
		throw new NodeOperationError(
			context.getNode(),
			unsafe.trim() === ''
				? 'An ID or name is empty'
				: `"${unsafe}" is not a valid BigID ID or name`,
			{
				itemIndex,
				description: "Bad or malformed ID provided. Double-check the ID or name you're using.",
			},
		);
	}
	return `${API_PREFIX}/${segments.map(encodePathSegment).join('/')}`;
}

/**
 * A colon stays as it is (RFC 3986 allows it in a segment and it cannot change the route): BigID's
 * custom methods are spelled `cases:updateCases`, and a server matching the raw path would not
 * know `cases%3AupdateCases`.
 */
const encodePathSegment = (segment: string) => encodeURIComponent(segment).replace(/%3A/gi, ':');

type Answer = { body: IDataObject; failure?: undefined } | { failure: RequestFailure };

/** An HTML page, a truncated body or nothing at all, where BigID promises JSON. */
function readBody(
	response: IN8nHttpFullResponse,
	method: string,
	format: BigIdRequest['responseFormat'],
): Answer {
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
		if (isBadGatewayPage(text))
			return { failure: { status: 502, body: 'HTML 502 Bad Gateway page' } };
		if (text.startsWith('<')) {
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

/** One attempt: n8n logs in when needed (through the credential) and sends the request. */
async function send(
	context: BigIdContext,
	connection: Connection,
	method: IHttpRequestMethods,
	path: string,
	request: BigIdRequest,
): Promise<Answer> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			'bigIdApi',
			{
				method,
				url: `${connection.baseUrl}${path}`,
				qs: request.qs,
				body: request.body,
				headers: request.headers,
				json: request.responseFormat !== 'text',
				...(request.responseFormat === 'text' ? { encoding: 'text' as const } : {}),
				returnFullResponse: true,
				skipSslCertificateValidation: connection.skipSslCertificateValidation,
				timeout: REQUEST_TIMEOUT_MS,
			},
			{ credentialsDecrypted: connection.credentials },
		)) as IN8nHttpFullResponse;
		return readBody(response, method, request.responseFormat);
	} catch (error) {
		return { failure: failureOf(error) };
	}
}

function reasonOf(failure: RequestFailure): string {
	if (failure.login) return `login: ${failure.login.message}`;
	return String(failure.status ?? failure.connectionCode ?? failure.unreadableBody);
}

/**
 * The one place that talks HTTP to BigID. Authentication, token caching and the new login
 * after a 401 are n8n's (through the credential); retries, reading both envelope styles and
 * turning failures into clear errors are done here.
 */
export async function bigIdApiRequest(
	this: BigIdContext,
	request: BigIdRequest,
	itemIndex = 0,
): Promise<IDataObject> {
	const method = request.method ?? 'GET';
	const path = apiPath(this, request.path, itemIndex);

	let unauthorizedRetried = false;
	for (let attempt = 1; ; attempt++) {
		const connection = await connectionOf(this);
		connection.secrets.push(...(request.extraSecrets ?? []).filter(Boolean));
		const answer = await send(this, connection, method, path, request);
		if (answer.failure === undefined) return answer.body;
		const { failure } = answer;
		const decision = retryDecision({ method, failure, attempt, unauthorizedRetried });
		if (!decision.retry) {
			throw toNodeApiError(failure, {
				node: this.getNode(),
				itemIndex,
				baseUrl: connection.baseUrl,
				method,
				path,
				hints: request.hints,
				notOffered: request.notOffered,
				secrets: connection.secrets,
			});
		}
		unauthorizedRetried ||= failure.status === 401;
		if (failure.status === 429) request.onThrottle?.();
		this.logger.debug(
			redactSecrets(
				`BigID ${method} ${path} failed (${reasonOf(failure)}); retry ${attempt} of ${MAX_ATTEMPTS - 1}`,
				connection.secrets,
			),
		);
		await sleep(decision.delayMs);
	}
}
