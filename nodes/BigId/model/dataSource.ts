import type { IDataObject } from 'n8n-workflow';

import { comparisonKey, flagOf, writableFields } from './object';

/** A data source as the node's parameters give it: by ID or by exact name. */
export interface DataSourceLocator {
	mode: string;
	value: string;
}

export function dataSourceMatches(
	source: IDataObject,
	{ mode, value }: DataSourceLocator,
): boolean {
	return mode === 'name' ? source.name === value : source._id === value || source.id === value;
}

/** BigID's `enabled` is the string "yes"/"no" on real deployments; absent means enabled. */
export function isDataSourceEnabled(source: IDataObject): boolean {
	return flagOf(source.enabled) !== false;
}

/**
 * Data source IDs as a multi-select gives them, or as an expression may: an array of IDs, an
 * array of data source objects, or one string of IDs separated by commas or new lines.
 */
export function dataSourceIdsOf(value: unknown): string[] {
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

/** The connector types a CMDB item usually maps to; any other type BigID has installed is taken too. */
export const CMDB_DATA_SOURCE_TYPES = [
	'rdb-mysql',
	'rdb-postgresql',
	'rdb-oracle',
	'rdb-mssql',
	'smb',
	'nfs',
] as const;

/**
 * The field each connector type takes its host or URL in (docs/bigid-api.md, "Data sources from a
 * CMDB"): `rdb_url` for relational databases, `smbServer` and `nfsServer` for file shares;
 * undefined for a type whose template names it otherwise.
 */
export function hostFieldOf(type: string): string | undefined {
	if (type.startsWith('rdb-')) return 'rdb_url';
	if (type === 'smb') return 'smbServer';
	if (type === 'nfs') return 'nfsServer';
	return undefined;
}

/** The name rule of BigID's data source template: letters, digits, _, -, spaces, brackets and colons. */
const DATA_SOURCE_NAME = /^[\w\-\s():]+$/;

export function isValidDataSourceName(name: string): boolean {
	return DATA_SOURCE_NAME.test(name);
}

/** What a create or an update sets on a data source, in the node's words. */
export interface DataSourceChanges {
	name?: string;
	type?: string;
	host?: string;
	credentialId?: string;
	enabled?: boolean;
	securityTier?: string;
	scannerStrategy?: string;
	description?: string;
	/** More connector fields, as the connector's template names them; the fields above win. */
	extraFields?: IDataObject;
}

/** The changes as BigID spells the fields of a `ds_connection`; the host goes where `type` takes it. */
export function dataSourceFieldsOf(changes: DataSourceChanges, type: string): IDataObject {
	const fields: IDataObject = { ...changes.extraFields };
	const hostField = hostFieldOf(type);
	if (changes.name !== undefined) fields.name = changes.name;
	if (changes.type !== undefined) fields.type = changes.type;
	if (changes.host !== undefined && hostField !== undefined) fields[hostField] = changes.host;
	if (changes.credentialId !== undefined) fields.credential_id = changes.credentialId;
	if (changes.enabled !== undefined) fields.enabled = changes.enabled ? 'yes' : 'no';
	if (changes.securityTier !== undefined) fields.security_tier = changes.securityTier;
	if (changes.scannerStrategy !== undefined) fields.scanner_strategy = changes.scannerStrategy;
	if (changes.description !== undefined) fields.description = changes.description;
	return fields;
}

/**
 * The stored data source with the changes, as a PUT sends it back: BigID may replace the whole
 * data source with the body, so every field it returned goes back, but none the server owns.
 */
export function replacementDataSource(
	current: IDataObject,
	changes: DataSourceChanges,
): IDataObject {
	return {
		...writableFields(current),
		...dataSourceFieldsOf(changes, String(current.type ?? '')),
	};
}

/** What the connection test says, read tolerantly: the answer's shape is not documented. */
export interface ConnectionTestOutcome {
	connectionOk: boolean;
	message: string | null;
}

const PASSED = ['success', 'succeeded', 'ok', 'passed', 'connected', 'true'];
const FAILED = ['failure', 'failed', 'error', 'fail', 'disconnected', 'false'];

function outcomeWord(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	const word = comparisonKey(value);
	if (PASSED.includes(word)) return true;
	if (FAILED.includes(word)) return false;
	return undefined;
}

/**
 * `{operationStatus}`, `{success}`, `{isSuccess}`, `{status}` or `{result}` with a `message` or
 * `error`; an answer that says neither passed nor failed is a pass (BigID answered without an error).
 */
export function connectionTestOutcomeOf(answer: IDataObject): ConnectionTestOutcome {
	const verdict = ['operationStatus', 'success', 'isSuccess', 'status', 'result']
		.map((key) => outcomeWord(answer[key]))
		.find((word) => word !== undefined);
	const said = [answer.message, answer.error, answer.errorMessage].find(
		(text) => typeof text === 'string' && text.trim() !== '',
	);
	return { connectionOk: verdict ?? true, message: typeof said === 'string' ? said : null };
}
