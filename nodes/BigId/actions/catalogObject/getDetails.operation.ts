import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { catalogObjectDetailsOutputOf } from '../../model/catalogObject';
import { showFor } from '../common.descriptions';
import { fullyQualifiedNameProperty } from './catalogObject.descriptions';
import { readFullyQualifiedName, requireCatalogObject } from './catalogObject.parameters';

export const description: INodeProperties[] = showFor('catalogObject', 'getDetails', [
	fullyQualifiedNameProperty,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fullyQualifiedName = readFullyQualifiedName.call(this, itemIndex);
	const object = await requireCatalogObject.call(this, fullyQualifiedName, itemIndex);
	return catalogObjectDetailsOutputOf(object);
}
