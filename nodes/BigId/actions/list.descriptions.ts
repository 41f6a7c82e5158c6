import type { INodeProperties } from 'n8n-workflow';

import type { ObjectFields } from '../model/fields';
import { outputProperties } from './output.descriptions';
import {
	concurrencyOption,
	pageSizeOption,
	returnAllOrLimit,
} from '../descriptions/listing.descriptions';

/** The Options collection of an operation, its entries in alphabetical order as n8n lists them. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options].sort((left, right) => left.displayName.localeCompare(right.displayName)),
	};
}

/**
 * Return All, Limit, Simplify (and the tool's Output) for an operation whose objects have
 * `objectFields`, and Options holding Page Size, Concurrent Requests and the operation's own options.
 */
export function getManyProperties(
	options: INodeProperties[] = [],
	objectFields?: ObjectFields,
): INodeProperties[] {
	return [
		...returnAllOrLimit,
		...(objectFields ? outputProperties(objectFields) : []),
		optionsCollection([...options, pageSizeOption, concurrencyOption]),
	];
}

export function sortOption(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'string',
		default: '',
		placeholder,
		description,
	};
}

export function filterOption(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'Filter',
		name: 'filter',
		type: 'string',
		default: '',
		placeholder,
		description,
	};
}
