import type { IDataObject } from 'n8n-workflow';

import { normalizeObject } from '../model/object';
import { parentScanOutputOf, startedScanIdOf } from '../model/scan';
import type { BigIdContext, ListResult } from '../transport';
import { bigIdApiRequest, unwrapEnvelope } from '../transport';
import type { ListOptions } from './list';
import { listOf, newestFirst } from './list';
import { PROFILE_NOT_FOUND_FIX } from './scanProfiles';

const SCANS = 'scans';

export const SCAN_NOT_FOUND_FIX =
	'Make sure the ID is valid and fetched from the parent scans endpoint (Scan > Get Many Parent Scans) or from Scan > Start.';
const INVALID_SCAN_ID_FIX = "Double-check the scan ID you're using.";

/** `GET /scans`: scan executions, both ID spellings filled. */
export async function listScans(
	this: BigIdContext,
	options: ListOptions,
	itemIndex = 0,
): Promise<ListResult> {
	const request = { ...options, path: [SCANS], listKey: 'scans' };
	return await listOf.call(this, request, normalizeObject, itemIndex);
}

/** `GET /scans/parent-scans`: parent scans as the node outputs them, with their `childScanIds`. */
export async function listParentScans(
	this: BigIdContext,
	options: ListOptions,
	itemIndex = 0,
): Promise<ListResult> {
	return await listOf.call(
		this,
		{
			...options,
			path: [SCANS, 'parent-scans'],
			listKey: 'scanParents',
		},
		parentScanOutputOf,
		itemIndex,
	);
}

/** Parent scans newest `updated_at` first, down to `sinceMs` when given (api/list.ts `newestFirst`). */
export async function listParentScansNewestFirst(
	this: BigIdContext,
	sinceMs: number | undefined,
	options: ListOptions,
): Promise<ListResult> {
	return await listParentScans.call(this, newestFirst(options, sinceMs));
}

/** `GET /scans/{id}/status`: `{status, progress}` as BigID answers it, unwrapped. */
export async function getScanStatus(
	this: BigIdContext,
	scanId: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const body = await bigIdApiRequest.call(
		this,
		{
			path: [SCANS, scanId, 'status'],
			hints: { 400: INVALID_SCAN_ID_FIX, 404: SCAN_NOT_FOUND_FIX },
		},
		itemIndex,
	);
	return unwrapEnvelope(body);
}

export interface StartedScan {
	scanId: string | null;
	message: IDataObject[string];
}

/** `POST /scans`: the scans API guide's (docs/bigid-api.md) body is `{scanProfileId}`, real deployments' `{scanType, scanProfileName, scanOrigin}`. */
export async function startScan(
	this: BigIdContext,
	body: IDataObject,
	itemIndex = 0,
): Promise<StartedScan> {
	const answer = await bigIdApiRequest.call(
		this,
		{ method: 'POST', path: [SCANS], body, hints: { 404: PROFILE_NOT_FOUND_FIX } },
		itemIndex,
	);
	const content = unwrapEnvelope(answer);
	return {
		scanId: startedScanIdOf(content, answer, content.scan, content.result) ?? null,
		message: answer.message ?? content.message ?? null,
	};
}
