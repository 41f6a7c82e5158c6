import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listScanProfiles } from '../../api/scanProfiles';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';
import { readListOptions } from '../parameters';

export const description: INodeProperties[] = showFor(
	'scanProfile',
	'getMany',
	getManyProperties(),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const options = readListOptions.call(this, itemIndex);
	const { items } = await listScanProfiles.call(this, options, itemIndex);
	return items;
}
