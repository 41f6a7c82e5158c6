import type { IDataObject } from 'n8n-workflow';

/**
 * The node's static data holds each watched object's state under its `stateKey`. Written in
 * place, key by key, and only when different: n8n notices in-place changes to the object it
 * handed out, and an unchanged state must not look changed (2.x then has nothing to commit).
 */
export function writeState(staticData: IDataObject, next: ReadonlyMap<string, unknown>): void {
	for (const [key, value] of next) {
		if (value === undefined) continue;
		if (JSON.stringify(staticData[key]) === JSON.stringify(value)) continue;
		staticData[key] = value as IDataObject;
	}
}
