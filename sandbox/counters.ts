export interface SandboxStats {
	/** API requests, faulted ones included; /__sandbox/ control calls are not counted. */
	requests: number;
	/** By route key such as `GET /api/v1/users/:id`; unknown routes count as `GET *`. */
	byRoute: Record<string, number>;
	/** Successful password logins. */
	logins: number;
	failedLogins: number;
	/** Successful API token exchanges. */
	tokenExchanges: number;
	/** 401 answers: missing, malformed, unknown, expired, revoked or used-up tokens. */
	rejectedAuth: number;
	/** Successful (2xx) writes by route key, including writes whose answer a fault then lost. */
	writes: Record<string, number>;
	/** Faulted requests by fault kind. */
	faults: Record<string, number>;
}

export function emptyStats(): SandboxStats {
	return {
		requests: 0,
		byRoute: {},
		logins: 0,
		failedLogins: 0,
		tokenExchanges: 0,
		rejectedAuth: 0,
		writes: {},
		faults: {},
	};
}

export function increment(counts: Record<string, number>, key: string): void {
	counts[key] = (counts[key] ?? 0) + 1;
}
