/**
 * What the node says when a login fails, on every n8n version: the rows of issue 12 that the
 * reliability catalogue runs through the engine and the end-to-end suite runs in a real n8n.
 */
const SESSION_FIX =
	'Check the username and password in the BigID API credential. If the password has expired, change it in BigID first.';
const API_TOKEN_FIX =
	'Check the API token in the BigID API credential: it may be expired or revoked (generate a new one in BigID), and check the Authorization Header Format.';

/** Never resolves (RFC 6761): a host name with a typo, without depending on the network. */
export const UNRESOLVABLE_BASE_URL = 'http://bigid-sandbox.invalid';

/** Said with a rejection: the same secret is not tried again for a while (issue 19). */
const notTriedAgain = (secret: string) =>
	` n8n will not log in with this ${secret} again for 15 minutes (or until n8n restarts), so retries cannot lock the account: fix the credential, and a changed ${secret} logs in at once.`;

const WRONG_PASSWORD = `BigID rejected the login: Authentication failed. Please check your username and password. ${SESSION_FIX}`;
const REVOKED_API_TOKEN = `BigID rejected the login (HTTP 401: Invalid or expired user token). ${API_TOKEN_FIX}`;

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a later run with a secret BigID rejected says, having sent nothing. */
const refused = (rejection: string, secret: string) =>
	new RegExp(
		`^${literally(rejection)} No new login was tried, so the account is not locked: BigID rejected this ${secret} at \\d\\d:\\d\\d:\\d\\d UTC, and n8n tries it again only after \\d\\d:\\d\\d:\\d\\d UTC or a restart\\. Fix the credential: a changed ${secret} logs in at once\\.$`,
	);

export const LOGIN_FAILURE_MESSAGES = {
	wrongPassword: WRONG_PASSWORD + notTriedAgain('password'),
	revokedApiToken: REVOKED_API_TOKEN + notTriedAgain('API token'),
	wrongPasswordRefused: refused(WRONG_PASSWORD, 'password'),
	/** Executions that ran at once: any of them may have been the one that tried. */
	wrongPasswordTriedOrRefused: new RegExp(
		`^${literally(WRONG_PASSWORD + notTriedAgain('password'))}$|${refused(WRONG_PASSWORD, 'password').source}`,
	),
	revokedApiTokenRefused: refused(REVOKED_API_TOKEN, 'API token'),
	closedPort: (baseUrl: string) =>
		`Could not reach BigID at ${baseUrl}: the connection was refused. Check the Base URL and port in the BigID API credential and that BigID is running`,
	unresolvableHost: (baseUrl: string) =>
		`Could not reach BigID at ${baseUrl}: the host name could not be resolved. Check the Base URL in the BigID API credential for typos`,
	/**
	 * The same host in a real n8n, whose lookups go to the machine's DNS server: a server that
	 * does not answer in time makes it EAI_AGAIN (resolved "right now" fails) instead of NXDOMAIN.
	 */
	unresolvableHostOrDnsBusy: (baseUrl: string) =>
		new RegExp(
			`^${literally(`Could not reach BigID at ${baseUrl}: the host name could not be resolved`)}(${literally('. Check the Base URL in the BigID API credential for typos')}|${literally(' right now (DNS). Try again in a moment')})$`,
		),
	selfSignedCertificate: (baseUrl: string) =>
		`Could not reach BigID at ${baseUrl}: its TLS certificate is self-signed. Install a trusted certificate on BigID, or turn on "Ignore SSL Issues" in the BigID API credential for an on-prem deployment you trust`,
	/** n8n 1.x keeps no text body of an error answer: BigID's "Unauthorized" is lost there. */
	bearerForRaw: (n8nMajor: 1 | 2) =>
		`BigID answered 401: ${n8nMajor === 1 ? 'API key missing or invalid' : 'Unauthorized'}`,
};
