import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { failureOf } from '../nodes/BigId/transport/request';

/**
 * n8n 1.x hands the node a NodeApiError with neither `response` nor `cause` (seen in real
 * n8n 1.123.81 by the end-to-end suite); these are built the way its constructor builds them.
 */
const node: INode = {
	id: 'n',
	name: 'BigID',
	type: 'n8n-nodes-bigid.bigId',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function n8n1Error(fields: {
	httpCode: string | null;
	message: string;
	description?: string;
	data?: object;
	messages?: string[];
}) {
	const error = new NodeApiError(node, { message: fields.message } as never, {
		message: fields.message,
		description: fields.description,
		httpCode: fields.httpCode ?? undefined,
	});
	delete (error as { cause?: unknown }).cause;
	if (fields.data) error.context.data = fields.data;
	if (fields.messages) error.messages = fields.messages;
	return error;
}

describe('transport: errors as n8n 1.x wraps them', () => {
	test('an HTTP 404 keeps its status and BigID’s body', () => {
		const failure = failureOf(
			n8n1Error({
				httpCode: '404',
				message: 'The resource you are requesting could not be found',
				description: 'User 64f7df00cc834f0001a44e85 was not found',
				data: { error: 'User 64f7df00cc834f0001a44e85 was not found' },
			}),
		);

		expect(failure).toEqual({
			status: 404,
			body: { error: 'User 64f7df00cc834f0001a44e85 was not found' },
		});
	});

	test('without the body, BigID’s message survives from the description', () => {
		const failure = failureOf(
			n8n1Error({
				httpCode: '500',
				message: 'The service was not able to process your request',
				description: 'Server error',
			}),
		);

		expect(failure).toEqual({ status: 500, body: { error: 'Server error' } });
	});

	test('a refused connection is recognised from the text n8n kept', () => {
		const failure = failureOf(
			n8n1Error({
				httpCode: null,
				message: 'The service refused the connection - perhaps it is offline',
				messages: ['connect ECONNREFUSED 127.0.0.1:9'],
			}),
		);

		expect(failure).toEqual({ connectionCode: 'ECONNREFUSED' });
	});
});
