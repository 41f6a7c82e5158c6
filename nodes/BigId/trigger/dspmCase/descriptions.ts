import type { INodeProperties } from 'n8n-workflow';

import { CASE_EVENTS } from './events';
import { caseChoiceFilter, pagingParameterOption } from '../../descriptions/dspmCase.descriptions';

export const caseOptions: INodeProperties = {
	displayName: 'Case Options',
	name: 'caseOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { events: [...CASE_EVENTS] } },
	options: [
		{
			...pagingParameterOption,
			description:
				'The query parameter this BigID version pages case lists by (skip, as documented, or offset). Only polls that find more than one page of changes use it.',
		},
		{
			displayName: 'Policy Names',
			name: 'policyNames',
			type: 'string',
			default: '',
			placeholder: 'e.g. Passwords, Open Access to PII',
			description:
				'Only emit cases of these policies, separated by commas and compared without case. Empty for every policy.',
		},
		caseChoiceFilter(
			'severities',
			'Only emit cases of these severities. None selected for every severity.',
		),
		caseChoiceFilter(
			'statuses',
			'Only emit a case created in, or changed to, one of these statuses. None selected for every status.',
		),
	],
};
