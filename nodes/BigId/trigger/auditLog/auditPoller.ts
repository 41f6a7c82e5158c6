import type { IPollFunctions } from 'n8n-workflow';

import { getAuditLogText } from '../../api/auditLog';
import type { AuditCursor, AuditDetection, AuditDetectionOptions } from './auditChanges';
import { detectAuditEntries, newestAuditEntry } from './auditChanges';
import type { TriggerEvent } from '../events';

/** BigID's audit log has no paging or "since" parameter: each poll reads it whole. */
export async function pollAuditLog(
	this: IPollFunctions,
	cursor: AuditCursor | undefined,
	options: AuditDetectionOptions,
): Promise<AuditDetection> {
	return detectAuditEntries(cursor, await getAuditLogText.call(this), options);
}

/** Manual mode: the newest line that passes the filters. */
export async function sampleAuditEntry(
	this: IPollFunctions,
	options: AuditDetectionOptions,
): Promise<TriggerEvent | undefined> {
	return newestAuditEntry(await getAuditLogText.call(this), options);
}
