import type { INodeProperties } from 'n8n-workflow';

export function userLocator(description: string): INodeProperties {
	return {
		displayName: 'User',
		name: 'user',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 64f7df00cc834f0001a44e85',
				hint: "The user's _id, not the login name",
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[0-9a-fA-F]{24}\\s*$',
							errorMessage: 'A BigID user ID is 24 hexadecimal characters',
						},
					},
				],
			},
		],
	};
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
