import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';

export function userLocator(description: string): INodeProperties {
	return resourceLocator({
		displayName: 'User',
		name: 'user',
		description,
		searchListMethod: 'searchUsers',
		idHint: "The user's _id, not the login name",
		objectIdOnly: { what: 'user' },
	});
}

export const passwordField: INodeProperties = {
	displayName: 'Password',
	name: 'password',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		'Password of the local user. It is sent to BigID only: it never appears in the output or in an error.',
};

/** Fields a user has besides its login, email, password and role: set on create, changed on update. */
export const profileFields: INodeProperties[] = [
	{
		displayName: 'Enabled',
		name: 'isEnabled',
		type: 'boolean',
		default: true,
		description: 'Whether the user can sign in. BigID enables new users by default.',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
	},
];

/** A role name from BigID's live list; names are what user writes send and what filters compare. */
export function roleNameOption(purpose: string): INodeProperties {
	return {
		displayName: 'Role Name or ID',
		name: 'role',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getRoleNames' },
		default: '',
		hint: purpose,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	};
}
