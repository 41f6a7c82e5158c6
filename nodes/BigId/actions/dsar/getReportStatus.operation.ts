import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getSarReportStatus } from '../../api/dsar';
import { showFor } from '../common.descriptions';
import { readRequestId, requestIdProperty } from './dsar.parameters';

export const description: INodeProperties[] = showFor('dsar', 'getReportStatus', [
	requestIdProperty,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await getSarReportStatus.call(this, readRequestId.call(this, itemIndex), itemIndex);
}
