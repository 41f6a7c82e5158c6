import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLastDataSourceScan } from '../../api/dataSources';
import { dataSourceScanFields, dataSourceScanOutputOf } from '../../model/scan';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';
import { readOutputChoice, shapeOutput } from '../output';
import { outputProperties } from '../output.descriptions';
import { readTerminalStateKeys } from '../scan/scan.parameters';
import { dataSourceNameLocator, readDataSourceName } from './dataSource.parameters';
import { terminalStatesOption } from '../../descriptions/scan.descriptions';

export const description: INodeProperties[] = showFor('dataSource', 'getLastScan', [
	dataSourceNameLocator,
	...outputProperties(dataSourceScanFields),
	optionsCollection([terminalStatesOption]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const choice = readOutputChoice.call(this, itemIndex);
	const name = readDataSourceName.call(this, itemIndex);
	const terminalKeys = readTerminalStateKeys.call(this, itemIndex);
	const scan = await getLastDataSourceScan.call(this, name, itemIndex);
	return shapeOutput(
		choice,
		dataSourceScanFields,
		dataSourceScanOutputOf(name, scan, terminalKeys),
	);
}
