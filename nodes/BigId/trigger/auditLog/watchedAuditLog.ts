import type { IDataObject } from 'n8n-workflow';

import { listedValues } from '../../model/object';
import type { WatchedObject } from '../watchedObject';
import type { AuditCursor, AuditDetectionOptions } from './auditChanges';
import { pollAuditLog, sampleAuditEntry } from './auditPoller';
import { AUDIT_LOG_ENTRY, auditEventOptions, auditOptions } from './descriptions';

export const watchedAuditLog: WatchedObject<
	AuditDetectionOptions,
	AuditCursor,
	typeof AUDIT_LOG_ENTRY
> = {
	stateKey: 'audit',
	events: auditEventOptions,
	options: auditOptions,
	sample: { shows: 'audit log line (matching the Audit Log Options)', none: 'audit log line' },
	settingsOf(selected) {
		if (!selected.includes(AUDIT_LOG_ENTRY)) return undefined;
		const options = this.getNodeParameter('auditOptions', {}) as IDataObject;
		return {
			actions: listedValues(options.actions),
			users: listedValues(options.users),
			endpoints: listedValues(options.endpoints),
		};
	},
	poll: pollAuditLog,
	sampleEvent: sampleAuditEntry,
};
