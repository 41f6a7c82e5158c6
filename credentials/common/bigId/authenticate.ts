import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { parseBaseUrl } from './baseUrl';
import { isSessionOfCredential } from './identity';
import { authorizationValue } from './login';

/**
 * The session token goes only to the host of the Base URL: the HTTP Request node and Custom API
 * Call send this credential wherever their URL points, and a token sent elsewhere is a token
 * handed over. A token issued for another secret is left out, so BigID answers 401 and n8n logs
 * in with the secret as it is now (the node's own requests never send one).
 */
export async function authenticateRequest(
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
