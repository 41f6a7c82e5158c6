import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CASE_PAGING } from '../api/cases';
import { CASE_SEVERITIES, KNOWN_CASE_STATUSES } from '../model/case';

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
