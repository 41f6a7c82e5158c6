import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import type { ObjectFields } from '../model/fields';

/** Words a field name spells in lower case that n8n's UI writes otherwise. */
const WORDS: Record<string, string> = { id: 'ID', ids: 'IDs' };

/** A field's name as the Fields list shows it: `childScanIds` is Child Scan IDs, `completed_at` Completed At. */
export function fieldDisplayName(field: string): string {
	return field
		.replace(/_/g, ' ')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.split(' ')
		.filter((word) => word !== '')
		.map((word) => WORDS[word.toLowerCase()] ?? word[0].toUpperCase() + word.slice(1))
		.join(' ');
}

/** The Fields options of an object: every output field, by name in alphabetical order as n8n lists them. */
export function fieldOptions(fields: readonly string[]): INodePropertyOptions[] {
	return fields
		.map((field) => ({ name: fieldDisplayName(field), value: field }))
		.sort((left, right) => left.name.localeCompare(right.name));
}

const TOOL_ONLY = { '@tool': [true] };

/**
 * Simplify for the node, Output (and Fields) for its AI tool variant, which n8n tells apart
 * with its `@tool` display option: the tool sees only Output, the node only Simplify.
 */
export function outputProperties(objectFields: ObjectFields): INodeProperties[] {
	return [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			// Off by default: a workflow saved before Simplify existed has no value for it, and
			// gets the default, so its output stays exactly what it was.
			default: false,
			description: 'Whether to return a simplified version of the response instead of the raw data',
			displayOptions: { hide: TOOL_ONLY },
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'simplified',
			options: [
				{
					name: 'Simplified',
					value: 'simplified',
					description: `The ${objectFields.simplified.length} fields a next step usually needs`,
				},
				{ name: 'Raw', value: 'raw', description: 'Every field BigID gives' },
				{
					name: 'Selected Fields',
					value: 'selected',
					description: 'Only the fields chosen in Fields',
				},
			],
			displayOptions: { show: TOOL_ONLY },
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			options: fieldOptions(objectFields.all),
			default: [],
			description: 'The fields to return; a field an object does not have is null',
			displayOptions: { show: { ...TOOL_ONLY, output: ['selected'] } },
		},
	];
}
