import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listPolicies, listPoliciesNamed } from '../../api/policies';
import { returnAllOrLimit } from '../../descriptions/listing.descriptions';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';
import { readLimit } from '../parameters';

export const description: INodeProperties[] = showFor('policy', 'getMany', [
	...returnAllOrLimit,
	optionsCollection([
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. Passwords',
			description:
				'Only the policy of this name (case and spacing do not count), such as the policyName of a DSPM case',
		},
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const name = String(this.getNodeParameter('options.name', itemIndex, '') ?? '').trim();
	const policies =
		name === ''
			? await listPolicies.call(this, undefined, itemIndex)
			: await listPoliciesNamed.call(this, name, itemIndex);
	return policies.slice(0, limit);
}
