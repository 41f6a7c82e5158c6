import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listCasesByPolicy } from '../../api/cases';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';
import { readConcurrency, readLimit, readPageSize } from '../parameters';
import { equalityOperatorOption } from './dspmCase.descriptions';
import { readPaging, readStatusFilter } from './dspmCase.parameters';
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
	const { items } = await listCasesByPolicy.call(
		this,
		{
			qs: readStatusFilter.call(this, itemIndex),
			limit: readLimit.call(this, itemIndex),
			pageSize: readPageSize.call(this, itemIndex),
			concurrency: readConcurrency.call(this, itemIndex),
			paging: readPaging.call(this, itemIndex),
		},
		itemIndex,
	);
	return items;
}
