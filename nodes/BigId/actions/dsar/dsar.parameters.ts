import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';
import { requireText } from '../parameters';

export const profileLocator = (description: string): INodeProperties =>
	resourceLocator({
		displayName: 'Profile',
		name: 'profile',
		description,
		searchListMethod: 'searchSarProfiles',
		idHint: 'The _id DSAR > Get Profiles outputs',
	});

export function readProfileId(this: IExecuteFunctions, itemIndex: number): string {
	return requireText.call(
		this,
		this.getNodeParameter('profile', itemIndex, '', { extractValue: true }),
		itemIndex,
		{
			message: 'No DSAR profile given',
			description: 'Choose a profile from the list, or enter the _id DSAR > Get Profiles outputs.',
		},
	);
}

export const requestIdProperty: INodeProperties = {
	displayName: 'Request ID',
	name: 'requestId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. dsar-20260525-0001',
	description: 'The requestId DSAR > Submit Request output',
};

export function readRequestId(this: IExecuteFunctions, itemIndex: number): string {
	return requireText.call(this, this.getNodeParameter('requestId', itemIndex), itemIndex, {
		message: 'No DSAR request ID given',
		description: 'Enter the requestId DSAR > Submit Request output.',
	});
}
