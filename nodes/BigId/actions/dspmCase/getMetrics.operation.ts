import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCaseTrends, listCases, listCasesByPolicy } from '../../api/cases';
import type { CaseGrouping } from '../../model/case';
import { caseCountsBy } from '../../model/case';
import { showFor } from '../common.descriptions';
import { readPaging, readStatusFilter } from './dspmCase.parameters';
import { equalityOperatorOption } from './dspmCase.descriptions';
import { caseStatusOptions, pagingParameterOption } from '../../descriptions/dspmCase.descriptions';

/** A digest reads every group: BigID's pages are large enough that this is a request or two. */
const GROUP_PAGE_SIZE = 1000;

export const description: INodeProperties[] = showFor('dspmCase', 'getMetrics', [
	{
		displayName: 'Metric',
		name: 'metric',
		type: 'options',
		default: 'counts',
		options: [
			{
				name: 'Case Counts',
				value: 'counts',
				description:
					'One item per policy, severity, status or data source, with its number of cases',
			},
			{
				name: 'Trends',
				value: 'trends',
				description: "BigID's case trends over time, as BigID answers them",
			},
		],
	},
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'options',
		default: 'policy',
		displayOptions: { show: { metric: ['counts'] } },
		options: [
			{ name: 'Data Source', value: 'dataSource' },
			{ name: 'Policy', value: 'policy' },
			{ name: 'Severity', value: 'severity' },
			{ name: 'Status', value: 'status' },
		],
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		default: ['open'],
		displayOptions: { show: { metric: ['counts'] } },
		description: 'Count only cases in these statuses; none selected counts every case',
		options: caseStatusOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { metric: ['counts'] } },
		options: [equalityOperatorOption, pagingParameterOption],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	if (this.getNodeParameter('metric', itemIndex) === 'trends') {
		return await getCaseTrends.call(this, itemIndex);
	}
	return await countCases.call(this, itemIndex);
}

/**
 * BigID groups by the asked field (`cases-group-by-policy?groupBy=`); a version that groups by
 * policy only answers rows without it, and then the cases themselves are counted.
 */
async function countCases(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const groupBy = this.getNodeParameter('groupBy', itemIndex) as CaseGrouping;
	const filter = readStatusFilter.call(this, itemIndex);
	const paging = readPaging.call(this, itemIndex);
	const options = { pageSize: GROUP_PAGE_SIZE, paging };
	const groups = await listCasesByPolicy.call(
		this,
		{ ...options, qs: { ...filter, groupBy } },
		itemIndex,
	);
	const grouped = caseCountsBy(groups.items, groupBy, (row) => Number(row.caseCount) || 0);
	if (grouped) return grouped;
	const cases = await listCases.call(this, { ...options, qs: filter }, itemIndex);
	return caseCountsBy(cases.items, groupBy, () => 1) ?? [];
}
