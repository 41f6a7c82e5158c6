import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const AUDIT_LOG_ENTRY = 'auditLogEntry';

export const auditEventOptions: Array<INodePropertyOptions & { value: typeof AUDIT_LOG_ENTRY }> = [
	{
		name: 'Audit Log Entry',
		value: AUDIT_LOG_ENTRY,
		description:
			'A new line in the BigID audit log (a login, a failed login, a change...), each line once even when the log rotates',
	},
];

export const auditOptions: INodeProperties = {
	displayName: 'Audit Log Options',
	name: 'auditOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { events: [AUDIT_LOG_ENTRY] } },
	options: [
		{
			displayName: 'Actions',
			name: 'actions',
			type: 'string',
			default: '',
			placeholder: 'e.g. login_failed, *user*',
			description:
				'Only emit lines of these audit actions, separated by commas and compared without case; * stands for any text. Empty for every action. With any filter set, lines that are not in the audit format are not emitted.',
		},
		{
			displayName: 'Endpoints',
			name: 'endpoints',
			type: 'string',
			default: '',
			placeholder: 'e.g. /api/v1/users*',
			description:
				'Only emit requests to these API endpoints, separated by commas and compared without case; * stands for any text',
		},
		{
			displayName: 'Users',
			name: 'users',
			type: 'string',
			default: '',
			placeholder: 'e.g. admin, svc-*',
			description:
				'Only emit lines of these users, separated by commas and compared without case; * stands for any text',
		},
	],
};
