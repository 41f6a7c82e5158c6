import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readListQuery } from '../../helpers/listQuery';
import { bigIdApiRequestAllItems, normalizeObject } from '../../transport';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';

export const description: INodeProperties[] = showFor('scan', 'getMany', getManyProperties());

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { limit, pageSize } = readListQuery.call(this, itemIndex);
	const { items } = await bigIdApiRequestAllItems.call(
		this,
		{ path: ['scans'], listKey: 'scans', limit, pageSize },
		itemIndex,
	);
	return items.map(normalizeObject);
}
