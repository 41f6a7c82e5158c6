import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FIND_DATA_SOURCE_IDS, findDataSource } from '../../api/dataSources';
import type { DataSourceChanges, DataSourceLocator } from '../../model/dataSource';
import { hostFieldOf, isValidDataSourceName } from '../../model/dataSource';
import { resourceLocator } from '../common.descriptions';
import { readJsonObject, requireObjectId, requireText } from '../parameters';

/** The data source scan endpoints take a data source's name, so the list gives names. */
export const dataSourceNameLocator: INodeProperties = {
	displayName: 'Data Source',
	name: 'dataSourceName',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The data source, by its exact name as BigID lists it',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchDataSourceNames', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. marketing-db-1',
			hint: 'The exact data source name, as BigID lists it',
		},
	],
};

export function readDataSourceName(this: IExecuteFunctions, itemIndex: number): string {
	const locator = this.getNodeParameter('dataSourceName', itemIndex, '', {
		extractValue: true,
	}) as unknown;
	return requireText.call(this, locator, itemIndex, {
		message: 'No data source given',
		description: 'Choose a data source from the list, or enter its exact name.',
	});
}

/** One data source from the list, by ID, or by exact name. */
export function dataSourceLocator(description: string): INodeProperties {
	return resourceLocator({
		displayName: 'Data Source',
		name: 'dataSource',
		description,
		searchListMethod: 'searchDataSources',
		byName: {
			placeholder: 'e.g. marketing-db-1',
			hint: 'The exact data source name, as BigID lists it',
		},
	});
}

/**
 * The data source the locator names, as BigID has it. Reading one data source by ID or name is
 * not documented (docs/bigid-api.md): when a BigID version does not answer it or answers with
 * another object, the confirmed list is searched instead.
 */
export async function requireDataSource(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const locator = this.getNodeParameter('dataSource', itemIndex) as DataSourceLocator;
	const value = String(locator.value ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(this.getNode(), 'No data source given', {
			itemIndex,
			description: 'Choose a data source from the list, or enter its ID or exact name.',
		});
	}
	if (locator.mode !== 'name') requireObjectId.call(this, value, 'Data source', itemIndex);
	const found = await findDataSource.call(this, { mode: locator.mode, value }, itemIndex);
	if (!found) {
		const byName = locator.mode === 'name';
		throw new NodeOperationError(
			this.getNode(),
			`Data source ${byName ? `"${value}"` : value} was not found`,
			{
				itemIndex,
				description: `BigID has no data source with this ${byName ? 'exact name' : 'ID'}. ${FIND_DATA_SOURCE_IDS}`,
			},
		);
	}
	return found;
}

/** A data source name as BigID's template takes it, checked before anything is sent. */
export function requireDataSourceName(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string {
	const name = requireText.call(this, value, itemIndex, {
		message: 'Name is empty',
		description: 'Give the data source a name, for example the CMDB item name.',
	});
	if (!isValidDataSourceName(name)) {
		throw new NodeOperationError(this.getNode(), `"${name}" is not a valid data source name`, {
			itemIndex,
			description:
				'BigID takes letters, digits, spaces, underscores, hyphens, brackets and colons in a data source name. Replace the other characters, for example dots with hyphens.',
		});
	}
	return name;
}

/** The connection fields of a create's Additional Fields or an update's Update Fields, as given. */
export function readConnectionFields(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): DataSourceChanges {
	const changes: DataSourceChanges = {};
	for (const field of ['credentialId', 'description', 'securityTier', 'scannerStrategy'] as const) {
		// An empty field is left out: an expression that finds nothing must not wipe a credential.
		const value = String(fields[field] ?? '').trim();
		if (value !== '') changes[field] = value;
	}
	if (typeof fields.enabled === 'boolean') changes.enabled = fields.enabled;
	const extraFields = readJsonObject.call(this, fields.extraFields, itemIndex, {
		message: 'Extra Connection Fields must be a JSON object',
		description:
			'Enter the connector fields as a JSON object, for example {"rdb_name": "crm", "username": "scanner"}.',
	});
	if (Object.keys(extraFields).length > 0) changes.extraFields = extraFields;
	return changes;
}

/** The host or URL of a type whose host field the node knows; for another type it goes under Extra Connection Fields. */
export function readHost(
	this: IExecuteFunctions,
	value: unknown,
	type: string,
	itemIndex: number,
): string | undefined {
	const host = typeof value === 'string' ? value.trim() : '';
	if (hostFieldOf(type) !== undefined) return host === '' ? undefined : host;
	if (host === '') return undefined;
	throw new NodeOperationError(
		this.getNode(),
		`The node does not know where a data source of type ${type} takes its host`,
		{
			itemIndex,
			description: `Leave Host or URL empty and give the host under Extra Connection Fields, in the field the ${type} template names (GET /ds-connections-types/template/${type}). Host or URL is sent as rdb_url for the rdb-* types, smbServer for smb and nfsServer for nfs.`,
		},
	);
}
