import type { IDataObject } from 'n8n-workflow';

/** Whether a profile scans once (`isSingleRunScan`) or on a `schedule`. */
export type RunMode = 'oneTime' | 'scheduled';

/** Fields the server owns: never sent back in an update. */
const SERVER_FIELDS = ['_id', 'id', 'createdAt', 'updatedAt', 'created_at', 'updated_at'];

/** The profile as a PUT sends it back: BigID may replace the whole profile with the body. */
export function writableFields(profile: IDataObject): IDataObject {
	const fields = { ...profile };
	for (const field of SERVER_FIELDS) delete fields[field];
	return fields;
}
