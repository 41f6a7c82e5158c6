import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BigIdContext, ListResult } from '../transport';
import {
	bigIdApiRequest,
	bigIdApiRequestAllItems,
	normalizeObject,
	unwrapEnvelope,
} from '../transport';
import type { ListQuery } from './listQuery';
import { listRequestOf } from './listQuery';
import { requireObjectId } from './parameters';
import { unlessMissing } from './unconfirmedEndpoints';

export const DATA_SOURCE_LIST_KEY = 'ds_connections';

const FIND_DATA_SOURCE_IDS =
	'Use Data Source > Get Many (GET /ds-connections) to find the _id of each data source, or choose them from the list.';

export async function listDataSources(
	this: BigIdContext,
	query: ListQuery = {},
	itemIndex = 0,
): Promise<ListResult> {
	const result = await bigIdApiRequestAllItems.call(
		this,
		{
			path: ['ds-connections'],
			listKey: DATA_SOURCE_LIST_KEY,
			...listRequestOf(
				query,
				'BigID takes field names and values, for example name or {"type":"s3"}.',
			),
		},
		itemIndex,
	);
	return { ...result, items: result.items.map(normalizeObject) };
}

export interface DataSourceLocator {
	mode: string;
	value: string;
}

function matches(source: IDataObject, { mode, value }: DataSourceLocator): boolean {
	return mode === 'name' ? source.name === value : source._id === value || source.id === value;
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
 * `GET /ds-connections/{id or name}` is not in the seeds: when a BigID version does not answer it
 * (404, 405) or answers with another object, the confirmed list is searched instead.
 */
export async function findDataSource(
	this: IExecuteFunctions,
	locator: DataSourceLocator,
	itemIndex: number,
): Promise<IDataObject> {
	const value = String(locator.value ?? '').trim();
	const wanted = { mode: locator.mode, value };
	if (value === '') {
		throw new NodeOperationError(this.getNode(), 'No data source given', {
			itemIndex,
			description: 'Choose a data source from the list, or enter its ID or exact name.',
		});
	}
	if (locator.mode !== 'name') requireObjectId.call(this, value, 'Data source', itemIndex);
	// Some versions answer an unknown one with 400 "Unable to locate" rather than 404.
	const direct = await unlessMissing(
		this,
		async () => await bigIdApiRequest.call(this, { path: ['ds-connections', value] }, itemIndex),
		itemIndex,
		['400', '404', '405'],
	);
	const source = 'answer' in direct ? dataSourceOf(direct.answer) : undefined;
	if (source && matches(source, wanted)) return source;
	const { items } = await listDataSources.call(this, {}, itemIndex);
	const found = items.find((source) => matches(source, wanted));
	if (!found) {
		throw new NodeOperationError(
			this.getNode(),
			`Data source ${locator.mode === 'name' ? `"${value}"` : value} was not found`,
			{
				itemIndex,
				description: `BigID has no data source with this ${locator.mode === 'name' ? 'exact name' : 'ID'}. ${FIND_DATA_SOURCE_IDS}`,
			},
		);
	}
	return found;
}

/**
 * Data source IDs as a multi-select gives them, or as an expression may: an array of IDs, an
 * array of data source objects, or one string of IDs separated by commas or new lines.
 */
export function readDataSourceIds(value: unknown): string[] {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,\n]/)
			: [];
	const ids = entries
		.map((entry) => {
			if (entry && typeof entry === 'object') {
				const { _id, id } = entry as IDataObject;
				return String(_id ?? id ?? '');
			}
			return entry === undefined || entry === null ? '' : String(entry);
		})
		.map((id) => id.trim())
		.filter((id) => id !== '');
	return [...new Set(ids)];
}

export function requireDataSourceIds(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string[] {
	const ids = readDataSourceIds(value);
	if (ids.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No data sources selected for the scan profile', {
			itemIndex,
			description: `Choose at least one data source, map their IDs with an expression, or set Data Sources to "All Enabled Data Sources". ${FIND_DATA_SOURCE_IDS}`,
		});
	}
	return ids.map((id) => requireObjectId.call(this, id, 'Data source', itemIndex));
}

const dataSourcesOfExecution = new WeakMap<object, Promise<IDataObject[]>>();

/** Every data source, read once per execution however many items need it. */
async function allDataSources(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	let sources = dataSourcesOfExecution.get(this);
	if (!sources) {
		sources = listDataSources.call(this, {}, itemIndex).then(({ items }) => items);
		dataSourcesOfExecution.set(this, sources);
		sources.catch(() => dataSourcesOfExecution.delete(this));
	}
	return await sources;
}

/** BigID's own answer to an unknown data source ID does not always say which one: this does, before the write. */
export async function requireExistingDataSources(
	this: IExecuteFunctions,
	ids: string[],
	itemIndex: number,
): Promise<void> {
	const known = new Set((await allDataSources.call(this, itemIndex)).map((source) => source._id));
	const missing = ids.filter((id) => !known.has(id));
	if (missing.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Data source ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} not found`,
			{ itemIndex, description: `The scan profile was not sent to BigID. ${FIND_DATA_SOURCE_IDS}` },
		);
	}
}

/** "All enabled data sources": BigID's `enabled` is the string "yes"/"no" on real deployments. */
export async function enabledDataSourceIds(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<string[]> {
	const sources = await allDataSources.call(this, itemIndex);
	const ids = sources
		.filter((source) => !['no', 'false'].includes(String(source.enabled).toLowerCase()))
		.map((source) => String(source._id));
	if (ids.length === 0) {
		throw new NodeOperationError(this.getNode(), 'BigID has no enabled data source to scan', {
			itemIndex,
			description: 'Enable or connect a data source in BigID first, then run the node again.',
		});
	}
	return ids;
}
