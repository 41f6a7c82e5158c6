import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AciDirectory } from '../../api/accessIntelligence';
import { listAciDirectory } from '../../api/accessIntelligence';
import type { ListOptions } from '../../api/list';
import { aciGroupOf, aciUserOf } from '../../model/accessIntelligence';
import type { ObjectFields } from '../../model/fields';
import { idOf, sameText } from '../../model/object';
import type { ListResult } from '../../transport';
import { showFor } from '../common.descriptions';
import { getManyProperties, sortOption } from '../list.descriptions';
import { readOutputChoice, shapeOutputs } from '../output';
import { readConcurrency, readLimit, readPageSize } from '../parameters';

const aciSortOption = sortOption(
	'e.g. [{"field":"sharedObjectsCount","order":"desc"}]',
	'How BigID sorts the list: a JSON array of {field, order}, or one field name to sort by in ascending order',
);

const dataSourceFilter: INodeProperties = {
	displayName: 'Data Source',
	name: 'dataSource',
	type: 'string',
	default: '',
	placeholder: 'e.g. hr-db-1',
	description: 'Only those of the data source of this name (case does not matter)',
};

const SORT_FIX =
	'Check Sort: BigID takes a JSON array such as [{"field":"sharedObjectsCount","order":"desc"}] of fields its answers carry.';

/**
 * Sort as BigID's access intelligence takes it: a JSON array as written, or a field name as
 * `[{"field": name, "order": "asc"}]` (what BigID's MCP server sends for one). Undefined when empty.
 */
export function readAciSort(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const sort = String(this.getNodeParameter('options.sort', itemIndex, '')).trim();
	if (sort === '') return undefined;
	if (!sort.startsWith('[') && !sort.startsWith('{')) {
		return JSON.stringify([{ field: sort, order: 'asc' }]);
	}
	try {
		JSON.parse(sort);
	} catch {
		throw new NodeOperationError(this.getNode(), `Sort is not valid JSON: ${sort}`, {
			itemIndex,
			description: `${SORT_FIX} A field name alone sorts by it in ascending order.`,
		});
	}
	return sort;
}

/**
 * Reads a list the node filters itself (`matches` on each output; none: every item). Limit
 * counts the matches: without a filter the list stops at the limit, with one paging stops once
 * enough items matched.
 */
export async function listMatching(
	this: IExecuteFunctions,
	itemIndex: number,
	list: (options: ListOptions) => Promise<ListResult>,
	outputOf: (item: IDataObject) => IDataObject,
	matches: ((output: IDataObject) => boolean) | undefined,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const matchedIds = new Set<unknown>();
	const { items } = await list({
		qs,
		hints: qs.sort === undefined ? undefined : { 400: SORT_FIX },
		pageSize: readPageSize.call(this, itemIndex),
		concurrency: readConcurrency.call(this, itemIndex),
		limit: matches === undefined ? limit : undefined,
		stopWhen:
			matches !== undefined && limit !== undefined
				? (page) => {
						for (const output of page.map(outputOf).filter(matches)) {
							matchedIds.add(idOf(output) ?? output);
						}
						return matchedIds.size >= limit;
					}
				: undefined,
	});
	return (matches === undefined ? items : items.filter(matches)).slice(0, limit);
}

type Filter = (output: IDataObject, wanted: string) => boolean;

export const isOfDataSource: Filter = (output, wanted) => sameText(output.dataSource, wanted);

/**
 * Get Many Users or Groups: Return All, Limit, Simplify, Sort, and the Filters the node applies
 * to each page it reads (Data Source and the list's own `filter`).
 */
export function directoryDescription(
	operation: string,
	directory: AciDirectory,
	objectFields: ObjectFields,
	filter: INodeProperties,
): INodeProperties[] {
	const what = directory === 'users' ? 'accounts' : 'groups';
	return showFor('accessIntelligence', operation, [
		...getManyProperties([aciSortOption], objectFields),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: `BigID's access intelligence ${directory} list has no public filter parameter, so the node applies these to each page it reads. Limit counts the ${what} that match.`,
			options: [dataSourceFilter, filter],
		},
	]);
}

/**
 * A user or group list with its Sort and the Filters the node applies (`filters`: each filter's
 * test of an output against the value given, by AND), shaped by Simplify or the tool's Output.
 */
export async function getManyOfDirectory(
	this: IExecuteFunctions,
	itemIndex: number,
	directory: AciDirectory,
	objectFields: ObjectFields,
	filters: Record<string, Filter>,
): Promise<IDataObject[]> {
	const choice = readOutputChoice.call(this, itemIndex);
	const sort = readAciSort.call(this, itemIndex);
	const given = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const wanted = Object.entries(filters)
		.map(([name, test]) => ({ value: String(given[name] ?? '').trim(), test }))
		.filter(({ value }) => value !== '');
	const matches =
		wanted.length === 0
			? undefined
			: (output: IDataObject) => wanted.every(({ value, test }) => test(output, value));
	const items = await listMatching.call(
		this,
		itemIndex,
		async (options) => await listAciDirectory.call(this, directory, options, itemIndex),
		directory === 'users' ? aciUserOf : aciGroupOf,
		matches,
		sort === undefined ? {} : { sort },
	);
	return shapeOutputs(choice, objectFields, items);
}
