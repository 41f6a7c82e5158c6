import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listTagPairs } from '../../api/tags';
import { returnAllOrLimit } from '../../descriptions/listing.descriptions';
import { showFor } from '../common.descriptions';
import { readLimit } from '../parameters';

export const description: INodeProperties[] = showFor('tag', 'getMany', [
	...returnAllOrLimit,
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'e.g. Exception',
		description:
			'Only the pairs whose tag name or value contains this text, as BigID matches it; empty for every pair',
	},
]);

/** One item per tag/value pair. BigID answers every pair at once, so the limit is applied here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const search = String(this.getNodeParameter('search', itemIndex, '')).trim();
	const pairs = await listTagPairs.call(this, search, itemIndex);
	return pairs.slice(0, limit);
}
