import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../model/object';
import { hasPolicyName, policyOutputOf } from '../model/policy';
import type { BigIdContext } from '../transport';
import { bigIdApiRequest, listPageOf } from '../transport';

/** Where a version puts the list: bare (the transport gives it as `items`), or under a key. */
function policiesIn(answer: IDataObject): IDataObject[] {
	const page = listPageOf(answer, ['items', 'data', 'complianceRules', 'policies']);
	return ((page?.items ?? []) as unknown[]).filter(isRecord).map(policyOutputOf);
}

/**
 * `GET /compliance-rules` (`?name=` for one policy): the policies, a bare array as public clients
 * read it, not paged [R]. A name BigID has no policy of answers an empty list.
 */
export async function listPolicies(
	this: BigIdContext,
	name: string | undefined,
	itemIndex = 0,
): Promise<IDataObject[]> {
	const answer = await bigIdApiRequest.call(
		this,
		{ path: ['compliance-rules'], ...(name === undefined ? {} : { qs: { name } }) },
		itemIndex,
	);
	return policiesIn(answer);
}

/**
 * The policies of this name, as `hasPolicyName` matches it: BigID's `?name=` first; when that
 * finds none (a BigID matching only the exact spelling), the whole list, matched here.
 */
export async function listPoliciesNamed(
	this: BigIdContext,
	name: string,
	itemIndex = 0,
): Promise<IDataObject[]> {
	const named = (await listPolicies.call(this, name, itemIndex)).filter((policy) =>
		hasPolicyName(policy, name),
	);
	if (named.length > 0) return named;
	const all = await listPolicies.call(this, undefined, itemIndex);
	return all.filter((policy) => hasPolicyName(policy, name));
}
