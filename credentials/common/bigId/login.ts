import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { API_PREFIX, parseBaseUrl } from './baseUrl';
import {
	connectionErrorCode,
	describeConnectionFailure,
	TRANSIENT_CONNECTION_CODES,
} from './connectionErrors';
import { BigIdLoginError } from './loginError';
import { bigIdMessageOf, isBadGatewayPage } from './messages';
import { forgetRejectedLogin, rememberRejectedLogin } from './rejectedLogins';
import { redactSecrets, secretsOf } from './secrets';

function responseOf(error: unknown): { status?: number; data?: unknown } {
	const response = (error as { response?: { status?: number; data?: unknown } })?.response;
	return { status: response?.status, data: response?.data };
}

/** The Authorization header of a token: as is, or `Bearer <token>`, as the credential says. */
export function authorizationValue(
	credentials: ICredentialDataDecryptedObject,
	token: string,
): string {
	return credentials.authHeaderFormat === 'bearer' ? `Bearer ${token}` : token;
}

/**
 * One login to BigID with the credential's secret: a session (username and password) or an API
 * token exchanged for a system token. A rejection is remembered (rejectedLogins.ts); a failure
 * for now (timeout, 5xx, connection refused) is not a rejection.
 */
export async function logIn(
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

	/** Why the login request failed: BigID's rejection, or a failure for now (transient). */
	const failureOf = (error: unknown): BigIdLoginError => {
		const code = connectionErrorCode(error);
		const { status, data } = responseOf(error);
		const bigIdMessage = bigIdMessageOf(data) ? `: ${bigIdMessageOf(data)}` : '';
		if (status === 401 || status === 403) {
			return rejection(`BigID rejected the login (HTTP ${status}${bigIdMessage}). ${fix}`);
		}
		let message: string;
		if (status === undefined) {
			message = code
				? describeConnectionFailure(code, baseUrl)
				: `Could not log in to BigID at ${baseUrl}: ${(error as Error).message}`;
		} else if (status === 404) {
			message = `BigID has no login endpoint at ${request.url} (HTTP 404). Check the Base URL: it should be the address of your BigID deployment, for example https://bigid.example.com`;
		} else {
			message = `BigID could not log in (HTTP ${status}${bigIdMessage}). Wait a moment and retry. If it persists, reach out to support.`;
		}
		const transient =
			status === undefined
				? code !== undefined && TRANSIENT_CONNECTION_CODES.has(code)
				: status === 429 || status >= 500;
		return new BigIdLoginError(redactSecrets(message, secrets), transient, status);
	};

	let answer: IDataObject;
	try {
		answer = (await helpers.helpers.httpRequest(request)) as IDataObject;
	} catch (error) {
		throw failureOf(error);
	}

	if (typeof answer === 'string') {
		if (isBadGatewayPage(answer)) {
			throw new BigIdLoginError(
				'A proxy in front of BigID answered the login with 502 Bad Gateway. Wait a moment and retry. If it persists, check the proxy or load balancer in front of BigID.',
				true,
				502,
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
