import { causesOf } from './errorCauses';

/** How many login errors are remembered by their text; one per failing credential is enough. */
const REMEMBERED_LOGIN_ERRORS = 100;

/**
 * n8n 1.x hands the node only a copy of the texts of an error the credential threw while logging
 * in (its NodeApiError loses the `cause`), so the login errors of this process are also known by
 * their text: a text is the credential's own, redacted, and names its Base URL or BigID's reason.
 */
const loginErrorsByText = new Map<string, BigIdLoginError>();

/** Marks a failed login so the node reports it as a credential problem, not as a failed request. */
export class BigIdLoginError extends Error {
	readonly isBigIdLoginError = true;

	constructor(
		message: string,
		/** BigID or a proxy failed for now (429, 5xx, a dropped connection): the login may be tried again. */
		readonly transient = false,
		/**
		 * The HTTP status BigID or a proxy answered the login with, if it answered: reported for a
		 * login that failed for now, so n8n tells an outage from a dead credential (n8n 3.0's poll
		 * scheduler pauses a trigger for 30 minutes on a 401).
		 */
		readonly status?: number,
	) {
		super(message);
		this.name = 'BigIdLoginError';
		loginErrorsByText.delete(message);
		loginErrorsByText.set(message, this);
		if (loginErrorsByText.size > REMEMBERED_LOGIN_ERRORS) {
			loginErrorsByText.delete(loginErrorsByText.keys().next().value!);
		}
	}
}

function textsOf(error: object): string[] {
	const { message, messages } = error as { message?: unknown; messages?: unknown };
	return [message, ...(Array.isArray(messages) ? messages : [])].filter(
		(text): text is string => typeof text === 'string',
	);
}

/** The login error behind `error`: among its causes (n8n 2.x), or known by its text (n8n 1.x). */
export function findLoginError(error: unknown): BigIdLoginError | undefined {
	for (const cause of causesOf(error)) {
		if ((cause as BigIdLoginError).isBigIdLoginError === true) return cause as BigIdLoginError;
		const known = textsOf(cause)
			.map((text) => loginErrorsByText.get(text))
			.find((loginError) => loginError !== undefined);
		if (known) return known;
	}
	return undefined;
}
