import type { IDataObject } from 'n8n-workflow';

import { flagOf } from './object';

/** A data source as the node's parameters give it: by ID or by exact name. */
export interface DataSourceLocator {
	mode: string;
	value: string;
}

export function dataSourceMatches(
	source: IDataObject,
	{ mode, value }: DataSourceLocator,
): boolean {
	return mode === 'name' ? source.name === value : source._id === value || source.id === value;
}

/** BigID's `enabled` is the string "yes"/"no" on real deployments; absent means enabled. */
export function isDataSourceEnabled(source: IDataObject): boolean {
	return flagOf(source.enabled) !== false;
}

/**
 * Data source IDs as a multi-select gives them, or as an expression may: an array of IDs, an
 * array of data source objects, or one string of IDs separated by commas or new lines.
 */
export function dataSourceIdsOf(value: unknown): string[] {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,\n]/)
			: [];
	const ids = entries
		.map((entry) => {
			if (entry && typeof entry === 'object') {
				const { _id, id } = entry as IDataObject;
				return String(_id ?? id ?? '');
			}
			return entry === undefined || entry === null ? '' : String(entry);
		})
		.map((id) => id.trim())
		.filter((id) => id !== '');
	return [...new Set(ids)];
}
