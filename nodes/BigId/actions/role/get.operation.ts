import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listRoles } from '../../api/roles';
import type { RoleReference } from '../../model/role';
import { showFor } from '../common.descriptions';
import { roleLocator } from './role.descriptions';
import { resolveRole } from './role.parameters';

export const description: INodeProperties[] = showFor('role', 'get', [
	roleLocator('The BigID role to get'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const reference = this.getNodeParameter('role', itemIndex) as RoleReference;
	const roles = await listRoles.call(this, itemIndex);
	return resolveRole.call(this, roles, reference, itemIndex);
}
