import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DataSourceSelection, RunMode } from '../../helpers/scanProfiles';
import {
	readExtraFields,
	requireProfileName,
	requireScanTemplateId,
	resolveDataSourceList,
	runModeFields,
	scanProfileOf,
} from '../../helpers/scanProfiles';
import { bigIdApiRequest } from '../../transport';
import { showFor } from '../common.descriptions';
import {
	cronExpressionDescription,
	dataSourceIdsProperty,
	isCustomScanProfileProperty,
	otherFieldsProperty,
	runModeOptions,
	timeZoneDescription,
} from './common.descriptions';

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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = requireProfileName.call(this, this.getNodeParameter('name', itemIndex), itemIndex);
	const scanTemplateId = requireScanTemplateId.call(
		this,
		this.getNodeParameter('scanTemplateId', itemIndex),
		itemIndex,
	);
	const runMode = this.getNodeParameter('runMode', itemIndex) as RunMode;
	const schedule = runModeFields.call(
		this,
		runMode,
		runMode === 'scheduled' ? (this.getNodeParameter('cronExpression', itemIndex) as string) : '',
		runMode === 'scheduled' ? (this.getNodeParameter('timeZone', itemIndex) as string) : '',
		itemIndex,
	);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const otherFields = readExtraFields.call(this, additionalFields.otherFields, itemIndex);
	const selection = this.getNodeParameter('dataSourceSelection', itemIndex) as DataSourceSelection;
	const dataSourceList = await resolveDataSourceList.call(
		this,
		selection,
		selection === 'selected' ? this.getNodeParameter('dataSourceIds', itemIndex) : [],
		itemIndex,
	);

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

	const answer = await bigIdApiRequest.call(
		this,
		{
			method: 'POST',
			path: ['scanProfiles'],
			body,
			hints: {
				400: 'Check the data source IDs, the scan template ID and the schedule of the profile.',
			},
		},
		itemIndex,
	);
	// Some versions answer with little more than the ID: what was sent fills in the rest.
	return { ...body, ...scanProfileOf(answer) };
}
