import type { INodePropertyOptions } from 'n8n-workflow';

export const USER_EVENTS = [
	'userCreated',
	'userUpdated',
	'userDisabled',
	'userEnabled',
	'userRoleChanged',
	'userDeleted',
] as const;
export type UserEventName = (typeof USER_EVENTS)[number];

export const userEventOptions: Array<INodePropertyOptions & { value: UserEventName }> = [
	{ name: 'User Created', value: 'userCreated', description: 'A BigID user was created' },
	{
		name: 'User Deleted',
		value: 'userDeleted',
		description:
			'A BigID user no longer exists: seen only from a complete user listing, optionally confirmed user by user',
	},
	{
		name: 'User Disabled',
		value: 'userDisabled',
		description: 'A BigID user was disabled (isEnabled became false)',
	},
	{
		name: 'User Enabled',
		value: 'userEnabled',
		description: 'A disabled BigID user was enabled again',
	},
	{
		name: 'User Role Changed',
		value: 'userRoleChanged',
		description: "A BigID user's role or roles changed",
	},
	{
		name: 'User Updated',
		value: 'userUpdated',
		description:
			'One of the watched fields of a BigID user changed (a login, which only moves updatedAt, is not a change)',
	},
];
