import type { IDataObject } from 'n8n-workflow';

import { normalizeObject } from '../model/object';
import type { BigIdContext, ListResult } from '../transport';
import { bigIdApiRequest, unwrapEnvelope } from '../transport';
import type { ListOptions } from './list';
import { listOf } from './list';
import { unlessMissing } from './unconfirmed';

const DS_CONNECTIONS = 'ds-connections';

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

const dataSourcesOfExecution = new WeakMap<object, Promise<IDataObject[]>>();

/** Every data source, read once per node execution however many items need it. */
export async function listDataSourcesOnce(
	this: BigIdContext,
	itemIndex = 0,
): Promise<IDataObject[]> {
	let sources = dataSourcesOfExecution.get(this);
	if (!sources) {
		sources = listDataSources.call(this, {}, itemIndex).then(({ items }) => items);
		dataSourcesOfExecution.set(this, sources);
		sources.catch(() => dataSourcesOfExecution.delete(this));
	}
	return await sources;
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
 * `GET /ds-connections/{id or name}` is not in the seeds: undefined when this BigID version does
 * not answer it (404, 405; some answer an unknown one with 400 "Unable to locate").
 */
export async function getDataSourceIfOffered(
	this: BigIdContext,
	idOrName: string,
	itemIndex = 0,
): Promise<IDataObject | undefined> {
	const direct = await unlessMissing(
		this,
		async () => await bigIdApiRequest.call(this, { path: [DS_CONNECTIONS, idOrName] }, itemIndex),
		itemIndex,
		['400', '404', '405'],
	);
	return 'answer' in direct ? dataSourceOf(direct.answer) : undefined;
}
