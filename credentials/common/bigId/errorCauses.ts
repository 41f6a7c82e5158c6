/**
 * The error and each error behind it, outermost first, each once: n8n and the HTTP client wrap
 * errors in others (`cause`), and what went wrong in the first place may be at any depth.
 */
export function causesOf(error: unknown): object[] {
	const causes: object[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && !causes.includes(current)) {
		causes.push(current);
		current = (current as { cause?: unknown }).cause;
	}
	return causes;
}
