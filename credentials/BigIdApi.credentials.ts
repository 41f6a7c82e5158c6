import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { API_PREFIX, parseBaseUrl } from './common/bigId/baseUrl';
import {
	connectionErrorCode,
	describeConnectionFailure,
	TRANSIENT_CONNECTION_CODES,
} from './common/bigId/connectionErrors';
import { isSessionOfCredential, loginIdentityOf, sessionSealOf } from './common/bigId/identity';
import { BigIdLoginError } from './common/bigId/loginError';
import { bigIdMessageOf, isBadGatewayPage } from './common/bigId/messages';
import {
	forgetRejectedLogin,
	refusedLogin,
	rememberRejectedLogin,
} from './common/bigId/rejectedLogins';
import { redactSecrets, secretsOf } from './common/bigId/secrets';

function responseOf(error: unknown): { status?: number; data?: unknown } {
	const response = (error as { response?: { status?: number; data?: unknown } })?.response;
	return { status: response?.status, data: response?.data };
}

export class BigIdApi implements ICredentialType {
	name = 'bigIdApi';

	displayName = 'BigID API';

	icon = {
		light: 'file:../nodes/BigId/bigid.svg',
		dark: 'file:../nodes/BigId/bigid.dark.svg',
	} as const;

	documentationUrl = 'https://developer.bigid.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://bigid.example.com',
			description:
				'Address of your BigID deployment. https://host, https://host/ and https://host:8443/api/v1 are all accepted.',
		},
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'Username & Password',
					value: 'session',
					description:
						'Log in with POST /api/v1/sessions; n8n logs in again when the session expires',
				},
				{
					name: 'API Token',
					value: 'apiToken',
					description:
						'A user token generated in the BigID UI, exchanged for a system token with GET /api/v1/refresh-access-token',
				},
			],
			default: 'session',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['session'] } },
			description: 'A dedicated BigID service account is recommended',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['session'] } },
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['apiToken'] } },
			description:
				'Generated in BigID under Administration → Access Management → the user → Generate Token',
		},
		{
			displayName: 'Authorization Header Format',
			name: 'authHeaderFormat',
			type: 'options',
			options: [
				{
					name: 'Token Only (Most BigID Versions)',
					value: 'raw',
					description: 'Authorization: <token>',
				},
				{
					name: 'Bearer Token',
					value: 'bearer',
					description: 'Authorization: Bearer <token>',
				},
			],
			default: 'raw',
			description:
				'Most BigID versions expect the token as is; newer documentation writes "Bearer <token>". Change this only if BigID answers 401 with a valid login.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the TLS certificate cannot be verified, for example a self-signed certificate on an on-prem deployment',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Seal',
			name: 'sessionSeal',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * Executions that run at once share one login: those that ask while a login is under way
	 * wait for it, and those whose token this process saw rejected just before take the token that
	 * replaced it. A token this process never saw rejected (the newest one, or one another n8n
	 * process wrote to the credential) always leads to a login: it may be newer than ours. A secret
	 * BigID rejected is not tried again for a while (rejectedLogins.ts), by anything in the process,
	 * the credential's Test button included: a test of a new secret logs in at once.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const identity = loginIdentityOf(credentials);
		const usesApiToken = credentials.authMode === 'apiToken';
		const refused = refusedLogin(identity, usesApiToken);
		if (refused !== undefined) throw new BigIdLoginError(refused);
		const rejected = String(credentials.sessionToken ?? '');
		const session = sessions.get(identity);
		if (
			session &&
			rejected !== session.token &&
			session.replaced.includes(rejected) &&
			Date.now() - session.at < REUSE_LOGIN_MS
		) {
			return sessionFields(identity, session.token);
		}
		let login = loginsInFlight.get(identity);
		if (!login) {
			login = logIn(this, credentials, identity).finally(() => loginsInFlight.delete(identity));
			loginsInFlight.set(identity, login);
		}
		const token = await login;
		recordReplacement(identity, rejected, token);
		return sessionFields(identity, token);
	}

	/**
	 * An own property, not a method: what n8n's editor knows of a credential is the instance
	 * spread into a plain object, and only an `authenticate` found there makes the editor offer
	 * the credential in the HTTP Request node and add Custom API Call to the BigID node. A
	 * function, not a generic expression: n8n would evaluate the expression on every request, and
	 * an expression cannot check where the request goes.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => await authenticateRequest(credentials, requestOptions);

	/**
	 * The HTTP Request preset for this credential. n8n hides it from the nodes panel because the
	 * BigID node uses the credential (PackageDirectoryLoader.inferSupportedNodes); it still names
	 * the credential's docs and base URL where n8n shows a preset.
	 */
	httpRequestNode = {
		name: 'BigID',
		docsUrl: 'https://developer.bigid.com/',
		apiBaseUrlPlaceholder: 'https://bigid.example.com/api/v1/',
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: `${API_PREFIX}/roles`,
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message:
						"BigID answered with success: false. Check the credential and the user's permissions.",
				},
			},
		],
	};
}

/**
 * The session token goes only to the host of the Base URL: the HTTP Request node and Custom API
 * Call send this credential wherever their URL points, and a token sent elsewhere is a token
 * handed over. A token issued for another secret is left out, so BigID answers 401 and n8n logs
 * in with the secret as it is now (the node's own requests never send one).
 */
async function authenticateRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const parsed = parseBaseUrl(credentials.baseUrl);
	if (parsed.problem !== undefined) throw new Error(parsed.problem);
	// Only the credential test sets a baseURL (an expression cannot call parseBaseUrl): it reads
	// the Base URL by the same rule as the node's requests.
	if (requestOptions.baseURL !== undefined) requestOptions.baseURL = parsed.baseUrl;
	const allowed = new URL(parsed.baseUrl).origin;
	const target = targetOf(requestOptions, parsed.baseUrl);
	if (target !== allowed) {
		throw new Error(
			`The BigID API credential sends its token only to its Base URL's host (${allowed}), and this request goes to ${target ?? 'an address that is not a URL'}. Use a URL on ${allowed}, or a path such as /api/v1/... with the BigID node's Custom API Call.`,
		);
	}
	const headers = { ...requestOptions.headers };
	delete headers.Authorization;
	requestOptions.headers = isSessionOfCredential(credentials)
		? {
				...headers,
				Authorization: authorizationValue(credentials, String(credentials.sessionToken)),
			}
		: headers;
	return requestOptions;
}

/** The origin a request goes to; the legacy request helper (the HTTP Request node) names it `uri`. */
function targetOf(requestOptions: IHttpRequestOptions, baseUrl: string): string | undefined {
	const { url, uri, baseURL } = requestOptions as IHttpRequestOptions & { uri?: string };
	try {
		return new URL(String(url ?? uri ?? ''), baseURL ?? `${baseUrl}/`).origin;
	} catch {
		return undefined;
	}
}

function authorizationValue(credentials: ICredentialDataDecryptedObject, token: string): string {
	return credentials.authHeaderFormat === 'bearer' ? `Bearer ${token}` : token;
}

const loginsInFlight = new Map<string, Promise<string>>();
/**
 * Per identity: the token of this process's newest login, when it was obtained, and the tokens
 * it replaced, newest last.
 */
const sessions = new Map<string, { token: string; at: number; replaced: string[] }>();
/**
 * The requests in flight when a session ends come back rejected within about one answer's time of
 * each other. Far shorter than a BigID session lives, so a reused token is almost always alive.
 */
const REUSE_LOGIN_MS = 5_000;
/** Enough for every execution still holding an older token; a longer tail only costs a login. */
const REPLACED_TOKENS_KEPT = 32;

function recordReplacement(key: string, rejected: string, token: string): void {
	const session = sessions.get(key);
	if (session?.token === token) {
		if (!session.replaced.includes(rejected)) session.replaced.push(rejected);
	} else {
		const replaced = session ? [...session.replaced, session.token] : [];
		sessions.set(key, {
			token,
			at: Date.now(),
			replaced: [...replaced.filter((old) => old !== rejected), rejected],
		});
	}
	const { replaced } = sessions.get(key)!;
	replaced.splice(0, Math.max(0, replaced.length - REPLACED_TOKENS_KEPT));
}

/** The session token and the seal that ties it to the identity it was issued for. */
function sessionFields(identity: string, token: string): ICredentialDataDecryptedObject {
	return { sessionToken: token, sessionSeal: sessionSealOf(identity, token) };
}

async function logIn(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	identity: string,
): Promise<string> {
	const parsed = parseBaseUrl(credentials.baseUrl);
	if (parsed.problem !== undefined) throw new BigIdLoginError(parsed.problem);
	const { baseUrl } = parsed;
	const secrets = secretsOf(credentials);
	const skipSslCertificateValidation = credentials.ignoreSslIssues === true;
	const usesApiToken = credentials.authMode === 'apiToken';
	const request: IHttpRequestOptions = usesApiToken
		? {
				method: 'GET',
				url: `${baseUrl}${API_PREFIX}/refresh-access-token`,
				headers: { Authorization: authorizationValue(credentials, String(credentials.apiToken)) },
				json: true,
				skipSslCertificateValidation,
			}
		: {
				method: 'POST',
				url: `${baseUrl}${API_PREFIX}/sessions`,
				body: { username: credentials.username, password: credentials.password },
				json: true,
				skipSslCertificateValidation,
			};
	const fix = usesApiToken
		? 'Check the API token in the BigID API credential: it may be expired or revoked (generate a new one in BigID), and check the Authorization Header Format.'
		: 'Check the username and password in the BigID API credential. If the password has expired, change it in BigID first.';
	/** BigID said no to this secret: remembered, so that nothing in this process tries it again soon. */
	const rejection = (message: string) =>
		new BigIdLoginError(
			rememberRejectedLogin(identity, redactSecrets(message, secrets), usesApiToken),
		);

	let answer: IDataObject;
	try {
		answer = (await helpers.helpers.httpRequest(request)) as IDataObject;
	} catch (error) {
		const code = connectionErrorCode(error);
		const { status, data } = responseOf(error);
		let message: string;
		const transient =
			status === undefined
				? code !== undefined && TRANSIENT_CONNECTION_CODES.has(code)
				: status === 429 || status >= 500;
		if (status === undefined) {
			message = code
				? describeConnectionFailure(code, baseUrl)
				: `Could not log in to BigID at ${baseUrl}: ${(error as Error).message}`;
		} else if (status === 401 || status === 403) {
			throw rejection(
				`BigID rejected the login (HTTP ${status}${bigIdMessageOf(data) ? `: ${bigIdMessageOf(data)}` : ''}). ${fix}`,
			);
		} else if (status === 404) {
			message = `BigID has no login endpoint at ${request.url} (HTTP 404). Check the Base URL: it should be the address of your BigID deployment, for example https://bigid.example.com`;
		} else {
			message = `BigID could not log in (HTTP ${status}${bigIdMessageOf(data) ? `: ${bigIdMessageOf(data)}` : ''}). Wait a moment and retry. If it persists, reach out to support.`;
		}
		throw new BigIdLoginError(redactSecrets(message, secrets), transient);
	}

	if (typeof answer === 'string') {
		if (isBadGatewayPage(answer)) {
			throw new BigIdLoginError(
				'A proxy in front of BigID answered the login with 502 Bad Gateway. Wait a moment and retry. If it persists, check the proxy or load balancer in front of BigID.',
				true,
			);
		}
		throw new BigIdLoginError(
			`BigID answered the login with a page that is not JSON. Check the Base URL: it should be the address of your BigID deployment (${baseUrl}), not its web console or a proxy login page.`,
		);
	}
	const token = usesApiToken ? answer?.systemToken : answer?.auth_token;
	if (answer?.success === false || typeof token !== 'string' || token === '') {
		const reason = (bigIdMessageOf(answer) ?? 'no token in the answer').replace(/\.+$/, '');
		const message = `BigID rejected the login: ${reason}. ${fix}`;
		if (answer?.success === false) throw rejection(message);
		throw new BigIdLoginError(redactSecrets(message, secrets));
	}
	forgetRejectedLogin(identity);
	return token;
}
