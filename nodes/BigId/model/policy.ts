import type { IDataObject } from 'n8n-workflow';

import { comparisonKey, flagOf, idOf, normalizeObject } from './object';

/**
 * A policy (BigID calls them compliance rules) in the fields public clients show: `id`, `name`,
 * `displayName`, `type` (catalog...), `description`, `severity`, `category`, `owner`,
 * `is_enabled`, `status` (VIOLATED, UNVIOLATED), `findings` `{violated, findingsAmt, calcDate}`,
 * `complianceRuleCalc` `{bigidQuery, maxFindings}`, `actions`, `taskSettings`. Both ID spellings
 * filled, and `enabled` as a boolean (null when BigID gives neither spelling).
 */
export function policyOutputOf(policy: IDataObject): IDataObject {
	const output = normalizeObject(policy);
	output.enabled = flagOf(policy.is_enabled ?? policy.enabled) ?? null;
	return output;
}

function namesOf(policy: IDataObject): unknown[] {
	return [policy.name, policy.displayName];
}

/**
 * Whether the policy has this name, as a case's `policyName` gives it or a person types it: its
 * name or display name, with case and spacing not counting.
 */
export function hasPolicyName(policy: IDataObject, wanted: string): boolean {
	const key = comparisonKey(wanted);
	return key !== '' && namesOf(policy).some((name) => comparisonKey(name) === key);
}

/** The policy of this name, its exact spelling first; or, in By ID mode, of this ID. */
export function findPolicy(
	policies: IDataObject[],
	reference: { mode: string; value: string },
): IDataObject | undefined {
	const wanted = reference.value.trim();
	if (reference.mode === 'id') return policies.find((policy) => idOf(policy) === wanted);
	return (
		policies.find((policy) => namesOf(policy).includes(wanted)) ??
		policies.find((policy) => hasPolicyName(policy, wanted))
	);
}
