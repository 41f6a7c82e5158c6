/** The answers one node run reads once however many items need them, by name. */
const runs = new WeakMap<object, Map<string, Promise<unknown>>>();

/** `read()` once per run of `context`: the first item's read answers for the others. */
export async function oncePerRun<T>(
	context: object,
	name: string,
	read: () => Promise<T>,
): Promise<T> {
	let reads = runs.get(context);
	if (!reads) {
		reads = new Map();
		runs.set(context, reads);
	}
	let answer = reads.get(name) as Promise<T> | undefined;
	if (!answer) {
		const started = read();
		reads.set(name, started);
		// A failed read must not answer for the next item too; the caller still gets the error.
		started.catch(() => {
			if (reads.get(name) === started) reads.delete(name);
		});
		answer = started;
	}
	return await answer;
}

/**
 * n8n reuses one poll context for every poll of an activation, so each poll starts a run of its
 * own: roles renamed or data sources added since the last poll are read again.
 */
export function startRun(context: object): void {
	runs.delete(context);
}
