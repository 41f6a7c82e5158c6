import { createHash, createHmac } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { parseBaseUrl } from './baseUrl';

/**
 * Who logs in, as a SHA-256 hash: the deployment, the mode and the secret that BigID checks
 * (the username and password, or the API token and the header it travels in). Two credentials
 * with the same identity log in as the same BigID account; a changed password, token or Base URL
 * is a new identity. The hash lets the process remember a login without keeping the secret.
 */
export function loginIdentityOf(credentials: ICredentialDataDecryptedObject): string {
	const parsed = parseBaseUrl(credentials.baseUrl);
	const deployment = parsed.problem === undefined ? parsed.baseUrl : String(credentials.baseUrl);
	const identity =
		credentials.authMode === 'apiToken'
			? [deployment, 'apiToken', credentials.authHeaderFormat ?? 'raw', credentials.apiToken]
			: [deployment, 'session', credentials.username, credentials.password];
	return createHash('sha256').update(JSON.stringify(identity)).digest('base64url');
}

/**
 * What the credential stores beside a session token: proof of the identity the token was issued
 * to, keyed by the token so the stored value says nothing about the password without it. n8n keeps
 * the token when a user edits the password; a token that does not prove the current identity
 * belongs to the old secret and is not sent.
 */
export function sessionSealOf(identity: string, sessionToken: string): string {
	return createHmac('sha256', sessionToken).update(identity).digest('base64url');
}

/** Whether the stored session token was issued for the credential as it is now. */
export function isSessionOfCredential(credentials: ICredentialDataDecryptedObject): boolean {
	const token = credentials.sessionToken;
	if (typeof token !== 'string' || token === '') return false;
	return credentials.sessionSeal === sessionSealOf(loginIdentityOf(credentials), token);
}
