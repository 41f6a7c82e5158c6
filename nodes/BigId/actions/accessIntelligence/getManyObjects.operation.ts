import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listAciObjects } from '../../api/accessIntelligence';
import type { AciReach } from '../../model/accessIntelligence';
import {
	aciObjectFields,
	aciObjectOf,
	aciObjectQueryOf,
	isReachedBy,
} from '../../model/accessIntelligence';
import { flagOf, listedValues } from '../../model/object';
import { showFor } from '../common.descriptions';
import { getManyProperties } from '../list.descriptions';
import { readOutputChoice, shapeOutputs } from '../output';
import { listMatching } from './accessIntelligence.parameters';

export const description: INodeProperties[] = showFor('accessIntelligence', 'getManyObjects', [
	...getManyProperties([], aciObjectFields),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'Query and Data Source Names are sent to BigID; BigID has no public query field for sharing, so the node applies Shared With or Owned By, Shared With Groups and Open Access Only to each page it reads. Limit counts the objects that match.',
		options: [
			{
				displayName: 'Data Source Names',
				name: 'dataSourceNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. hr-db-1, finance-bucket-1',
				description: 'Only objects of these data sources (comma-separated)',
			},
			{
				displayName: 'Open Access Only',
				name: 'openAccessOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only the objects open to everyone',
			},
			{
				displayName: 'Query',
				name: 'query',
				type: 'string',
				default: '',
				placeholder: 'e.g. objectName = "payroll.xlsx"',
				description:
					"A query in BigID's query language, sent as written and combined with Data Source Names by AND",
			},
			{
				displayName: 'Shared With Groups',
				name: 'sharedWithGroups',
				type: 'string',
				default: '',
				placeholder: 'e.g. finance-team, all-employees',
				description:
					'Also objects shared with any of these groups (comma-separated, case does not matter), such as the groups Get Many Users gives for a person',
			},
			{
				displayName: 'Shared With or Owned By',
				name: 'sharedWith',
				type: 'string',
				default: '',
				placeholder: 'e.g. jdoe@example.com, jdoe',
				description:
					"Only objects owned by or shared with any of these e-mail addresses or account names (comma-separated, case does not matter): a person's reach, with the e-mails and account names Get Many Users gives",
			},
		],
	},
]);

function readMatcher(filters: IDataObject): ((object: IDataObject) => boolean) | undefined {
	const reach: AciReach = {
		principals: listedValues(filters.sharedWith),
		groups: listedValues(filters.sharedWithGroups),
	};
	const openAccessOnly = flagOf(filters.openAccessOnly) === true;
	const bySharing = reach.principals.length > 0 || reach.groups.length > 0;
	if (!bySharing && !openAccessOnly) return undefined;
	return (object) =>
		(!bySharing || isReachedBy(object, reach)) && (!openAccessOnly || object.openAccess === true);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const choice = readOutputChoice.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = aciObjectQueryOf(
		String(filters.query ?? ''),
		listedValues(filters.dataSourceNames),
	);
	const objects = await listMatching.call(
		this,
		itemIndex,
		async (options) => await listAciObjects.call(this, query, options, itemIndex),
		aciObjectOf,
		readMatcher(filters),
	);
	return shapeOutputs(choice, aciObjectFields, objects);
}
