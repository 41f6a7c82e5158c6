import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** The values of the node's Resource parameter. */
export type BigIdResource =
	| 'accessIntelligence'
	| 'auditLog'
	| 'catalogObject'
	| 'dataSource'
	| 'dspmCase'
	| 'dsar'
	| 'policy'
	| 'remediation'
	| 'role'
	| 'scan'
	| 'scanProfile'
	| 'tag'
	| 'user';

/** The one output item of an operation that outputs a file (binary data) beside its JSON. */
export class ItemWithBinary {
	constructor(readonly item: INodeExecutionData) {}
}

/** One operation file: its parameters, and what it does for one input item. */
export interface BigIdOperation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
	): Promise<IDataObject | IDataObject[] | ItemWithBinary>;
}
