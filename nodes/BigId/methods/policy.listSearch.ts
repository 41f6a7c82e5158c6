import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listPolicies } from '../api/policies';
import { searchResults } from './search';

/** Policies by name: a policy's name is what cases carry (`policyName`) and what Get looks up. */
export async function searchPolicies(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const policies = await listPolicies.call(this, undefined);
	return searchResults(
		policies,
		filter,
		(policy) => [policy.name, policy.displayName],
		(policy) => ({ name: String(policy.name), value: String(policy.name) }),
	);
}
