import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

/** Poll Interval and Timeout of an operation that waits for `what` ("the scan"). */
export function waitProperties(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 30,
			description: 'How long to wait between two status checks',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 3600,
			description: `How long to wait for ${what} at most`,
		},
	];
}

export interface WaitSettings {
	intervalMs: number;
	timeoutSeconds: number;
}

function requirePositiveSeconds(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): number {
	const seconds = this.getNodeParameter(name, itemIndex) as number;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
		throw new NodeOperationError(
			this.getNode(),
			`${label} must be more than 0 seconds, not ${String(seconds)}`,
			{
				itemIndex,
				description: `Enter ${label} in seconds, for example 30; fractions such as 0.5 are allowed.`,
			},
		);
	}
	return seconds;
}

/** Poll Interval and Timeout as `waitProperties` shows them, checked before any request. */
export function readWaitSettings(this: IExecuteFunctions, itemIndex: number): WaitSettings {
	return {
		intervalMs:
			requirePositiveSeconds.call(this, 'pollInterval', 'Poll Interval', itemIndex) * 1000,
		timeoutSeconds: requirePositiveSeconds.call(this, 'timeout', 'Timeout', itemIndex),
	};
}

export interface Waited<Answer> {
	/** The last answer read. */
	last: Answer;
	/** Whether `isFinished` held for it; false when the timeout came first. */
	finished: boolean;
	/** How many times the status was read. */
	polls: number;
}

/**
 * Reads a status until `isFinished` holds or the timeout passes, sleeping Poll Interval between
 * two reads (never past the deadline). A cancelled execution stops the wait with `whenCancelled`.
 */
export async function pollUntil<Answer>(
	context: IExecuteFunctions,
	itemIndex: number,
	{ intervalMs, timeoutSeconds }: WaitSettings,
	read: () => Promise<Answer>,
	isFinished: (answer: Answer) => boolean,
	whenCancelled: { message: string; description: string },
): Promise<Waited<Answer>> {
	const deadline = Date.now() + timeoutSeconds * 1000;
	for (let polls = 1; ; polls++) {
		const last = await read();
		if (isFinished(last)) return { last, finished: true, polls };
		const remainingMs = deadline - Date.now();
		if (remainingMs <= 0) return { last, finished: false, polls };
		await sleep(Math.min(intervalMs, remainingMs));
		if (context.getExecutionCancelSignal()?.aborted) {
			throw new NodeOperationError(context.getNode(), whenCancelled.message, {
				itemIndex,
				description: whenCancelled.description,
			});
		}
	}
}
