import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserEndpoint } from '../../api/users';
import { DEFAULT_USER_ENDPOINT } from '../../api/users';
import { requireObjectId, requireText } from '../parameters';

export function readUserEndpoint(this: IExecuteFunctions, itemIndex: number): UserEndpoint {
	return this.getNodeParameter('apiEndpoint', itemIndex, DEFAULT_USER_ENDPOINT) as UserEndpoint;
}

/** The user ID from the `user` resource locator, checked before any request. */
export function readUserId(this: IExecuteFunctions, itemIndex: number): string {
	const id = this.getNodeParameter('user', itemIndex, '', { extractValue: true });
	return requireObjectId.call(this, id, 'User', itemIndex);
}

/** An email address, checked before any request. */
export function requireEmail(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const email = String(value ?? '').trim();
	if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
		throw new NodeOperationError(
			this.getNode(),
			email === '' ? 'Email is empty' : `Email "${email}" is not an email address`,
			{
				itemIndex,
				description: 'Enter the email address of the user, for example jdoe@example.com.',
			},
		);
	}
	return email;
}

export function requireName(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	return requireText.call(this, String(value ?? ''), itemIndex, {
		message: 'Name is empty',
		description: 'Enter the login name of the user, for example jdoe.',
	});
}
