import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listRoles } from '../../api/roles';
import { showFor } from '../common.descriptions';
import { readLimit } from '../parameters';
import { returnAllOrLimit } from '../../descriptions/listing.descriptions';

export const description: INodeProperties[] = showFor('role', 'getMany', returnAllOrLimit);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const roles = await listRoles.call(this, itemIndex);
	return limit === undefined ? roles : roles.slice(0, limit);
}
