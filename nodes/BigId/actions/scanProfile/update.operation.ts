import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { replaceScanProfile } from '../../api/scanProfiles';
import type { RunMode } from '../../model/scanProfile';
import { showFor } from '../common.descriptions';
import {
	cronExpressionDescription,
	dataSourceIdsProperty,
	isCustomScanProfileProperty,
	otherFieldsProperty,
	runModeOptions,
	scanProfileLocator,
	timeZoneDescription,
} from './common.descriptions';
import {
	readExtraFields,
	getScanProfileById,
	readScanProfileLocator,
	requireDataSourceIds,
	requireExistingDataSources,
	requireProfileName,
	requireScanTemplateId,
	requireValidCron,
	requireValidTimeZone,
} from './scanProfile.parameters';

interface UpdateFields {
	name?: string;
	description?: string;
	dataSourceIds?: unknown;
	scanTemplateId?: string;
	runMode?: RunMode;
	cronExpression?: string;
	timeZone?: string;
	active?: boolean;
	isCustomScanProfile?: boolean;
	otherFields?: unknown;
}

export const description: INodeProperties[] = showFor('scanProfile', 'update', [
	scanProfileLocator('The scan profile to update', false),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether the profile is active',
			},
			{
				displayName: 'Cron Expression',
				name: 'cronExpression',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0 2 * * 0',
				description: `${cronExpressionDescription}. Setting it makes the profile scheduled.`,
			},
			{
				...dataSourceIdsProperty,
				hint: `${dataSourceIdsProperty.hint} They replace the current list.`,
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the scan profile is for',
			},
			isCustomScanProfileProperty,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the scan profile',
			},
			otherFieldsProperty,
			{
				displayName: 'Run Mode',
				name: 'runMode',
				type: 'options',
				options: runModeOptions,
				default: 'oneTime',
				description:
					'Whether the profile scans once or on a schedule; Scheduled keeps the current schedule unless Cron Expression or Time Zone is set',
			},
			{
				displayName: 'Scan Template ID',
				name: 'scanTemplateId',
				type: 'string',
				default: '',
				description: 'ID of the scan template (the classifiers to apply) the profile uses',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: 'UTC',
				description: `${timeZoneDescription}. Setting it makes the profile scheduled.`,
			},
		],
	},
]);

/** Checks everything the user typed before any request; the schedule is completed from the profile later. */
function readChanges(
	this: IExecuteFunctions,
	fields: UpdateFields,
	itemIndex: number,
): { changes: IDataObject; dataSourceList?: string[]; schedule?: IDataObject } {
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields to update', {
			itemIndex,
			description: 'Add at least one field under Update Fields.',
		});
	}
	const changes: IDataObject = readExtraFields.call(this, fields.otherFields, itemIndex);
	if (fields.name !== undefined)
		changes.name = requireProfileName.call(this, fields.name, itemIndex);
	if (fields.description !== undefined) changes.description = fields.description;
	if (fields.scanTemplateId !== undefined) {
		changes.scanTemplateId = requireScanTemplateId.call(this, fields.scanTemplateId, itemIndex);
	}
	if (fields.active !== undefined) changes.active = fields.active;
	if (fields.isCustomScanProfile !== undefined) {
		changes.isCustomScanProfile = fields.isCustomScanProfile;
	}
	const dataSourceList =
		fields.dataSourceIds === undefined
			? undefined
			: requireDataSourceIds.call(this, fields.dataSourceIds, itemIndex);

	const touchesSchedule = fields.cronExpression !== undefined || fields.timeZone !== undefined;
	if (fields.runMode === 'oneTime') {
		if (touchesSchedule) {
			throw new NodeOperationError(
				this.getNode(),
				'Cron Expression and Time Zone do not apply to a one-time scan profile',
				{ itemIndex, description: 'Remove them, or set Run Mode to Scheduled.' },
			);
		}
		// null, not absent: BigID may merge the update into the stored profile.
		return { changes: { ...changes, isSingleRunScan: true, schedule: null }, dataSourceList };
	}
	if (fields.runMode !== 'scheduled' && !touchesSchedule) return { changes, dataSourceList };
	const schedule: IDataObject = {};
	if (fields.cronExpression !== undefined) {
		schedule.cronExpression = requireValidCron.call(this, fields.cronExpression, itemIndex);
	}
	if (fields.timeZone !== undefined) {
		schedule.timeZone = requireValidTimeZone.call(this, fields.timeZone, itemIndex);
	}
	return { changes, dataSourceList, schedule };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { value: profileId } = readScanProfileLocator.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as UpdateFields;
	const { changes, dataSourceList, schedule } = readChanges.call(this, fields, itemIndex);

	const current = await getScanProfileById.call(this, profileId, itemIndex);
	if (dataSourceList) {
		await requireExistingDataSources.call(this, dataSourceList, itemIndex);
		changes.dataSourceList = dataSourceList;
	}
	if (schedule) {
		const currentSchedule = (current.schedule ?? {}) as IDataObject;
		const cronExpression = schedule.cronExpression ?? currentSchedule.cronExpression;
		if (typeof cronExpression !== 'string' || cronExpression === '') {
			throw new NodeOperationError(
				this.getNode(),
				'The scan profile has no schedule yet: a Cron Expression is needed to make it scheduled',
				{ itemIndex, description: 'Add Cron Expression under Update Fields.' },
			);
		}
		changes.schedule = {
			cronExpression,
			timeZone: schedule.timeZone ?? currentSchedule.timeZone ?? 'UTC',
		};
		changes.isSingleRunScan = false;
	}

	return await replaceScanProfile.call(this, current, changes, itemIndex);
}
