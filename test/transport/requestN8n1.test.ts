import { NodeApiError } from 'n8n-workflow';

import { BigIdLoginError, findLoginError } from '../../credentials/common/bigId/loginError';
import { failureOf } from '../../nodes/BigId/transport/errors';
import { buildWorkflow } from '../harness/engine';

/**
 * n8n 1.x hands the node a NodeApiError with neither `response` nor `cause` (seen in real
 * n8n 1.123.81 by the end-to-end suite); these are built the way its constructor builds them.
 */
const node = buildWorkflow([{ name: 'BigID', parameters: {} }]).getNode('BigID')!;

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

	test('the text the HTTP client puts in place of a text body is not taken for BigID’s message', () => {
		const failure = failureOf(
			n8n1Error({
				httpCode: '401',
				message: 'Authorization failed - please check your credentials',
				description: 'Request failed with status code 401',
			}),
		);

		expect(failure).toEqual({ status: 401, body: undefined });
	});

	test('an error that is neither an answer nor a connection failure keeps its own text', () => {
		const failure = failureOf(
			n8n1Error({ httpCode: null, message: 'Cannot read properties of undefined (reading x)' }),
		);

		expect(failure).toEqual({
			unrecognisedError: 'Cannot read properties of undefined (reading x)',
		});
	});
});

describe('transport: a failed login as n8n 1.x hands it to the node (its text only)', () => {
	test.each([
		['a rejected login', false],
		['a login that failed for now', true],
	])('%s is recognised, and whether it may be tried again', (_, transient) => {
		const thrown = new BigIdLoginError(`BigID rejected the login: ${String(transient)}`, transient);

		const found = findLoginError(n8n1Error({ httpCode: null, message: thrown.message }));

		expect(found).toMatchObject({ message: thrown.message, transient });
	});

	test('the original text is found where n8n replaced the message with its own', () => {
		const thrown = new BigIdLoginError('Could not reach BigID at http://bigid.test: refused', true);

		const found = findLoginError(
			n8n1Error({
				httpCode: null,
				message: 'The service refused the connection - perhaps it is offline',
				messages: [thrown.message],
			}),
		);

		expect(found?.transient).toBe(true);
	});

	test('an error whose text no login produced is not a login error', () => {
		new BigIdLoginError('BigID rejected the login: Authentication failed.');

		expect(
			findLoginError(n8n1Error({ httpCode: null, message: 'BigID rejected the login' })),
		).toBeUndefined();
	});
});
