/**
 * The logins BigID rejected in this n8n process, by identity (a hash, never the secret). BigID
 * logins often go to a directory such as Active Directory, which locks an account after a few
 * failures, and that service account is usually shared by every BigID integration: a secret BigID
 * rejected is not tried again by any execution, poll, dropdown or tool call of this process until
 * the period below has passed, the secret has changed (a new identity) or n8n restarts.
 */
const rejections = new Map<string, { message: string; at: number }>();

/**
 * Long enough that one process adds at most one failure to the 15–30 minute windows in which
 * lockout policies count failures; short enough that a directory outage which rejected a good
 * password stops failing workflows a quarter of an hour after it ended (a restart clears it too).
 */
export const REJECTED_LOGIN_REMEMBERED_MS = 15 * 60_000;

/** Far more credentials than one n8n holds; past it the oldest rejection is forgotten first. */
const REMEMBERED_REJECTIONS = 1000;

function secretNameOf(usesApiToken: boolean): string {
	return usesApiToken ? 'API token' : 'password';
}

function clockTimeOf(time: number): string {
	return `${new Date(time).toISOString().slice(11, 19)} UTC`;
}

/** Remembers that BigID rejected `identity`; the text BigID's rejection got, with what happens next. */
export function rememberRejectedLogin(
	identity: string,
	message: string,
	usesApiToken: boolean,
	now = Date.now(),
): string {
	const secret = secretNameOf(usesApiToken);
	const minutes = REJECTED_LOGIN_REMEMBERED_MS / 60_000;
	const told = `${message} n8n will not log in with this ${secret} again for ${minutes} minutes (or until n8n restarts), so retries cannot lock the account: fix the credential, and a changed ${secret} logs in at once.`;
	rejections.delete(identity);
	rejections.set(identity, { message, at: now });
	if (rejections.size > REMEMBERED_REJECTIONS) {
		rejections.delete(rejections.keys().next().value!);
	}
	return told;
}

/** Why no login may be tried for `identity` now, or undefined when one may. */
export function refusedLogin(
	identity: string,
	usesApiToken: boolean,
	now = Date.now(),
): string | undefined {
	const rejection = rejections.get(identity);
	if (rejection === undefined) return undefined;
	const retryAt = rejection.at + REJECTED_LOGIN_REMEMBERED_MS;
	if (now >= retryAt) {
		rejections.delete(identity);
		return undefined;
	}
	const secret = secretNameOf(usesApiToken);
	return `${rejection.message} No new login was tried, so the account is not locked: BigID rejected this ${secret} at ${clockTimeOf(rejection.at)}, and n8n tries it again only after ${clockTimeOf(retryAt)} or a restart. Fix the credential: a changed ${secret} logs in at once.`;
}

/** A login of `identity` succeeded: whatever was remembered of it is over. */
export function forgetRejectedLogin(identity: string): void {
	rejections.delete(identity);
}
