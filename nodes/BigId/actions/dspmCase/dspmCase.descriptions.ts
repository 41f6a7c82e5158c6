import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CASE_PAGING } from '../../api/cases';
import { CASE_SEVERITIES, DEFAULT_EQUALITY_OPERATOR, KNOWN_CASE_STATUSES } from '../../model/case';

const titled = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

export const caseStatusOptions = KNOWN_CASE_STATUSES.map((status) => ({
	name: titled(status),
	value: status,
}));

const caseSeverityOptions = CASE_SEVERITIES.map((severity) => ({
	name: titled(severity),
	value: severity,
}));

/** The Severities or Statuses multi-select of Get Many and of the trigger; `description` says what it keeps. */
export function caseChoiceFilter(
	name: 'severities' | 'statuses',
	description: string,
): INodeProperties {
	return {
		displayName: titled(name),
		name,
		type: 'multiOptions',
		default: [],
		description,
		options: name === 'severities' ? caseSeverityOptions : caseStatusOptions,
	};
}

/** A case from the live list, by its `_id`, or by the friendly case ID BigID's UI shows. */
export const caseLocator: INodeProperties = {
	displayName: 'Case',
	name: 'case',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The DSPM case',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCases', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 64f7df00cc834f0001a44e85',
			hint: 'The case _id (24 hexadecimal characters), as Get Many and the trigger output it',
		},
		{
			displayName: 'By Case ID',
			name: 'caseId',
			type: 'string',
			placeholder: 'e.g. SPC-123',
			hint: 'The friendly case ID BigID shows in its UI and puts in caseId',
		},
	],
};

export const pagingParameterOption: INodeProperties = {
	displayName: 'Paging Parameter',
	name: 'pagingParameter',
	type: 'options',
	default: DEFAULT_CASE_PAGING,
	description:
		'The query parameter this BigID version pages case lists by. BigID documents skip; some versions take offset instead (a list that repeats its first page says so).',
	options: [
		{ name: 'Skip', value: 'skip' },
		{ name: 'Offset', value: 'offset' },
	],
};

export const equalityOperatorOption: INodeProperties = {
	displayName: 'Equality Operator',
	name: 'equalityOperator',
	type: 'options',
	default: DEFAULT_EQUALITY_OPERATOR,
	description:
		'How this BigID version spells "equals" in its JSON filter, used when a filter has a single value (several values use "in"). BigID clients use both; a 400 on a single-value filter means the other one.',
	options: [
		{ name: 'Equal', value: 'equal' },
		{ name: 'Equals', value: 'equals' },
	],
};
