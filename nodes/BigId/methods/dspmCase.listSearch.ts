import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listCasesNewestFirst } from '../api/cases';
import { searchResults } from './search';

/** The most recently changed cases (one page of them): a searchable list, not an inventory. */
const SEARCHED_CASES = 200;

export async function searchCases(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { items } = await listCasesNewestFirst.call(this, Infinity, {
		pageSize: SEARCHED_CASES,
		limit: SEARCHED_CASES,
	});
	return searchResults(
		items,
		filter,
		(item) => [item.caseId, item.label, item.policyName, item.dataSourceName, item._id],
		(item) => ({
			name: `${String(item.caseId)}: ${String(item.label ?? item.policyName)} (${String(item.status)})`,
			value: String(item._id),
		}),
	);
}
