import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listScans } from '../../api/scans';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';
import { readListOptions } from '../parameters';

export const description: INodeProperties[] = showFor('scan', 'getMany', getManyProperties());

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { items } = await listScans.call(this, readListOptions.call(this, itemIndex), itemIndex);
	return items;
}
