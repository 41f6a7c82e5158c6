import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readListQuery } from '../../helpers/listQuery';
import { listScanProfiles } from '../../helpers/scanProfiles';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';

export const description: INodeProperties[] = showFor(
	'scanProfile',
	'getMany',
	getManyProperties(),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { items } = await listScanProfiles.call(
		this,
		readListQuery.call(this, itemIndex),
		itemIndex,
	);
	return items;
}
