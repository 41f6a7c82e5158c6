import type { IDataObject } from 'n8n-workflow';

import type { CaseCursor } from './caseChanges';
import type { AuditCursor } from './auditChanges';
import type { ScanCursor } from './scanChanges';
import type { UserState } from './userChanges';

/**
 * The node's static data: `users` (UserState), `scans` (ScanCursor), `cases` (CaseCursor) and `audit` (AuditCursor). Written in place, key by
 * key, and only when different: n8n notices in-place changes to the object it handed out, and
 * an unchanged state must not look changed (2.x then has nothing to commit).
 */
export interface TriggerState {
	users?: UserState;
	scans?: ScanCursor;
	cases?: CaseCursor;
	audit?: AuditCursor;
}

export function readState(staticData: IDataObject): TriggerState {
	return {
		users: staticData.users as UserState | undefined,
		scans: staticData.scans as ScanCursor | undefined,
		cases: staticData.cases as CaseCursor | undefined,
		audit: staticData.audit as AuditCursor | undefined,
	};
}

export function writeState(staticData: IDataObject, next: TriggerState): void {
	for (const key of ['users', 'scans', 'cases', 'audit'] as const) {
		const value = next[key];
		if (value === undefined) continue;
		if (JSON.stringify(staticData[key]) === JSON.stringify(value)) continue;
		staticData[key] = value as unknown as IDataObject;
	}
}
