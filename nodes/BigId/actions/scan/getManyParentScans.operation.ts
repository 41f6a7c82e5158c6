import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listParentScans } from '../../api/scans';
import { scanFields } from '../../model/scan';
import { showFor } from '../common.descriptions';
import { filterOption, getManyProperties, sortOption } from '../list.descriptions';
import { readOutputChoice, shapeOutputs } from '../output';
import { readListOptions } from '../parameters';

export const description: INodeProperties[] = showFor(
	'scan',
	'getManyParentScans',
	getManyProperties(
		[
			filterOption(
				'e.g. {"state":"Failed"}',
				'Only parent scans whose fields have these values, as BigID takes it in the filter query parameter',
			),
			sortOption(
				'e.g. -updated_at',
				'Sort order as BigID takes it in the sort query parameter; empty means BigID’s default, the most recently updated first',
			),
		],
		scanFields,
	),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const choice = readOutputChoice.call(this, itemIndex);
	const { items } = await listParentScans.call(
		this,
		readListOptions.call(
			this,
			itemIndex,
			'for example -updated_at, or [{"field":"updated_at","order":"desc"}], and {"state":"Failed"}.',
		),
		itemIndex,
	);
	return shapeOutputs(choice, scanFields, items);
}
