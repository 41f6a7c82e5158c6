import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import { caseLocator } from './dspmCase.descriptions';
import { readCase } from './dspmCase.parameters';

export const description: INodeProperties[] = showFor('dspmCase', 'get', [caseLocator]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await readCase.call(this, itemIndex);
}
