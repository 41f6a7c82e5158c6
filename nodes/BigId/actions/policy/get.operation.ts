import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listPolicies, listPoliciesNamed } from '../../api/policies';
import { findPolicy } from '../../model/policy';
import { resourceLocator, showFor } from '../common.descriptions';
import { requireText } from '../parameters';

export const description: INodeProperties[] = showFor('policy', 'get', [
	resourceLocator({
		displayName: 'Policy',
		name: 'policy',
		description: 'The policy to get; a DSPM case names its policy in policyName',
		searchListMethod: 'searchPolicies',
		idHint: 'The id Policy > Get Many outputs',
		byName: {
			placeholder: 'e.g. Passwords',
			hint: "The policy's name, such as a DSPM case's policyName",
		},
	}),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { mode } = this.getNodeParameter('policy', itemIndex) as { mode: string };
	const value = requireText.call(
		this,
		this.getNodeParameter('policy', itemIndex, '', { extractValue: true }),
		itemIndex,
		{
			message: 'No policy given',
			description:
				'Choose a policy from the list, or enter its name (a DSPM case gives it in policyName).',
		},
	);
	// From the list, the value is the policy's name.
	const reference = { mode: mode === 'id' ? 'id' : 'name', value };
	const policies =
		reference.mode === 'id'
			? await listPolicies.call(this, undefined, itemIndex)
			: await listPoliciesNamed.call(this, value, itemIndex);
	const policy = findPolicy(policies, reference);
	if (!policy) {
		throw new NodeOperationError(
			this.getNode(),
			reference.mode === 'id' ? `No policy has the ID ${value}` : `No policy is named "${value}"`,
			{
				itemIndex,
				description:
					'Choose the policy from the list, or check its name in BigID (Policies); Policy > Get Many lists every policy.',
			},
		);
	}
	return policy;
}
