import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RoleReference } from '../../model/role';
import { findRole, nearestRoleName } from '../../model/role';

/**
 * The role as BigID names it (a name that is not one, even in another case, is refused: user
 * create and update need BigID's exact name), or an error that names the near match and every
 * valid name.
 */
export function resolveRole(
	this: IExecuteFunctions,
	roles: IDataObject[],
	reference: RoleReference,
	itemIndex: number,
): IDataObject {
	const wanted = String(reference.value ?? '').trim();
	if (wanted === '') {
		throw new NodeOperationError(this.getNode(), 'No role given', {
			itemIndex,
			description: 'Choose a role from the list, or enter its ID or exact name.',
		});
	}
	const role = findRole(roles, reference);
	if (role) return role;
	const byName = reference.mode === 'name';
	const nearest = byName ? nearestRoleName(roles, wanted) : undefined;
	const names = roles.map((candidate) => candidate.name).join(', ');
	throw new NodeOperationError(
		this.getNode(),
		`Role ${byName ? `"${wanted}"` : `with ID ${wanted}`} was not found${nearest ? `. Did you mean "${nearest}"?` : ''}`,
		{
			itemIndex,
			description: `Role names must match BigID exactly. BigID has: ${names}.`,
		},
	);
}
