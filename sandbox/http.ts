import type http from 'http';
import type { ApiRequest, ApiResponse } from './context';
import { errorResponse } from './envelopes';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** One request on its way through the sandbox. */
export interface Exchange {
	request: http.IncomingMessage;
	response: http.ServerResponse;
	rawBody: string;
	url: URL;
}

export function readBody(request: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

/** Express matches with or without a trailing slash; so do clients' base URLs. */
export function requestUrl(request: http.IncomingMessage): URL {
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
		url.pathname = url.pathname.slice(0, -1);
	}
	return url;
}

export function send(
	response: http.ServerResponse,
	answer: ApiResponse,
	jsonContentType: string,
	extraHeaders: Record<string, string> = {},
): void {
	// The client may have gone away during a delay; there is nobody left to answer.
	if (response.destroyed || response.writableEnded) return;
	const body = 'json' in answer ? JSON.stringify(answer.json) : answer.text;
	response.writeHead(answer.status, {
		'content-type': 'json' in answer ? jsonContentType : answer.contentType,
		'content-length': Buffer.byteLength(body),
		...extraHeaders,
	});
	response.end(body);
}

/** The handler's view of a request, or the 400 that an unparseable JSON body earns. */
export function toApiRequest(
	{ request, rawBody, url }: Exchange,
	params: Record<string, string>,
): { apiRequest: ApiRequest; failure?: undefined } | { failure: ApiResponse } {
	let body: unknown = {};
	if (rawBody.trim() !== '') {
		try {
			body = JSON.parse(rawBody);
		} catch {
			return { failure: errorResponse(400, 'Invalid JSON body') };
		}
	}
	return { apiRequest: { params, query: url.searchParams, body, headers: request.headers } };
}

/** Real waits that close() can end early, so no request keeps the process alive. */
export class Delays {
	private readonly pending = new Set<() => void>();

	wait(ms: number): Promise<void> {
		return new Promise<void>((resolve) => {
			const finish = () => {
				clearTimeout(timer);
				this.pending.delete(finish);
				resolve();
			};
			const timer = setTimeout(finish, ms);
			this.pending.add(finish);
		});
	}

	endAll(): void {
		for (const finish of this.pending) finish();
	}
}
