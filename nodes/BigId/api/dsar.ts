import type { IDataObject } from 'n8n-workflow';

import { sarRecordsOf } from '../model/dsar';
import { normalizeObject } from '../model/object';
import type { BigIdContext } from '../transport';
import { bigIdApiRequest, unwrapEnvelope } from '../transport';
import { routeText } from './route';

const SAR = 'sar';
/** Submit Request's endpoint, which BigID does not document: the operation's notice names it. */
export const SUBMIT_REQUEST_ROUTE = routeText([SAR, 'reports'], 'POST');
const PROFILE_NOT_FOUND_FIX =
	'Make sure the profile ID is valid and fetched from DSAR > Get Profiles (GET /sar/profiles), or choose the profile from the list.';

const REPORT_NOT_FOUND_FIX =
	'Check the request ID: it is the requestId DSAR > Submit Request outputs. The report of a request submitted just now may not be ready yet: use DSAR > Submit and Wait, or wait and run again.';

const SUBMIT_FIX =
	'Check the profile and the identity values: each attribute name must be one DSAR > Get Attributes lists for the profile.';

/** The list under `key`, wrapped or bare, or a bare array (which the transport gives as `items`). */
function listIn(body: IDataObject, key: string): IDataObject[] {
	const content = unwrapEnvelope(body);
	const list = content[key] ?? body[key] ?? content.items ?? body.items;
	return Array.isArray(list) ? (list as IDataObject[]).map(normalizeObject) : [];
}

/** `GET /sar/profiles`: the DSAR profiles (`{profiles: [{_id, name, allEnabledEs, allEnabledDs, scopes, isCustom}]}`). */
export async function listSarProfiles(this: BigIdContext, itemIndex = 0): Promise<IDataObject[]> {
	const answer = await bigIdApiRequest.call(this, { path: [SAR, 'profiles'] }, itemIndex);
	return listIn(answer, 'profiles');
}

/** `GET /sar/attributes?profileId=`: the identity attributes a request of that profile searches by. */
export async function listSarAttributes(
	this: BigIdContext,
	profileId: string,
	itemIndex = 0,
): Promise<IDataObject[]> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			path: [SAR, 'attributes'],
			qs: { profileId },
			hints: { 400: PROFILE_NOT_FOUND_FIX, 404: PROFILE_NOT_FOUND_FIX },
		},
		itemIndex,
	);
	return listIn(answer, 'attributes');
}

export interface SarUserValue extends IDataObject {
	attributeName: string;
	attributeValue: string;
}

/**
 * `POST /sar/reports` `{profileId, userValues}` starts a DSAR for one person; public clients show
 * it answering `{requestId}`, BigID's documentation does not confirm it: a 404 or 405 says this
 * version does not offer it.
 */
export async function submitSarRequest(
	this: BigIdContext,
	profileId: string,
	userValues: SarUserValue[],
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'POST',
			path: [SAR, 'reports'],
			body: { profileId, userValues },
			hints: { 400: SUBMIT_FIX },
			notOffered: { what: 'submitting DSAR requests' },
		},
		itemIndex,
	);
	const content = unwrapEnvelope(answer);
	const requestId = content.requestId ?? content.id ?? content._id ?? null;
	return { ...content, requestId };
}

/** `GET /sar/reports/{requestId}/status`, unconfirmed like the submission (`{requestId, status}`). */
export async function getSarReportStatus(
	this: BigIdContext,
	requestId: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{ path: [SAR, 'reports', requestId, 'status'], notOffered: { what: 'DSAR report status' } },
		itemIndex,
	);
	return { requestId, ...unwrapEnvelope(answer) };
}

export interface SarReport {
	/** The report as BigID answered it, unwrapped. */
	report: IDataObject;
	/** Its records; undefined when the answer carries none (a report not ready yet). */
	records: IDataObject[] | undefined;
}

/**
 * `GET /sar/reports/{requestId}`: the report with its `records` [R], read whole (how BigID pages a
 * report, if it does, is not recorded). How BigID answers for a report not ready yet is not
 * recorded either: a 404, a 409, or the report with a status and no records.
 */
export async function getSarReport(
	this: BigIdContext,
	requestId: string,
	itemIndex = 0,
): Promise<SarReport> {
	const answer = await bigIdApiRequest.call(
		this,
		{ path: [SAR, 'reports', requestId], hints: { 404: REPORT_NOT_FOUND_FIX } },
		itemIndex,
	);
	const report = unwrapEnvelope(answer);
	return { report: { requestId, ...report }, records: sarRecordsOf(report, answer) };
}
