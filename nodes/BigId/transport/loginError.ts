/** Marks a failed login so the node reports it as a credential problem, not as a failed request. */
export class BigIdLoginError extends Error {
	readonly isBigIdLoginError = true;

	constructor(
		message: string,
		/** BigID or a proxy failed for now (429, 5xx, a dropped connection): the login may be tried again. */
		readonly transient = false,
	) {
		super(message);
		this.name = 'BigIdLoginError';
	}
}

export function findLoginError(error: unknown): BigIdLoginError | undefined {
	const visited = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !visited.has(current)) {
		visited.add(current);
		if ((current as BigIdLoginError).isBigIdLoginError === true) return current as BigIdLoginError;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
