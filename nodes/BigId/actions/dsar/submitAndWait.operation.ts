import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getSarReportStatus, submitSarRequest } from '../../api/dsar';
import { asNodeError } from '../../api/errors';
import type { SarStatus } from '../../model/dsar';
import { sarStatusOf } from '../../model/dsar';
import { showFor } from '../common.descriptions';
import type { ItemWithBinary } from '../node.type';
import { pollUntil, readWaitSettings, waitProperties } from '../wait';
import {
	outputReport,
	readReadyReport,
	readReportOutput,
	reportOutputProperties,
	requestFailed,
} from './dsarReport';
import { readSubmission, submitProperties } from './submitRequest.operation';

export const description: INodeProperties[] = showFor('dsar', 'submitAndWait', [
	...submitProperties,
	...waitProperties('the report'),
	...reportOutputProperties,
]);

const NO_STATUS: SarStatus = { status: 'not given', state: 'pending' };

/**
 * A failed read after the submission: the request exists in BigID, so the advice is to read its
 * report later, never to submit it again.
 */
function afterSubmission(
	this: IExecuteFunctions,
	error: unknown,
	requestId: string,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const nodeError = asNodeError(this, error, itemIndex);
	if (nodeError instanceof NodeApiError) {
		nodeError.description =
			`${nodeError.description ?? ''} The DSAR request ${requestId} was submitted: run DSAR > Get Report with this request ID later instead of submitting it again.`.trim();
	}
	return nodeError;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[] | ItemWithBinary> {
	const { profileId, userValues } = readSubmission.call(this, itemIndex);
	const settings = readWaitSettings.call(this, itemIndex);
	const output = readReportOutput.call(this, itemIndex);
	// Sent once: a lost answer is the transport's "may have happened", never a second POST.
	const submitted = await submitSarRequest.call(this, profileId, userValues, itemIndex);
	const requestId = String(submitted.requestId ?? '').trim();
	if (requestId === '') {
		throw new NodeOperationError(
			this.getNode(),
			'BigID answered the DSAR request without a request ID',
			{
				itemIndex,
				description:
					'The request may have happened: look for it in BigID (Privacy > Data Subject Access Requests) before you run this again, so that it is not submitted twice.',
			},
		);
	}
	try {
		const { last, finished } = await pollUntil(
			this,
			itemIndex,
			settings,
			async () =>
				sarStatusOf(await getSarReportStatus.call(this, requestId, itemIndex)) ?? NO_STATUS,
			(status) => status.state !== 'pending',
			{
				message: `The execution was cancelled while waiting for DSAR request ${requestId}`,
				description: `The request keeps running in BigID: run DSAR > Get Report with request ID ${requestId} later.`,
			},
		);
		if (!finished) {
			throw new NodeOperationError(
				this.getNode(),
				`The DSAR request ${requestId} was not ready within ${settings.timeoutSeconds} seconds (last status: ${last.status})`,
				{
					itemIndex,
					description: `The request keeps running in BigID. Run DSAR > Get Report with request ID ${requestId} later, or raise Timeout.`,
				},
			);
		}
		if (last.state === 'failed') throw requestFailed.call(this, requestId, last, itemIndex);
		const report = await readReadyReport.call(this, requestId, itemIndex);
		return await outputReport.call(this, requestId, report, output);
	} catch (error) {
		throw afterSubmission.call(this, error, requestId, itemIndex);
	}
}
