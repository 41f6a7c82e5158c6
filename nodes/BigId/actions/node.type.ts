import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The values of the node's Resource parameter. */
export type BigIdResource =
	| 'accessIntelligence'
	| 'auditLog'
	| 'catalogObject'
	| 'dataSource'
	| 'dspmCase'
	| 'dsar'
	| 'remediation'
	| 'role'
	| 'scan'
	| 'scanProfile'
	| 'tag'
	| 'user';

/** One operation file: its parameters, and what it does for one input item. */
export interface BigIdOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}
