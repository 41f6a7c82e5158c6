import type { INodeProperties } from 'n8n-workflow';

import { CMDB_DATA_SOURCE_TYPES } from '../../model/dataSource';

const TYPE_NAMES: Record<(typeof CMDB_DATA_SOURCE_TYPES)[number], string> = {
	'rdb-mssql': 'Microsoft SQL Server',
	'rdb-mysql': 'MySQL',
	nfs: 'NFS Share',
	'rdb-oracle': 'Oracle',
	'rdb-postgresql': 'PostgreSQL',
	smb: 'SMB Share',
};

export const dataSourceTypeOptions = CMDB_DATA_SOURCE_TYPES.map((type) => ({
	name: TYPE_NAMES[type],
	value: type,
	description: `Type ${type}`,
})).sort((left, right) => left.name.localeCompare(right.name));

export const hostProperty: INodeProperties = {
	displayName: 'Host or URL',
	name: 'host',
	type: 'string',
	default: '',
	placeholder: 'e.g. mysql.internal:3306',
	description:
		'Where the data source is: sent as rdb_url for the rdb-* types, smbServer for smb and nfsServer for nfs. For another type, give its host field under Extra Connection Fields, as its template names it.',
};

export const credentialIdProperty: INodeProperties = {
	displayName: 'Credential ID',
	name: 'credentialId',
	type: 'string',
	default: '',
	placeholder: 'e.g. mysql-scanner-credential',
	description:
		'The BigID credential the scanner connects with (Administration > Credentials), sent as credential_id',
};

export const enabledProperty: INodeProperties = {
	displayName: 'Enabled',
	name: 'enabled',
	type: 'boolean',
	default: true,
	description: 'Whether BigID may scan the data source, sent as enabled "yes" or "no"',
};

/** Fields of a data source besides its name, type, host, credential and state: set on create, changed on update. */
export const connectionFields: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'e.g. CRM database of the marketing team',
	},
	{
		displayName: 'Extra Connection Fields (JSON)',
		name: 'extraFields',
		type: 'json',
		default: '{}',
		description:
			'More fields of the connector, as its template names them (GET /ds-connections-types/template/{type}), for example {"rdb_name": "crm"}. The fields set above take precedence.',
	},
	{
		displayName: 'Scanner Strategy',
		name: 'scannerStrategy',
		type: 'string',
		default: 'SCAN_ALL',
		description: 'How the scanner reads the data source, sent as scanner_strategy',
	},
	{
		displayName: 'Security Tier',
		name: 'securityTier',
		type: 'options',
		options: ['1', '2', '3', '4', '5'].map((tier) => ({ name: tier, value: tier })),
		default: '1',
		description: "BigID's security tier of the data source, sent as security_tier",
	},
];
