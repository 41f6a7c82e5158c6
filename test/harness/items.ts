import type { IDataObject } from 'n8n-workflow';

/** A resource locator value as the editor stores it: an ID (or an expression giving one). */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** A resource locator value by exact name, where the operation takes one. */
export const byName = (value: string) => ({ __rl: true, mode: 'name', value });

/** The JSON of output items, for comparing whole outputs. */
export const jsonOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);
