import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SarUserValue } from '../../api/dsar';
import { submitSarRequest, SUBMIT_REQUEST_ROUTE } from '../../api/dsar';
import { showFor } from '../common.descriptions';
import { profileLocator, readProfileId } from './dsar.parameters';

/** What identifies the person a request is for; Submit and Wait shows the same. */
export const submitProperties: INodeProperties[] = [
	{
		displayName: `BigID does not document this endpoint (${SUBMIT_REQUEST_ROUTE}); versions without it answer that they do not offer it`,
		name: 'unconfirmedNotice',
		type: 'notice',
		default: '',
	},
	profileLocator('The DSAR profile to run the request with'),
	{
		displayName: 'Identity Values',
		name: 'userValues',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Identity Value',
		description:
			'What identifies the person: attributes of the profile (DSAR > Get Attributes) and their values',
		options: [
			{
				displayName: 'Value',
				name: 'value',
				values: [
					{
						displayName: 'Attribute Name',
						name: 'attributeName',
						type: 'string',
						default: '',
						placeholder: 'e.g. email',
					},
					{
						displayName: 'Attribute Value',
						name: 'attributeValue',
						type: 'string',
						default: '',
						placeholder: 'e.g. jane.doe@example.com',
					},
				],
			},
		],
	},
];

export const description: INodeProperties[] = showFor('dsar', 'submitRequest', submitProperties);

/** The profile and identity values of the item, checked before any request. */
export function readSubmission(
	this: IExecuteFunctions,
	itemIndex: number,
): { profileId: string; userValues: SarUserValue[] } {
	const profileId = readProfileId.call(this, itemIndex);
	const given = this.getNodeParameter('userValues.value', itemIndex, []) as IDataObject[];
	const userValues: SarUserValue[] = given
		.map((entry) => ({
			attributeName: String(entry.attributeName ?? '').trim(),
			attributeValue: String(entry.attributeValue ?? '').trim(),
		}))
		.filter((entry) => entry.attributeName !== '' || entry.attributeValue !== '');
	if (
		userValues.length === 0 ||
		userValues.some((entry) => entry.attributeName === '' || entry.attributeValue === '')
	) {
		throw new NodeOperationError(
			this.getNode(),
			'Every identity value needs an attribute name and a value',
			{
				itemIndex,
				description:
					'Add at least one Identity Value, for example email = jane.doe@example.com, with an attribute name DSAR > Get Attributes lists for the profile.',
			},
		);
	}
	return { profileId, userValues };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { profileId, userValues } = readSubmission.call(this, itemIndex);
	return await submitSarRequest.call(this, profileId, userValues, itemIndex);
}
