import type { INodePropertyOptions } from 'n8n-workflow';

import type { UserEndpoint } from '../api/users';
import { userListPathText } from '../api/users';

/** The users list endpoints: the action's API Endpoint and the trigger's User List Endpoint. */
export const userEndpointOptions: Array<INodePropertyOptions & { value: UserEndpoint }> = [
	{
		name: 'Access Management Users',
		value: 'accessManagement',
		description: `${userListPathText('accessManagement')}, what many (newer) deployments answer: a wrapped envelope, and roleIds instead of a role name`,
	},
	{
		name: 'Users',
		value: 'users',
		description: `${userListPathText('users')}, the user-management guide's endpoint: each user carries a role name`,
	},
];
