import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_EQUALITY_OPERATOR } from '../../model/case';

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

export const equalityOperatorOption: INodeProperties = {
	displayName: 'Equality Operator',
	name: 'equalityOperator',
	type: 'options',
	default: DEFAULT_EQUALITY_OPERATOR,
	description:
		'How a filter with a single value is sent. In (a one-item list) works on every BigID; Equal and Equals are the two spellings of the equality operator BigID versions use, for a BigID that needs one of them.',
	options: [
		{ name: 'In (One-Item List)', value: 'in' },
		{ name: 'Equal', value: 'equal' },
		{ name: 'Equals', value: 'equals' },
	],
};
