import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listSarAttributes } from '../../api/dsar';
import { showFor } from '../common.descriptions';
import { profileLocator, readProfileId } from './dsar.parameters';

export const description: INodeProperties[] = showFor('dsar', 'getAttributes', [
	profileLocator('The DSAR profile whose identity attributes to list'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listSarAttributes.call(this, readProfileId.call(this, itemIndex), itemIndex);
}
