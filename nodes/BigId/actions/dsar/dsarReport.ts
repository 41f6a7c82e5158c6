import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { SarReport } from '../../api/dsar';
import { asNodeError } from '../../api/errors';
import { getSarReport, getSarReportStatus } from '../../api/dsar';
import { ifOffered } from '../../api/unconfirmed';
import { returnAllOrLimit } from '../../descriptions/listing.descriptions';
import type { SarStatus } from '../../model/dsar';
import { sarRecordsAsCsv, sarStatusOf } from '../../model/dsar';
import { ItemWithBinary } from '../node.type';
import { readLimit, requireText } from '../parameters';

const showForOutput = (output: 'records' | 'file', property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: { show: { ...property.displayOptions?.show, reportOutput: [output] } },
});

/** How an operation that ends with a DSAR report outputs it: its records as items, or one file. */
export const reportOutputProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'reportOutput',
		type: 'options',
		options: [
			{
				name: 'File',
				value: 'file',
				description: 'The whole report as one file (binary data), for large reports or to send on',
			},
			{
				name: 'One Item per Record',
				value: 'records',
				description:
					'Each record of the report (where BigID found what about the person) as an item',
			},
		],
		default: 'records',
	},
	...returnAllOrLimit.map((property) => showForOutput('records', property)),
	showForOutput('file', {
		displayName: 'File Format',
		name: 'fileFormat',
		type: 'options',
		options: [
			{ name: 'CSV', value: 'csv', description: 'One row per record' },
			{ name: 'JSON', value: 'json', description: 'The report as BigID answered it' },
		],
		default: 'json',
	}),
	showForOutput('file', {
		displayName: 'Escape Formulas',
		name: 'escapeFormulas',
		type: 'boolean',
		default: true,
		displayOptions: { show: { fileFormat: ['csv'] } },
		description:
			'Whether to put an apostrophe before a value that starts with =, +, -, @, a tab or a carriage return, so a spreadsheet shows it as text instead of running it as a formula. A report holds what people typed, the data subject included.',
	}),
	showForOutput('file', {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	}),
];

export type ReportOutput =
	| { kind: 'records'; limit: number | undefined }
	| { kind: 'file'; format: 'json' | 'csv'; binaryPropertyName: string; escapeFormulas: boolean };

/** The Output settings, read before any request. */
export function readReportOutput(this: IExecuteFunctions, itemIndex: number): ReportOutput {
	if ((this.getNodeParameter('reportOutput', itemIndex, 'records') as string) === 'records') {
		return { kind: 'records', limit: readLimit.call(this, itemIndex) };
	}
	const binaryPropertyName = requireText.call(
		this,
		this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
		itemIndex,
		{
			message: 'No field given for the report file',
			description: 'Enter the name of the binary field to put the file in, for example data.',
		},
	);
	const format = this.getNodeParameter('fileFormat', itemIndex, 'json') as 'json' | 'csv';
	const escapeFormulas = this.getNodeParameter('escapeFormulas', itemIndex, true) as boolean;
	return { kind: 'file', format, binaryPropertyName, escapeFormulas };
}

/** The report as the Output setting asks: its records (up to Limit), or one item with the file. */
export async function outputReport(
	this: IExecuteFunctions,
	requestId: string,
	{ report, records }: ReadyReport,
	output: ReportOutput,
): Promise<IDataObject[] | ItemWithBinary> {
	if (output.kind === 'records') return records.slice(0, output.limit);
	const content =
		output.format === 'csv'
			? sarRecordsAsCsv(records, { escapeFormulas: output.escapeFormulas })
			: JSON.stringify(report, null, 2);
	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(content, 'utf8'),
		`dsar-${requestId}.${output.format}`,
		output.format === 'csv' ? 'text/csv' : 'application/json',
	);
	return new ItemWithBinary({
		json: { requestId, recordCount: records.length },
		binary: { [output.binaryPropertyName]: binary },
	});
}

export type ReadyReport = SarReport & { records: IDataObject[] };

/** The error of a request BigID gave up on, with what BigID said. */
export function requestFailed(
	this: IExecuteFunctions,
	requestId: string,
	status: SarStatus,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		`The DSAR request ${requestId} failed: ${status.message ?? `BigID gives its status as ${status.status}`}`,
		{
			itemIndex,
			description:
				'Look at the request in BigID (Privacy > Data Subject Access Requests) for what failed, fix it (a data source that cannot be reached, for example) and submit the request again.',
		},
	);
}

function notReady(
	this: IExecuteFunctions,
	requestId: string,
	status: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		`The DSAR report ${requestId} is not ready yet (status: ${status}). Use DSAR > Submit and Wait, or wait and run again.`,
		{
			itemIndex,
			description:
				'BigID is still searching the data sources for the person. DSAR > Get Report Status tells when the report is ready.',
		},
	);
}

/** Whether BigID may have answered a report so because it is not ready yet (the answer is not recorded). */
function mayBeNotReady(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && ['404', '409'].includes(String(error.httpCode));
}

/**
 * The report of a request whose search has completed. A report BigID refuses with 404 or 409
 * is explained by the request's status (when this BigID offers it): not ready yet, failed, or,
 * for a 404 with no status either, an unknown request ID.
 */
export async function readReadyReport(
	this: IExecuteFunctions,
	requestId: string,
	itemIndex: number,
): Promise<ReadyReport> {
	let answer: SarReport;
	try {
		answer = await getSarReport.call(this, requestId, itemIndex);
	} catch (error) {
		if (!mayBeNotReady(error)) throw asNodeError(this, error, itemIndex);
		const known = await ifOffered(
			this,
			getSarReportStatus.call(this, requestId, itemIndex),
			itemIndex,
		);
		const status = known && sarStatusOf(known);
		if (status?.state === 'failed') throw requestFailed.call(this, requestId, status, itemIndex);
		if (status?.state === 'pending') throw notReady.call(this, requestId, status.status, itemIndex);
		if (error.httpCode === '409') {
			throw notReady.call(this, requestId, status?.status ?? 'not given', itemIndex);
		}
		throw asNodeError(this, error, itemIndex);
	}
	const status = sarStatusOf(answer.report);
	if (status?.state === 'failed') throw requestFailed.call(this, requestId, status, itemIndex);
	if (status?.state === 'pending') throw notReady.call(this, requestId, status.status, itemIndex);
	if (answer.records === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`BigID answered the DSAR report ${requestId} without records`,
			{
				itemIndex,
				description:
					'Check the report in BigID (Privacy > Data Subject Access Requests); if it shows records there, this BigID version answers reports in a shape the node does not know.',
			},
		);
	}
	return { ...answer, records: answer.records };
}
