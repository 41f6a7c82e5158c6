import { createSeededRandom, type SeededRandom } from './random';

export const FAULT_KINDS = [
	'429',
	'429-retry-after',
	'500',
	'502',
	'503',
	'504',
	'html-502',
	'drop',
	'malformed-json',
	'empty-body',
	'html-error-page',
	'html-login-page',
	'delay',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Random faults: each rate is the share of in-scope requests that suffer that fault. */
export interface FaultConfig {
	rate429?: number;
	/** Share of the 429s that carry a Retry-After header. */
	retryAfterShare?: number;
	retryAfterSeconds?: number;
	/** HTTP 200 carrying a proxy's HTML "502 Bad Gateway" page. */
	rateHtml502?: number;
	rate500?: number;
	rate502?: number;
	rate503?: number;
	/** The socket is destroyed without an answer. */
	rateDrop?: number;
	latencyMs?: [number, number];
	/** Every N authenticated requests, all issued tokens are revoked. */
	revokeEvery?: number;
	malformedJsonRate?: number;
	emptyBodyRate?: number;
	/** Route keys such as `GET /api/v1/users`; default every API route except the two auth ones. */
	routes?: string[];
	/** Restarts the fault sequence from this seed (default: the sandbox seed). */
	seed?: number;
}

/** A one-shot fault for the next matching request(s). */
export interface FaultInjection {
	route?: string;
	kind: FaultKind;
	times?: number;
	delayMs?: number;
	/** Perform the request (a write happens), then lose the answer: the retry-safety case. */
	afterHandling?: boolean;
}

export interface FaultDecision {
	kind: FaultKind;
	afterHandling: boolean;
	delayMs: number;
}

export interface CannedResponse {
	status: number;
	contentType: string;
	body: string;
	headers?: Record<string, string>;
}

const DEFAULT_DELAY_MS = 1000;
const CONFIG_KEYS: ReadonlyArray<keyof FaultConfig> = [
	'rate429',
	'retryAfterShare',
	'retryAfterSeconds',
	'rateHtml502',
	'rate500',
	'rate502',
	'rate503',
	'rateDrop',
	'latencyMs',
	'revokeEvery',
	'malformedJsonRate',
	'emptyBodyRate',
	'routes',
	'seed',
];

/** Decides, with a seeded RNG, which requests fail and how, so a flaky run can be replayed. */
export class FaultController {
	private config: FaultConfig = {};
	private injections: Array<Required<Omit<FaultInjection, 'route'>> & { route?: string }> = [];
	private random: SeededRandom;
	private authenticatedRequests = 0;

	constructor(
		private readonly seed: number,
		/** Routes left alone unless named explicitly: without them no client could get a token. */
		private readonly routesExemptByDefault: readonly string[],
	) {
		this.random = createSeededRandom(seed);
	}

	/** Replaces the random-fault configuration and restarts its sequence. Throws on typos. */
	configure(config: FaultConfig): void {
		const unknownKeys = Object.keys(config).filter(
			(key) => !CONFIG_KEYS.includes(key as keyof FaultConfig),
		);
		if (unknownKeys.length > 0)
			throw new Error(`Unknown fault settings: ${unknownKeys.join(', ')}`);
		this.config = { ...config };
		this.random = createSeededRandom(config.seed ?? this.seed);
		this.authenticatedRequests = 0;
	}

	/** Removes the random-fault configuration and every queued injection. */
	clear(): void {
		this.configure({});
		this.injections = [];
	}

	inject(injection: FaultInjection): void {
		if (!FAULT_KINDS.includes(injection.kind)) {
			throw new Error(`Unknown fault kind: ${String(injection.kind)}`);
		}
		this.injections.push({
			route: injection.route,
			kind: injection.kind,
			times: injection.times ?? 1,
			delayMs: injection.delayMs ?? DEFAULT_DELAY_MS,
			afterHandling: injection.afterHandling ?? false,
		});
	}

	get currentConfig(): Readonly<FaultConfig> {
		return this.config;
	}

	get pendingInjections(): number {
		return this.injections.reduce((total, injection) => total + injection.times, 0);
	}

	get retryAfterSeconds(): number {
		return this.config.retryAfterSeconds ?? 1;
	}

	/** The fault for this request, if any: a queued injection first, else the random rates. */
	decide(routeKey: string): FaultDecision | undefined {
		const injected = this.takeInjection(routeKey);
		if (injected) return injected;
		if (!this.inRandomScope(routeKey)) return undefined;
		const draw = this.random.next();
		let threshold = 0;
		const rates: Array<[FaultKind, number | undefined]> = [
			['drop', this.config.rateDrop],
			['429', this.config.rate429],
			['html-502', this.config.rateHtml502],
			['500', this.config.rate500],
			['502', this.config.rate502],
			['503', this.config.rate503],
			['malformed-json', this.config.malformedJsonRate],
			['empty-body', this.config.emptyBodyRate],
		];
		for (const [kind, rate] of rates) {
			threshold += rate ?? 0;
			if (draw < threshold) {
				const withRetryAfter =
					kind === '429' && this.random.chance(this.config.retryAfterShare ?? 0);
				return {
					kind: withRetryAfter ? '429-retry-after' : kind,
					afterHandling: false,
					delayMs: 0,
				};
			}
		}
		return undefined;
	}

	/** Extra latency for an in-scope request, from the configured [min, max] range. */
	latencyFor(routeKey: string): number {
		const range = this.config.latencyMs;
		if (!range || !this.inRandomScope(routeKey)) return 0;
		return this.random.integer(range[0], range[1]);
	}

	/** Counts an authenticated request; true when this one should revoke every token. */
	countAuthenticatedRequest(): boolean {
		this.authenticatedRequests += 1;
		const every = this.config.revokeEvery;
		return every !== undefined && every > 0 && this.authenticatedRequests % every === 0;
	}

	private inRandomScope(routeKey: string): boolean {
		return this.config.routes
			? this.config.routes.includes(routeKey)
			: !this.routesExemptByDefault.includes(routeKey);
	}

	private takeInjection(routeKey: string): FaultDecision | undefined {
		const index = this.injections.findIndex((injection) =>
			injection.route === undefined
				? !this.routesExemptByDefault.includes(routeKey)
				: injection.route === routeKey,
		);
		if (index < 0) return undefined;
		const injection = this.injections[index];
		injection.times -= 1;
		if (injection.times <= 0) this.injections.splice(index, 1);
		return {
			kind: injection.kind,
			afterHandling: injection.afterHandling,
			delayMs: injection.delayMs,
		};
	}
}

const nginxPage = (title: string) =>
	`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** What each answering fault looks like on the wire, modelled on real proxies and BigID. */
export function cannedFaultResponse(
	kind: Exclude<FaultKind, 'drop' | 'delay'>,
	retryAfterSeconds: number,
): CannedResponse {
	switch (kind) {
		case '429':
			return { status: 429, contentType: JSON_TYPE, body: '{"error":"Too many requests"}' };
		case '429-retry-after':
			return {
				status: 429,
				contentType: JSON_TYPE,
				body: '{"error":"Too many requests"}',
				headers: { 'retry-after': String(retryAfterSeconds) },
			};
		case '500':
			return {
				status: 500,
				contentType: JSON_TYPE,
				body: JSON.stringify({ status: 'error', message: 'Server error', errors: [{}] }),
			};
		case '502':
			return { status: 502, contentType: HTML, body: nginxPage('502 Bad Gateway') };
		case '503':
			return {
				status: 503,
				contentType: HTML,
				body: nginxPage('503 Service Temporarily Unavailable'),
			};
		case '504':
			return { status: 504, contentType: HTML, body: nginxPage('504 Gateway Time-out') };
		case 'html-502':
			// The proxy answers 200 with its error page: only the body says something went wrong.
			return { status: 200, contentType: HTML, body: nginxPage('502 Bad Gateway') };
		case 'html-error-page':
			return {
				status: 500,
				contentType: HTML,
				body: '<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Internal Server Error</h1><p>Something went wrong. Please contact your administrator.</p></body></html>',
			};
		case 'html-login-page':
			// What a Base URL pointing at the web console, or at an SSO proxy, answers.
			return {
				status: 200,
				contentType: HTML,
				body: '<!DOCTYPE html><html><head><title>BigID | Sign in</title></head><body><div id="root"></div></body></html>',
			};
		case 'malformed-json':
			return {
				status: 200,
				contentType: JSON_TYPE,
				body: '{"status":"success","data":{"users":[{"_id":',
			};
		case 'empty-body':
			return { status: 200, contentType: JSON_TYPE, body: '' };
	}
}
