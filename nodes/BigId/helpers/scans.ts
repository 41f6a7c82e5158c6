import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ListResult } from '../transport';
import {
	bigIdApiRequest,
	bigIdApiRequestAllItems,
	idOf,
	normalizeObject,
	unwrapEnvelope,
} from '../transport';
import type { ListQuery } from './listQuery';
import { listRequestOf } from './listQuery';
import { requireObjectId } from './parameters';

export const DEFAULT_TERMINAL_STATES = 'Completed, Failed, Stopped, Aborted, CompletedWithErrors';
const SUCCESSFUL_STATE = 'completed';

export const SCAN_NOT_FOUND_FIX =
	'Make sure the ID is valid and fetched from the parent scans endpoint (Scan > Get Many Parent Scans) or from Scan > Start.';
const INVALID_SCAN_ID_FIX = "Double-check the scan ID you're using.";

/** The configured terminal states, lower-cased: BigID's set of states is open and its casing varies. */
export function readTerminalStates(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): Set<string> {
	const text = typeof value === 'string' ? value : DEFAULT_TERMINAL_STATES;
	const states = text
		.split(',')
		.map((state) => state.trim().toLowerCase())
		.filter((state) => state !== '');
	if (states.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Terminal States is empty', {
			itemIndex,
			description: `List the scan states that end a scan, separated by commas, for example: ${DEFAULT_TERMINAL_STATES}.`,
		});
	}
	return new Set(states);
}

export interface ScanStatus extends IDataObject {
	scanId: string;
	status: string;
	progress: number | null;
	isFinished: boolean;
	isSuccessful: boolean;
}

export async function getScanStatus(
	this: IExecuteFunctions,
	scanId: string,
	terminalStates: Set<string>,
	itemIndex: number,
): Promise<ScanStatus> {
	const body = await bigIdApiRequest.call(
		this,
		{
			path: ['scans', scanId, 'status'],
			hints: { 400: INVALID_SCAN_ID_FIX, 404: SCAN_NOT_FOUND_FIX },
		},
		itemIndex,
	);
	const content = unwrapEnvelope(body);
	// Unknown states pass through unchanged; only the comparison ignores case.
	const status = String(content.status ?? content.state ?? '');
	const progress = Number(content.progress);
	const normalized = status.toLowerCase();
	return {
		...content,
		scanId,
		status,
		progress: content.progress === undefined || !Number.isFinite(progress) ? null : progress,
		isFinished: terminalStates.has(normalized),
		isSuccessful: normalized === SUCCESSFUL_STATE,
	};
}

export function requireScanId(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	return requireObjectId.call(this, value, 'Scan', itemIndex);
}

/** Each parent's child scan IDs, ready for a Split Out or a loop. */
export function withChildScanIds(parent: IDataObject): IDataObject {
	const children = Array.isArray(parent.scanChildren) ? (parent.scanChildren as IDataObject[]) : [];
	return {
		...normalizeObject(parent),
		childScanIds: children
			.map((child) => (child && typeof child === 'object' ? idOf(child) : undefined))
			.filter((id): id is string => id !== undefined),
	};
}

export async function listParentScans(
	this: IExecuteFunctions,
	query: ListQuery,
	itemIndex: number,
): Promise<ListResult> {
	const result = await bigIdApiRequestAllItems.call(
		this,
		{
			path: ['scans', 'parent-scans'],
			listKey: 'scanParents',
			...listRequestOf(
				query,
				'for example -updated_at, or [{"field":"updated_at","order":"desc"}], and {"state":"Failed"}.',
			),
		},
		itemIndex,
	);
	return { ...result, items: result.items.map(withChildScanIds) };
}

/** The new scan's ID: `scanId` on the seed's and the sandbox's answers, `_id`/`id` on others. */
export function startedScanIdOf(body: IDataObject): string | undefined {
	const content = unwrapEnvelope(body);
	for (const candidate of [content, body, content.scan, content.result]) {
		if (!candidate || typeof candidate !== 'object' || Array.isArray(candidate)) continue;
		const record = candidate as IDataObject;
		const id = record.scanId ?? record._id ?? record.id;
		if (typeof id === 'string' || typeof id === 'number') return String(id);
	}
	return undefined;
}
