import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listSarProfiles } from '../../api/dsar';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listSarProfiles.call(this, itemIndex);
}
