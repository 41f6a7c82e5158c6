import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BigIdContext } from '../transport';
import { bigIdApiRequest, idOf, normalizeObject, readListPage } from '../transport';

/** `GET /roles` answers every role at once, bare or wrapped. */
export async function listRoles(this: BigIdContext, itemIndex = 0): Promise<IDataObject[]> {
	const body = await bigIdApiRequest.call(this, { path: ['roles'] }, itemIndex);
	return (readListPage(body, 'roles')?.items ?? []).map(normalizeObject);
}

const rolesByExecution = new WeakMap<object, Promise<IDataObject[]>>();

/** The roles, read once per node execution however many items need them. */
export async function listRolesOnce(this: BigIdContext, itemIndex = 0): Promise<IDataObject[]> {
	let roles = rolesByExecution.get(this);
	if (!roles) {
		roles = listRoles.call(this, itemIndex);
		rolesByExecution.set(this, roles);
		// A failed read must not answer for the next item too; the caller still gets the error.
		roles.then(undefined, () => rolesByExecution.delete(this));
	}
	return await roles;
}

/** A role as the node's parameters give it: picked from the list (its ID), or typed as a name or an ID. */
export interface RoleReference {
	mode: string;
	value: string;
}

const squeeze = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function editDistance(left: string, right: string): number {
	let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
	for (let i = 1; i <= left.length; i++) {
		const current = [i];
		for (let j = 1; j <= right.length; j++) {
			const substitution = previous[j - 1] + (left[i - 1] === right[j - 1] ? 0 : 1);
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
		}
		previous = current;
	}
	return previous[right.length];
}

/** The role name a typo most likely meant: same letters in another case or spacing, or two edits away. */
export function nearestRoleName(roles: IDataObject[], wanted: string): string | undefined {
	const names = roles.map((role) => String(role.name ?? ''));
	const sameLetters = names.find((name) => squeeze(name) === squeeze(wanted));
	if (sameLetters !== undefined) return sameLetters;
	const scored = names
		.map((name) => ({ name, distance: editDistance(name.toLowerCase(), wanted.toLowerCase()) }))
		.filter(({ distance }) => distance <= 2)
		.sort((left, right) => left.distance - right.distance);
	return scored[0]?.name;
}

/**
 * Finds the role exactly as BigID names it (a name that is not one, even in another case, is
 * refused: user create and update need BigID's exact name), or fails with every valid name.
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
	const byName = reference.mode === 'name';
	const role =
		(byName ? roles.find((candidate) => candidate.name === wanted) : undefined) ??
		roles.find((candidate) => idOf(candidate) === wanted || candidate.id === wanted);
	if (role) return role;
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
