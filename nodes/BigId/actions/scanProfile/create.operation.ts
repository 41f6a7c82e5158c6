import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listDataSourcesOnce } from '../../api/dataSources';
import { createScanProfile } from '../../api/scanProfiles';
import { isDataSourceEnabled } from '../../model/dataSource';
import type { RunMode } from '../../model/scanProfile';
import { showFor } from '../common.descriptions';
import {
	cronExpressionDescription,
	dataSourceIdsProperty,
	isCustomScanProfileProperty,
	otherFieldsProperty,
	runModeOptions,
	timeZoneDescription,
} from './common.descriptions';
import {
	readExtraFields,
	requireDataSourceIds,
	requireExistingDataSources,
	requireProfileName,
	requireScanTemplateId,
	requireValidCron,
	requireValidTimeZone,
} from './scanProfile.parameters';

type DataSourceSelection = 'selected' | 'allEnabled';

export const description: INodeProperties[] = showFor('scanProfile', 'create', [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Targeted Marketing Data Scan',
		description: 'Name of the new scan profile',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'What the scan profile is for',
	},
	{
		displayName: 'Data Sources',
		name: 'dataSourceSelection',
		type: 'options',
		options: [
			{
				name: 'All Enabled Data Sources',
				value: 'allEnabled',
				description: 'Every data source BigID lists as enabled when the node runs',
			},
			{
				name: 'Selected Data Sources',
				value: 'selected',
				description: 'Only the data sources chosen or mapped below',
			},
		],
		default: 'selected',
		description: 'Which data sources the profile scans',
	},
	{
		...dataSourceIdsProperty,
		required: true,
		displayOptions: { show: { dataSourceSelection: ['selected'] } },
	},
	{
		displayName: 'Scan Template ID',
		name: 'scanTemplateId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. standard-privacy-template-001',
		description: 'ID of the scan template (the classifiers to apply) the profile uses',
	},
	{
		displayName: 'Run Mode',
		name: 'runMode',
		type: 'options',
		options: runModeOptions,
		default: 'oneTime',
		description: 'Whether the profile scans once or on a schedule',
	},
	{
		displayName: 'Cron Expression',
		name: 'cronExpression',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0 2 * * 0',
		description: cronExpressionDescription,
		displayOptions: { show: { runMode: ['scheduled'] } },
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: 'UTC',
		required: true,
		description: timeZoneDescription,
		displayOptions: { show: { runMode: ['scheduled'] } },
	},
	{
		displayName: 'Active',
		name: 'active',
		type: 'boolean',
		default: true,
		description: 'Whether the profile is active',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [isCustomScanProfileProperty, otherFieldsProperty],
	},
]);

/** "All enabled data sources" as BigID lists them when the node runs. */
async function enabledDataSourceIds(this: IExecuteFunctions, itemIndex: number): Promise<string[]> {
	const sources = await listDataSourcesOnce.call(this, itemIndex);
	const ids = sources.filter(isDataSourceEnabled).map((source) => String(source._id));
	if (ids.length === 0) {
		throw new NodeOperationError(this.getNode(), 'BigID has no enabled data source to scan', {
			itemIndex,
			description: 'Enable or connect a data source in BigID first, then run the node again.',
		});
	}
	return ids;
}

/** Input checks first, then one read of the data sources to resolve "all" or to name unknown IDs. */
async function readDataSourceList(this: IExecuteFunctions, itemIndex: number): Promise<string[]> {
	const selection = this.getNodeParameter('dataSourceSelection', itemIndex) as DataSourceSelection;
	if (selection === 'allEnabled') return await enabledDataSourceIds.call(this, itemIndex);
	const ids = requireDataSourceIds.call(
		this,
		this.getNodeParameter('dataSourceIds', itemIndex),
		itemIndex,
	);
	await requireExistingDataSources.call(this, ids, itemIndex);
	return ids;
}

/** The run mode as BigID stores it: either `isSingleRunScan: true` or a `schedule`, never both. */
function readRunMode(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const runMode = this.getNodeParameter('runMode', itemIndex) as RunMode;
	if (runMode === 'oneTime') return { isSingleRunScan: true };
	const cronExpression = this.getNodeParameter('cronExpression', itemIndex) as string;
	const timeZone = this.getNodeParameter('timeZone', itemIndex) as string;
	return {
		schedule: {
			cronExpression: requireValidCron.call(this, cronExpression, itemIndex),
			timeZone: requireValidTimeZone.call(this, timeZone, itemIndex),
		},
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = requireProfileName.call(this, this.getNodeParameter('name', itemIndex), itemIndex);
	const scanTemplateId = requireScanTemplateId.call(
		this,
		this.getNodeParameter('scanTemplateId', itemIndex),
		itemIndex,
	);
	const schedule = readRunMode.call(this, itemIndex);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const otherFields = readExtraFields.call(this, additionalFields.otherFields, itemIndex);
	const dataSourceList = await readDataSourceList.call(this, itemIndex);

	const body: IDataObject = {
		...otherFields,
		name,
		dataSourceList,
		scanTemplateId,
		...schedule,
		active: this.getNodeParameter('active', itemIndex) as boolean,
	};
	const profileDescription = (this.getNodeParameter('description', itemIndex, '') as string).trim();
	if (profileDescription !== '') body.description = profileDescription;
	if (additionalFields.isCustomScanProfile !== undefined) {
		body.isCustomScanProfile = additionalFields.isCustomScanProfile;
	}

	return await createScanProfile.call(this, body, itemIndex);
}
