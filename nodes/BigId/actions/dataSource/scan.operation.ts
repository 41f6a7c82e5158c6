import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLastDataSourceScan, scanDataSource } from '../../api/dataSources';
import { dataSourceScanOutputOf, startedScanIdOf } from '../../model/scan';
import { showFor } from '../common.descriptions';
import { optionsCollection } from '../list.descriptions';
import { readTerminalStateKeys } from '../scan/scan.parameters';
import { dataSourceNameLocator, readDataSourceName } from './dataSource.parameters';
import { terminalStatesOption } from '../../descriptions/scan.descriptions';

export const description: INodeProperties[] = showFor('dataSource', 'scan', [
	dataSourceNameLocator,
	{
		displayName: 'Scan Type',
		name: 'scanType',
		type: 'options',
		default: 'dsScan',
		description: 'What the scan reads',
		options: [
			{
				name: 'Full Scan',
				value: 'dsScan',
				description: 'Read the content and classify it: finds sensitive data',
			},
			{ name: 'Lineage Scan', value: 'lineageScan', description: 'Map where the data flows' },
			{
				name: 'Metadata Scan',
				value: 'metadataScan',
				description: 'Read object names and metadata only: fast, finds no content',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Sample Scan',
			name: 'isSampleScan',
			type: 'boolean',
			default: false,
			description: 'Whether to scan a sample of the data source instead of all of it',
		},
		{
			displayName: 'Auto-Assume Scan Type',
			name: 'autoAssumeScanType',
			type: 'boolean',
			default: false,
			description:
				'Whether BigID may choose the scan type the data source supports instead of Scan Type',
		},
		terminalStatesOption,
	]),
]);

/**
 * The start answer documents no scan ID, so when it has none the data source's last scan (the
 * one just started) gives it: Scan > Wait for Completion needs it.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = readDataSourceName.call(this, itemIndex);
	const terminalKeys = readTerminalStateKeys.call(this, itemIndex);
	const { scan, message } = await scanDataSource.call(
		this,
		name,
		{
			scanType: this.getNodeParameter('scanType', itemIndex) as string,
			isSampleScan: this.getNodeParameter('options.isSampleScan', itemIndex, false) as boolean,
			autoAssumeScanType: this.getNodeParameter(
				'options.autoAssumeScanType',
				itemIndex,
				false,
			) as boolean,
		},
		itemIndex,
	);
	const started =
		startedScanIdOf(scan) === undefined
			? { ...scan, ...(await getLastDataSourceScan.call(this, name, itemIndex)) }
			: scan;
	return { ...dataSourceScanOutputOf(name, started, terminalKeys), message };
}
