import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { caseFields } from '../../model/case';
import { showFor } from '../common.descriptions';
import { readOutputChoice, shapeOutput } from '../output';
import { outputProperties } from '../output.descriptions';
import { caseLocator } from './dspmCase.descriptions';
import { findChosenCase } from './dspmCase.parameters';

export const description: INodeProperties[] = showFor('dspmCase', 'get', [
	caseLocator,
	...outputProperties(caseFields),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const choice = readOutputChoice.call(this, itemIndex);
	return shapeOutput(choice, caseFields, await findChosenCase.call(this, itemIndex));
}
