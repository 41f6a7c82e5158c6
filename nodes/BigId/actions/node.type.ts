import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation file: its parameters, and what it does for one input item. */
export interface BigIdOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}
