import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { loginIdentityOf, sessionSealOf } from './identity';
import { logIn } from './login';
import { BigIdLoginError } from './loginError';
import { refusedLogin } from './rejectedLogins';

/**
 * The logins of this n8n process, shared by every execution, poll, dropdown and tool call: one
 * login at a time per identity, and the token that replaced a rejected one handed to those that
 * still hold the old one.
 */
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

/**
 * The session of `credentials`: a login under way for the same identity is waited for, a token
 * this process saw replaced just before gets its replacement, anything else logs in (unless BigID
 * rejected this secret a moment ago: then nothing is sent).
 */
export async function sessionFor(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<ICredentialDataDecryptedObject> {
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
		login = logIn(helpers, credentials, identity).finally(() => loginsInFlight.delete(identity));
		loginsInFlight.set(identity, login);
	}
	const token = await login;
	recordReplacement(identity, rejected, token);
	return sessionFields(identity, token);
}
