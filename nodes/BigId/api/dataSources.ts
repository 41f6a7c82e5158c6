import type { IDataObject } from 'n8n-workflow';

import { normalizeObject } from '../model/object';
import type { BigIdContext, ListResult } from '../transport';
import { bigIdApiRequest, unwrapEnvelope } from '../transport';
import type { ListOptions } from './list';
import { listOf } from './list';
import { oncePerRun } from './runCache';
import { ifOffered } from './unconfirmed';

const DS_CONNECTIONS = 'ds-connections';

export const FIND_DATA_SOURCE_IDS = `Use Data Source > Get Many (GET /${DS_CONNECTIONS}) to find the _id of each data source, or choose them from the list.`;

/** `GET /ds-connections`: data sources (`ds_connections`), both ID spellings filled. */
export async function listDataSources(
	this: BigIdContext,
	options: ListOptions = {},
	itemIndex = 0,
): Promise<ListResult> {
	return await listOf.call(
		this,
		{
			...options,
			path: [DS_CONNECTIONS],
			listKey: 'ds_connections',
		},
		normalizeObject,
		itemIndex,
	);
}

/** Every data source, read once per node run however many items need it. */
export async function listDataSourcesOnce(
	this: BigIdContext,
	itemIndex = 0,
): Promise<IDataObject[]> {
	return await oncePerRun(this, 'dataSources', async () => {
		const { items } = await listDataSources.call(this, {}, itemIndex);
		return items;
	});
}

/** The answer of `GET /ds-connections/{id or name}`: `{ds_connection}`, wrapped or bare, or the object itself. */
function dataSourceOf(body: IDataObject): IDataObject | undefined {
	const content = unwrapEnvelope(body);
	const candidate = (content.ds_connection ?? content) as IDataObject;
	return candidate && typeof candidate === 'object' && !Array.isArray(candidate)
		? normalizeObject(candidate)
		: undefined;
}

/**
 * `GET /ds-connections/{id or name}` is not documented (docs/bigid-api.md): undefined when this BigID version does
 * not answer it (404, 405; some answer an unknown one with 400 "Unable to locate").
 */
export async function getDataSourceIfOffered(
	this: BigIdContext,
	idOrName: string,
	itemIndex = 0,
): Promise<IDataObject | undefined> {
	const request = {
		path: [DS_CONNECTIONS, idOrName],
		notOffered: { what: 'reading one data source', statuses: [400, 404, 405] },
	};
	const direct = await ifOffered(this, bigIdApiRequest.call(this, request, itemIndex), itemIndex);
	return direct && dataSourceOf(direct);
}

const DATA_SOURCE_NAME_FIX =
	'Check the data source name: BigID addresses a data source by its exact, case-sensitive name (Data Source > Get Many lists them).';
const NEVER_SCANNED_FIX = `${DATA_SOURCE_NAME_FIX} A data source that was never scanned has no last scan: start one with Data Source > Scan.`;

/** What `/ds-connections/{name}/scan` answers under `data` (the scan), or bare. */
function scanOf(body: IDataObject): IDataObject {
	const content = unwrapEnvelope(body);
	const scan = content.scan ?? content;
	return scan && typeof scan === 'object' && !Array.isArray(scan) ? (scan as IDataObject) : {};
}

export interface DataSourceScanOptions {
	scanType: string;
	isSampleScan: boolean;
	autoAssumeScanType: boolean;
}

/**
 * `POST /ds-connections/{name}/scan`: starts a scan of one data source, addressed by its name.
 * The answer (`{dsConnectionName, scanType, state...}` under `data`) may carry no scan ID.
 */
export async function scanDataSource(
	this: BigIdContext,
	name: string,
	options: DataSourceScanOptions,
	itemIndex = 0,
): Promise<{ scan: IDataObject; message: IDataObject[string] }> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'POST',
			path: [DS_CONNECTIONS, name, 'scan'],
			qs: { ...options },
			hints: { 404: DATA_SOURCE_NAME_FIX },
		},
		itemIndex,
	);
	return { scan: scanOf(answer), message: answer.message ?? null };
}

/** `GET /ds-connections/{name}/scan`: the last scan of one data source. */
export async function getLastDataSourceScan(
	this: BigIdContext,
	name: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{ path: [DS_CONNECTIONS, name, 'scan'], hints: { 404: NEVER_SCANNED_FIX } },
		itemIndex,
	);
	return scanOf(answer);
}
