/**
 * What BigID says went wrong, from an error answer or a failed login. BigID puts its words in
 * `error` (`{ "error": "Scan 1234 was not found" }`, the troubleshooting table in docs/bigid-api.md), a proxy
 * or an older endpoint in `message` (`{ "status": "error", "message": "Server error" }`), a
 * wrapped answer inside `data`; text that is an HTML page says nothing BigID wrote.
 */
export function bigIdMessageOf(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		return text && !text.startsWith('<') ? text.slice(0, 300) : undefined;
	}
	if (!body || typeof body !== 'object') return undefined;
	const { error, message, data } = body as { error?: unknown; message?: unknown; data?: unknown };
	if (typeof error === 'string' && error) return error;
	if (
		error &&
		typeof error === 'object' &&
		typeof (error as { message?: unknown }).message === 'string'
	) {
		return (error as { message: string }).message;
	}
	if (typeof message === 'string' && message) return message;
	return data && typeof data === 'object' ? bigIdMessageOf(data) : undefined;
}

/** A proxy in front of BigID answers with its own "502 Bad Gateway" HTML page, often with HTTP 200. */
export function isBadGatewayPage(text: string): boolean {
	return text.trimStart().startsWith('<') && /\b502\b|bad gateway/i.test(text);
}
