import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getSarReportStatus } from '../../api/dsar';
import { showFor } from '../common.descriptions';
import { requireText } from '../parameters';

export const description: INodeProperties[] = showFor('dsar', 'getReportStatus', [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. dsar-20260525-0001',
		description: 'The requestId DSAR > Submit Request output',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const requestId = requireText.call(
		this,
		this.getNodeParameter('requestId', itemIndex),
		itemIndex,
		{
			message: 'No DSAR request ID given',
			description: 'Enter the requestId DSAR > Submit Request output.',
		},
	);
	return await getSarReportStatus.call(this, requestId, itemIndex);
}
