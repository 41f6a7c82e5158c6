import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listCasesByPolicy } from '../../api/cases';
import type { EqualityOperator } from '../../model/case';
import { caseFilterOf, DEFAULT_EQUALITY_OPERATOR } from '../../model/case';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';
import { readConcurrency, readLimit, readPageSize } from '../parameters';
import { equalityOperatorOption } from './dspmCase.descriptions';
import { readPaging } from './dspmCase.parameters';
import { caseStatusOptions, pagingParameterOption } from '../../descriptions/dspmCase.descriptions';

export const description: INodeProperties[] = showFor('dspmCase', 'getPolicySummary', [
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		default: ['open'],
		description: 'Count only cases in these statuses; none selected counts every case',
		options: caseStatusOptions,
	},
	...getManyProperties([equalityOperatorOption, pagingParameterOption]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const statuses = this.getNodeParameter('statuses', itemIndex, []) as string[];
	const equality = this.getNodeParameter(
		'options.equalityOperator',
		itemIndex,
		DEFAULT_EQUALITY_OPERATOR,
	) as EqualityOperator;
	const conditions = caseFilterOf({ statuses }, equality);
	const { items } = await listCasesByPolicy.call(
		this,
		{
			qs: conditions.length > 0 ? { filter: JSON.stringify(conditions) } : {},
			limit: readLimit.call(this, itemIndex),
			pageSize: readPageSize.call(this, itemIndex),
			concurrency: readConcurrency.call(this, itemIndex),
			paging: readPaging.call(this, itemIndex),
		},
		itemIndex,
	);
	return items;
}
