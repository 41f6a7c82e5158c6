import type { INodeProperties } from 'n8n-workflow';

const ANY_TEXT =
	'separated by commas and compared without case; * stands for any text. Empty for every one; with any of these filters set, lines not in the audit format are left out.';

/** Actions, Endpoints and Users: the audit log filters of Audit Log > Get Many and of the trigger. */
export const auditFilterOptions: INodeProperties[] = [
	{
		displayName: 'Actions',
		name: 'actions',
		type: 'string',
		default: '',
		placeholder: 'e.g. login_failed, *user*',
		description: `Only lines of these audit actions, ${ANY_TEXT}`,
	},
	{
		displayName: 'Endpoints',
		name: 'endpoints',
		type: 'string',
		default: '',
		placeholder: 'e.g. /api/v1/users*',
		description: `Only requests to these API endpoints, ${ANY_TEXT}`,
	},
	{
		displayName: 'Users',
		name: 'users',
		type: 'string',
		default: '',
		placeholder: 'e.g. admin, svc-*',
		description: `Only lines of these users, ${ANY_TEXT}`,
	},
];
