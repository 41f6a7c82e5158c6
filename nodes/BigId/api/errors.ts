import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BigIdContext } from '../transport';

/** n8n's own errors unchanged, anything else wrapped: what every catch block hands on. */
export function asNodeError(
	context: BigIdContext,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	if (nodeError.context.itemIndex === undefined) nodeError.context.itemIndex = itemIndex;
	return nodeError;
}
