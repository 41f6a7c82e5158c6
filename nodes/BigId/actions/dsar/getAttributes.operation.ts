import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listSarAttributes } from '../../api/dsar';
import { resourceLocator, showFor } from '../common.descriptions';
import { requireText } from '../parameters';

export const description: INodeProperties[] = showFor('dsar', 'getAttributes', [
	resourceLocator({
		displayName: 'Profile',
		name: 'profile',
		description: 'The DSAR profile whose identity attributes to list',
		searchListMethod: 'searchSarProfiles',
		idHint: 'The _id DSAR > Get Profiles outputs',
	}),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const profileId = requireText.call(
		this,
		this.getNodeParameter('profile', itemIndex, '', { extractValue: true }),
		itemIndex,
		{
			message: 'No DSAR profile given',
			description: 'Choose a profile from the list, or enter the _id DSAR > Get Profiles outputs.',
		},
	);
	return await listSarAttributes.call(this, profileId, itemIndex);
}
