import type { IDataObject } from 'n8n-workflow';

import { normalizeObject } from '../model/object';
import { writableFields } from '../model/scanProfile';
import type { BigIdContext, ListResult } from '../transport';
import { bigIdApiRequest, unwrapEnvelope } from '../transport';
import type { ListOptions } from './list';
import { listOf } from './list';
import { ifOffered } from './unconfirmed';

const SCAN_PROFILES = 'scanProfiles';

export const PROFILE_NOT_FOUND_FIX =
	'Make sure the ID is valid: choose the scan profile from the list, or copy the ID that Scan Profile > Create or Get Many returned.';

/** `POST`, `GET` and `PUT` answer the profile bare, wrapped, or inside `scanProfile`. */
function scanProfileOf(body: IDataObject): IDataObject {
	const content = unwrapEnvelope(body);
	const nested = content.scanProfile;
	return normalizeObject(
		nested && typeof nested === 'object' && !Array.isArray(nested)
			? (nested as IDataObject)
			: content,
	);
}

/** `GET /scanProfiles/{id}`. */
export async function getScanProfile(
	this: BigIdContext,
	id: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const body = await bigIdApiRequest.call(
		this,
		{ path: [SCAN_PROFILES, id], hints: { 404: PROFILE_NOT_FOUND_FIX } },
		itemIndex,
	);
	return scanProfileOf(body);
}

/** `GET /scanProfiles` is unconfirmed: a version without it says so. */
export async function listScanProfiles(
	this: BigIdContext,
	options: ListOptions = {},
	itemIndex = 0,
): Promise<ListResult> {
	const request = {
		...options,
		path: [SCAN_PROFILES],
		listKey: SCAN_PROFILES,
		notOffered: { what: 'listing scan profiles' },
	};
	return await listOf.call(this, request, normalizeObject, itemIndex);
}

/** `GET /scanProfiles`, or undefined where this BigID version lacks it. */
export async function listScanProfilesIfOffered(
	this: BigIdContext,
	options: ListOptions = {},
	itemIndex = 0,
): Promise<ListResult | undefined> {
	return await ifOffered(this, listScanProfiles.call(this, options, itemIndex), itemIndex);
}

/** `POST /scanProfiles`: some versions answer with little more than the ID, so what was sent fills in the rest. */
export async function createScanProfile(
	this: BigIdContext,
	body: IDataObject,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'POST',
			path: [SCAN_PROFILES],
			body,
			hints: {
				400: 'Check the data source IDs, the scan template ID and the schedule of the profile.',
			},
		},
		itemIndex,
	);
	return { ...body, ...scanProfileOf(answer) };
}

/** `PUT /scanProfiles/{id}` of the whole profile with the changes merged in: PUT may replace it. */
export async function replaceScanProfile(
	this: BigIdContext,
	current: IDataObject,
	changes: IDataObject,
	itemIndex = 0,
): Promise<IDataObject> {
	const request = {
		method: 'PUT' as const,
		path: [SCAN_PROFILES, String(current._id)],
		body: { ...writableFields(current), ...changes },
		notOffered: { what: 'updating scan profiles' },
	};
	const answer = await bigIdApiRequest.call(this, request, itemIndex);
	return { ...current, ...changes, ...scanProfileOf(answer) };
}

/** `DELETE /scanProfiles/{id}`: BigID's answer, unwrapped. */
export async function deleteScanProfile(
	this: BigIdContext,
	id: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const request = {
		method: 'DELETE' as const,
		path: [SCAN_PROFILES, id],
		notOffered: { what: 'deleting scan profiles' },
	};
	return unwrapEnvelope(await bigIdApiRequest.call(this, request, itemIndex));
}
