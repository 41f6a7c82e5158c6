import type { IDataObject } from 'n8n-workflow';

import { hasPolicyName, policyOutputOf } from '../model/policy';
import type { BigIdContext } from '../transport';
import { bigIdApiRequest, unwrapEnvelope } from '../transport';

/** Where a version puts the list: bare (the transport gives it as `items`), or under `data`. */
function policiesIn(answer: IDataObject): IDataObject[] {
	const content = unwrapEnvelope(answer);
	const list = [answer.items, answer.data, content.complianceRules, content.policies].find(
		Array.isArray,
	);
	return ((list ?? []) as unknown[])
		.filter((item): item is IDataObject => typeof item === 'object' && item !== null)
		.map(policyOutputOf);
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
