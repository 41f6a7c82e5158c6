import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { auditFilterOptions } from '../../descriptions/auditLog.descriptions';

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
	options: auditFilterOptions,
};
