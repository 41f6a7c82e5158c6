import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import type { ItemWithBinary } from '../node.type';
import { readRequestId, requestIdProperty } from './dsar.parameters';
import {
	outputReport,
	readReadyReport,
	readReportOutput,
	reportOutputProperties,
} from './dsarReport';

export const description: INodeProperties[] = showFor('dsar', 'getReport', [
	requestIdProperty,
	...reportOutputProperties,
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[] | ItemWithBinary> {
	const requestId = readRequestId.call(this, itemIndex);
	const output = readReportOutput.call(this, itemIndex);
	const report = await readReadyReport.call(this, requestId, itemIndex);
	return await outputReport.call(this, requestId, report, output);
}
