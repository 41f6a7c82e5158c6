import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listScans } from '../../api/scans';
import { scanFields } from '../../model/scan';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';
import { readOutputChoice, shapeOutputs } from '../output';
import { readListOptions } from '../parameters';

export const description: INodeProperties[] = showFor(
	'scan',
	'getMany',
	getManyProperties([], scanFields),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const choice = readOutputChoice.call(this, itemIndex);
	const { items } = await listScans.call(this, readListOptions.call(this, itemIndex), itemIndex);
	return shapeOutputs(choice, scanFields, items);
}
