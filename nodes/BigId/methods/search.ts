import type { IDataObject, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { containsText } from '../model/object';

/** The items whose `searched` fields contain the filter (without case), as a dropdown shows them. */
export function searchResults(
	items: IDataObject[],
	filter: string | undefined,
	searched: (item: IDataObject) => unknown[],
	toResult: (item: IDataObject) => INodeListSearchItems,
): INodeListSearchResult {
	return { results: items.filter((item) => containsText(filter, ...searched(item))).map(toResult) };
}

/** The usual result: the item's name, and its `_id` as the value. */
export const byNameWithId = (item: IDataObject): INodeListSearchItems => ({
	name: String(item.name),
	value: String(item._id),
});
