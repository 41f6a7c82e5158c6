import { causesOf } from './errorCauses';

const CONNECTION_HINTS: Record<string, string> = {
	ECONNREFUSED:
		'the connection was refused. Check the Base URL and port in the BigID API credential and that BigID is running',
	ENOTFOUND:
		'the host name could not be resolved. Check the Base URL in the BigID API credential for typos',
	EAI_AGAIN: 'the host name could not be resolved right now (DNS). Try again in a moment',
	ETIMEDOUT:
		'the connection timed out. Check that n8n can reach the BigID host (firewall, VPN, proxy)',
	ECONNABORTED: 'the request timed out before BigID answered',
	ECONNRESET: 'the connection was dropped before BigID answered',
	EPIPE: 'the connection was dropped before BigID answered',
	EHOSTUNREACH: 'the host is unreachable from n8n. Check the network path to BigID',
	ENETUNREACH: 'the network is unreachable from n8n. Check the network path to BigID',
	DEPTH_ZERO_SELF_SIGNED_CERT:
		'its TLS certificate is self-signed. Install a trusted certificate on BigID, or turn on "Ignore SSL Issues" in the BigID API credential for an on-prem deployment you trust',
	SELF_SIGNED_CERT_IN_CHAIN:
		'its TLS certificate chain is self-signed. Install a trusted certificate on BigID, or turn on "Ignore SSL Issues" in the BigID API credential for an on-prem deployment you trust',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		'its TLS certificate could not be verified. Install a trusted certificate on BigID, or turn on "Ignore SSL Issues" in the BigID API credential for an on-prem deployment you trust',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired. Renew the certificate on BigID',
	ERR_TLS_CERT_ALTNAME_INVALID:
		'its TLS certificate does not match the host name in the Base URL. Use the host name the certificate was issued for',
	EPROTO:
		'the TLS handshake failed. Check whether the Base URL should start with http:// or https://',
};

/** Connection failures where the request certainly never reached BigID, so even a POST may be sent again. */
export const NEVER_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

export const TRANSIENT_CONNECTION_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
]);

const isConnectionCode = (code: unknown): code is string =>
	typeof code === 'string' && (code in CONNECTION_HINTS || TRANSIENT_CONNECTION_CODES.has(code));

/** The Node.js error code a text names: n8n 1.x keeps only the text of a connection error. */
function connectionCodeIn(text: unknown): string | undefined {
	if (typeof text !== 'string') return undefined;
	if (/socket hang up/i.test(text)) return 'ECONNRESET';
	// Such as "connect ECONNREFUSED 127.0.0.1:443".
	const named = /\b(E[A-Z]{3,}|[A-Z_]*CERT[A-Z_]*)\b/.exec(text)?.[1];
	return isConnectionCode(named) ? named : undefined;
}

/** The first Node.js connection error code among the error's causes, or in their texts. */
export function connectionErrorCode(error: unknown): string | undefined {
	for (const cause of causesOf(error)) {
		const { code, message, messages } = cause as {
			code?: unknown;
			message?: unknown;
			messages?: unknown;
		};
		if (isConnectionCode(code)) return code;
		const named = [message, ...(Array.isArray(messages) ? messages : [])]
			.map(connectionCodeIn)
			.find((found) => found !== undefined);
		if (named) return named;
	}
	return undefined;
}

/** The Node.js error code stays out of the message: n8n replaces any message that names one with its own generic text. */
export function describeConnectionFailure(code: string, baseUrl: string): string {
	const hint = CONNECTION_HINTS[code] ?? 'the connection failed';
	return `Could not reach BigID at ${baseUrl}: ${hint}`;
}
