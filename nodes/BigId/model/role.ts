import type { IDataObject } from 'n8n-workflow';

import { comparisonKey, idOf } from './object';

/** A role as the node's parameters give it: picked from the list (its ID), or typed as a name or an ID. */
export interface RoleReference {
	mode: string;
	value: string;
}

/** Role names by role ID, to name the `roleIds` of real deployments' users. */
export function roleNamesById(roles: IDataObject[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const role of roles) {
		const id = idOf(role);
		if (id !== undefined) names.set(id, String(role.name));
	}
	return names;
}

/** The role exactly as BigID names it, or with this ID: user create and update need BigID's exact name. */
export function findRole(roles: IDataObject[], reference: RoleReference): IDataObject | undefined {
	const wanted = String(reference.value ?? '').trim();
	return (
		(reference.mode === 'name' ? roles.find((role) => role.name === wanted) : undefined) ??
		roles.find((role) => idOf(role) === wanted || role.id === wanted)
	);
}

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
	const sameLetters = names.find((name) => comparisonKey(name) === comparisonKey(wanted));
	if (sameLetters !== undefined) return sameLetters;
	const scored = names
		.map((name) => ({ name, distance: editDistance(name.toLowerCase(), wanted.toLowerCase()) }))
		.filter(({ distance }) => distance <= 2)
		.sort((left, right) => left.distance - right.distance);
	return scored[0]?.name;
}
