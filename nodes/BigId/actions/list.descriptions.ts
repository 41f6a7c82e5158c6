import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption, pageSizeOption, returnAllOrLimit } from './common.descriptions';

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

/** Return All, Limit, and Options holding Page Size, Concurrent Requests and the operation's own options. */
export function getManyProperties(options: INodeProperties[] = []): INodeProperties[] {
	return [...returnAllOrLimit, optionsCollection([...options, pageSizeOption, concurrencyOption])];
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
