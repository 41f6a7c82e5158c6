import type { IDataObject } from 'n8n-workflow';

import type { DataSourceLocator } from '../model/dataSource';
import { dataSourceMatches } from '../model/dataSource';
import { normalizeObject } from '../model/object';
import type { BigIdContext, ListResult } from '../transport';
import { bigIdApiRequest, unwrapEnvelope } from '../transport';
import type { ListOptions } from './list';
import { listOf } from './list';
import { oncePerRun } from './runCache';
import { ifOffered } from './unconfirmed';

const DS_CONNECTIONS = 'ds-connections';
/** The writes spell it with an underscore (docs/bigid-api.md, "Data sources from a CMDB"). */
const DS_CONNECTION_WRITES = 'ds_connections';

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

/**
 * One data source by ID or exact name, or undefined when BigID has none: the undocumented direct
 * read where this BigID version answers it with that source, the confirmed list otherwise.
 */
export async function findDataSource(
	this: BigIdContext,
	wanted: DataSourceLocator,
	itemIndex = 0,
): Promise<IDataObject | undefined> {
	const direct = await getDataSourceIfOffered.call(this, wanted.value, itemIndex);
	if (direct && dataSourceMatches(direct, wanted)) return direct;
	const { items } = await listDataSources.call(this, {}, itemIndex);
	return items.find((source) => dataSourceMatches(source, wanted));
}

/** What a data source write answers: the source under `ds_connection`, wrapped or bare, or little more than its ID. */
function writtenDataSourceOf(sent: IDataObject, answer: IDataObject): IDataObject {
	const stored = dataSourceOf(answer);
	return stored && stored.name !== undefined ? stored : normalizeObject({ ...sent, ...stored });
}

/** Secrets a data source body may carry (a password among the connector fields): kept out of errors. */
function secretsOf(source: IDataObject): string[] {
	return typeof source.password === 'string' && source.password !== '' ? [source.password] : [];
}

/** `POST /ds_connections` `{ds_connection}`: the created data source. Never sent twice (a POST). */
export async function createDataSource(
	this: BigIdContext,
	source: IDataObject,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'POST',
			path: [DS_CONNECTION_WRITES],
			body: { ds_connection: source },
			hints: {
				400: "Check the fields: a data source needs a name (letters, digits, spaces, _ - ( ) :), a connector type installed in BigID, and the fields that type's template requires (GET /ds-connections-types/template/{type} lists them).",
				409: 'A data source with this name already exists in BigID: use Data Source > Update to change it, or choose another name.',
			},
			extraSecrets: secretsOf(source),
		},
		itemIndex,
	);
	return writtenDataSourceOf(source, answer);
}

/**
 * `PUT /ds_connections/{name}` `{ds_connection, isNewPassword: false}` of the whole data source:
 * BigID keeps the stored password, which it never answers in clear, instead of the one sent back.
 */
export async function replaceDataSource(
	this: BigIdContext,
	name: string,
	source: IDataObject,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'PUT',
			path: [DS_CONNECTION_WRITES, name],
			body: { ds_connection: source, isNewPassword: false },
			hints: {
				400: "Check the changed fields against the template of the data source's type (GET /ds-connections-types/template/{type}).",
				404: DATA_SOURCE_NAME_FIX,
			},
			extraSecrets: secretsOf(source),
		},
		itemIndex,
	);
	return writtenDataSourceOf(source, answer);
}

/** `DELETE /ds_connections/{name}`: BigID's answer, unwrapped. */
export async function deleteDataSource(
	this: BigIdContext,
	name: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'DELETE',
			path: [DS_CONNECTION_WRITES, name],
			hints: { 404: DATA_SOURCE_NAME_FIX },
		},
		itemIndex,
	);
	return unwrapEnvelope(answer);
}

/**
 * `POST /ds-connection-test` `{ds_connection, isNewPassword: false}` (the body of BigID's add data
 * source tutorial, the stored password kept). Its answer is undocumented (docs/bigid-api.md), so
 * it is returned unwrapped for the model to read, and a version without it says so.
 */
export async function testDataSourceConnection(
	this: BigIdContext,
	source: IDataObject,
	itemIndex = 0,
): Promise<IDataObject> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'POST',
			path: ['ds-connection-test'],
			body: { ds_connection: source, isNewPassword: false },
			notOffered: { what: 'testing data source connections' },
			extraSecrets: secretsOf(source),
		},
		itemIndex,
	);
	return unwrapEnvelope(answer);
}
