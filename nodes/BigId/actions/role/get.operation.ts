import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listRoles } from '../../helpers/roles';
import { showFor } from '../common.descriptions';

export const description: INodeProperties[] = showFor('role', 'get', [
	{
		displayName: 'Role',
		name: 'role',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The BigID role to get',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchRoles', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 64f7df00cc834f0001a44e85',
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Viewer',
				hint: 'The exact role name, as BigID lists it',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const locator = this.getNodeParameter('role', itemIndex) as { mode: string; value: string };
	const wanted = String(locator.value ?? '').trim();
	if (wanted === '') {
		throw new NodeOperationError(this.getNode(), 'No role given', {
			itemIndex,
			description: 'Choose a role from the list, or enter its ID or exact name.',
		});
	}
	const roles = await listRoles.call(this, itemIndex);
	const byName = locator.mode === 'name';
	const role = roles.find((candidate) =>
		byName ? candidate.name === wanted : candidate.id === wanted || candidate._id === wanted,
	);
	if (!role) {
		const names = roles.map((candidate) => candidate.name).join(', ');
		throw new NodeOperationError(
			this.getNode(),
			`Role ${byName ? `"${wanted}"` : `with ID ${wanted}`} was not found`,
			{ itemIndex, description: `Role names must match BigID exactly. BigID has: ${names}.` },
		);
	}
	return role;
}
