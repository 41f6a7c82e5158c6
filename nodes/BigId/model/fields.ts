import type { IDataObject } from 'n8n-workflow';

/** n8n's guidelines for verified nodes: a simplified object has at most this many fields. */
export const MAX_SIMPLIFIED_FIELDS = 10;

/** The output fields of one kind of BigID object, as its model defines them. */
export interface ObjectFields {
	/** Every field the object's output carries, one spelling of each (`id`, not also `_id`). */
	readonly all: readonly string[];
	/** What a next step usually needs, at most MAX_SIMPLIFIED_FIELDS of `all`. */
	readonly simplified: readonly string[];
	/** The object with the fields some of its outputs derive rather than carry, before picking. */
	readonly viewOf?: (object: IDataObject) => IDataObject;
}

/**
 * The named fields of an object, in the order named; a field the object lacks is null, so every
 * output of the same fields has the same keys. Only own fields count (`__proto__` is not read).
 */
export function pickFields(object: IDataObject, fields: readonly string[]): IDataObject {
	return Object.fromEntries(
		[...new Set(fields)].map((field) => [
			field,
			Object.prototype.hasOwnProperty.call(object, field) ? (object[field] ?? null) : null,
		]),
	) as IDataObject;
}

/** The object reduced to `fields` (its simplified set unless others are named). */
export function reduceObject(
	object: IDataObject,
	objectFields: ObjectFields,
	fields: readonly string[] = objectFields.simplified,
): IDataObject {
	return pickFields(objectFields.viewOf ? objectFields.viewOf(object) : object, fields);
}
