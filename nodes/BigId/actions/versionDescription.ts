import type { INodeProperties } from 'n8n-workflow';

import * as accessIntelligence from './accessIntelligence/AccessIntelligence.resource';
import * as auditLog from './auditLog/AuditLog.resource';
import * as catalogObject from './catalogObject/CatalogObject.resource';
import * as dataSource from './dataSource/DataSource.resource';
import * as dspmCase from './dspmCase/DspmCase.resource';
import * as dsar from './dsar/Dsar.resource';
import * as policy from './policy/Policy.resource';
import * as remediation from './remediation/Remediation.resource';
import * as role from './role/Role.resource';
import * as scan from './scan/Scan.resource';
import * as scanProfile from './scanProfile/ScanProfile.resource';
import * as tag from './tag/Tag.resource';
import * as user from './user/User.resource';

/** The resource selector and every operation's parameters; the node class holds the rest of the description. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Access Intelligence', value: 'accessIntelligence' },
			{ name: 'Audit Log', value: 'auditLog' },
			{ name: 'Catalog Object', value: 'catalogObject' },
			{ name: 'Data Source', value: 'dataSource' },
			{ name: 'DSAR', value: 'dsar' },
			{ name: 'DSPM Case', value: 'dspmCase' },
			{ name: 'Policy', value: 'policy' },
			{ name: 'Remediation', value: 'remediation' },
			{ name: 'Role', value: 'role' },
			{ name: 'Scan', value: 'scan' },
			{ name: 'Scan Profile', value: 'scanProfile' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'User', value: 'user' },
		],
		default: 'role',
	},
	...accessIntelligence.description,
	...auditLog.description,
	...catalogObject.description,
	...dataSource.description,
	...dspmCase.description,
	...dsar.description,
	...policy.description,
	...remediation.description,
	...role.description,
	...scan.description,
	...scanProfile.description,
	...tag.description,
	...user.description,
];
