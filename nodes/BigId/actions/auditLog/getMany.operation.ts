import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getAuditLogText } from '../../api/auditLog';
import type { AuditRecord } from '../../model/auditLog';
import { listedValues } from '../../model/object';
import {
	AuditTimeline,
	auditLinesOf,
	auditRecordMatcher,
	parseAuditLine,
} from '../../model/auditLog';
import { auditFilterOptions } from '../../descriptions/auditLog.descriptions';
import { returnAllOrLimit } from '../../descriptions/listing.descriptions';
import { showFor } from '../common.descriptions';
import { readLimit, readOptionalDate } from '../parameters';

export const description: INodeProperties[] = showFor('auditLog', 'getMany', [
	...returnAllOrLimit.map((property) =>
		property.name === 'limit'
			? {
					...property,
					description:
						'Max number of lines to return: the newest ones that pass the filters, in log order',
				}
			: property,
	),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			...auditFilterOptions,
			{
				displayName: 'Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description:
					'Only lines from this moment on; a line without a timestamp counts as of the line before it',
			},
		],
	},
]);

/**
 * The log is read line by line: a line that does not parse is output as `{raw}` (unless a user,
 * action or endpoint filter asks for something it cannot show) and the lines after it are read
 * on. With a limit, only the newest lines that pass are kept while reading.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const since = readOptionalDate.call(this, 'Since', filters.since, itemIndex);
	const matches = auditRecordMatcher({
		users: listedValues(filters.users),
		actions: listedValues(filters.actions),
		endpoints: listedValues(filters.endpoints),
	});
	const lines = auditLinesOf(await getAuditLogText.call(this, itemIndex));
	const timeline = new AuditTimeline(lines);
	const kept: AuditRecord[] = [];
	for (let index = 0; index < lines.length; index++) {
		if (since !== undefined && (timeline.timeAt(index) ?? -Infinity) < since) continue;
		const record = parseAuditLine(lines[index]);
		if (!matches(record)) continue;
		kept.push(record);
		if (limit !== undefined && kept.length > limit) kept.shift();
	}
	return kept;
}
