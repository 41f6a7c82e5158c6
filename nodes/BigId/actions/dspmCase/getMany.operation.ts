import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listCases, listCasesNewestFirst } from '../../api/cases';
import type { CaseFilterCondition, EqualityOperator } from '../../model/case';
import { listedValues, updatedAtOf } from '../../model/object';
import {
	caseFields,
	caseFilterOf,
	DEFAULT_EQUALITY_OPERATOR,
	rawCaseFilterProblem,
} from '../../model/case';
import { showFor } from '../common.descriptions';
import { getManyProperties, sortOption } from '../list.descriptions';
import { readOutputChoice, shapeOutputs } from '../output';
import { readConcurrency, readLimit, readOptionalDate, readPageSize } from '../parameters';
import { equalityOperatorOption } from './dspmCase.descriptions';
import { readPaging } from './dspmCase.parameters';
import { caseChoiceFilter, pagingParameterOption } from '../../descriptions/dspmCase.descriptions';

const commaSeparatedFilter = (displayName: string, name: string, placeholder: string) => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	placeholder,
	description:
		'Only cases with one of these values, separated by commas and matched exactly by BigID',
});

export const description: INodeProperties[] = showFor('dspmCase', 'getMany', [
	...getManyProperties(
		[
			equalityOperatorOption,
			pagingParameterOption,
			{
				displayName: 'Raw Filter',
				name: 'rawFilter',
				type: 'json',
				default: '',
				placeholder: 'e.g. [{"field":"compliance","value":["GDPR"],"operator":"in"}]',
				description:
					"BigID's JSON filter array, added to the filters above, for any field they do not offer",
			},
			sortOption(
				'e.g. [{"field":"severityLevel","order":"desc"}]',
				'Sort order as BigID takes it in the sort query parameter; empty means the most recently updated first',
			),
		],
		caseFields,
	),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			commaSeparatedFilter('Case Types', 'caseTypes', 'e.g. dataSourcePolicyCase'),
			commaSeparatedFilter('Data Source Names', 'dataSourceNames', 'e.g. finance-bucket-1'),
			commaSeparatedFilter('Policy Names', 'policyNames', 'e.g. Passwords, Open Access to PII'),
			caseChoiceFilter('severities', 'Only cases of these severities'),
			caseChoiceFilter(
				'statuses',
				'Only cases in these statuses. For a status not in the list, use Raw Filter or an expression.',
			),
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description:
					'Only cases changed at or after this moment. Read newest first, so only the pages that hold them are requested.',
			},
		],
	},
]);

function readRawFilter(this: IExecuteFunctions, itemIndex: number): CaseFilterCondition[] {
	const raw = this.getNodeParameter('options.rawFilter', itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) return [];
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch {
			parsed = undefined;
		}
	}
	const problem = parsed === undefined ? 'it is not valid JSON' : rawCaseFilterProblem(parsed);
	if (problem !== undefined) {
		throw new NodeOperationError(this.getNode(), `Raw Filter is malformed: ${problem}`, {
			itemIndex,
			description:
				'Give a JSON array of conditions, for example [{"field":"caseStatus","value":["open"],"operator":"in"}].',
		});
	}
	return parsed as CaseFilterCondition[];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const choice = readOutputChoice.call(this, itemIndex);
	return shapeOutputs(choice, caseFields, await listCasesOfItem.call(this, itemIndex));
}

async function listCasesOfItem(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const equality = this.getNodeParameter(
		'options.equalityOperator',
		itemIndex,
		DEFAULT_EQUALITY_OPERATOR,
	) as EqualityOperator;
	const conditions = [
		...caseFilterOf(
			{
				statuses: listedValues(filters.statuses),
				severities: listedValues(filters.severities),
				policyNames: listedValues(filters.policyNames),
				dataSourceNames: listedValues(filters.dataSourceNames),
				caseTypes: listedValues(filters.caseTypes),
			},
			equality,
		),
		...readRawFilter.call(this, itemIndex),
	];
	const sinceMs = readOptionalDate.call(
		this,
		'Updated Since',
		this.getNodeParameter('filters.updatedSince', itemIndex, ''),
		itemIndex,
	);
	const sort = (this.getNodeParameter('options.sort', itemIndex, '') as string).trim();
	const limit = readLimit.call(this, itemIndex);
	const options = {
		qs: conditions.length > 0 ? { filter: JSON.stringify(conditions) } : {},
		pageSize: readPageSize.call(this, itemIndex),
		concurrency: readConcurrency.call(this, itemIndex),
		paging: readPaging.call(this, itemIndex),
	};
	if (sinceMs === undefined) {
		const { items } = await listCases.call(
			this,
			{ ...options, limit, qs: sort === '' ? options.qs : { ...options.qs, sort } },
			itemIndex,
		);
		return items;
	}
	const isRecent = (item: IDataObject) => updatedAtOf(item) >= sinceMs;
	if (sort === '') {
		// Newest first: the cases before the first older one are all the recent ones.
		const { items } = await listCasesNewestFirst.call(
			this,
			sinceMs,
			{ ...options, limit },
			itemIndex,
		);
		return items.filter(isRecent);
	}
	const { items } = await listCases.call(
		this,
		{ ...options, qs: { ...options.qs, sort } },
		itemIndex,
	);
	return items.filter(isRecent).slice(0, limit);
}
