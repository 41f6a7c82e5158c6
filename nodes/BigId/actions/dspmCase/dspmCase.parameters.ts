import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CasePaging } from '../../api/cases';
import { DEFAULT_CASE_PAGING, findCase } from '../../api/cases';
import type { EqualityOperator } from '../../model/case';
import { caseFilterOf, DEFAULT_EQUALITY_OPERATOR, isFriendlyCaseId } from '../../model/case';
import { isObjectId } from '../../model/object';

const FIND_CASES =
	'Pick the case from the list, or find its _id or caseId with DSPM Case > Get Many.';

export function readPaging(this: IExecuteFunctions, itemIndex: number): CasePaging {
	return this.getNodeParameter(
		'options.pagingParameter',
		itemIndex,
		DEFAULT_CASE_PAGING,
	) as CasePaging;
}

/** The `filter` query of the Statuses parameter, sent as Options > Equality Operator says. */
export function readStatusFilter(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const statuses = this.getNodeParameter('statuses', itemIndex, []) as string[];
	const equality = this.getNodeParameter(
		'options.equalityOperator',
		itemIndex,
		DEFAULT_EQUALITY_OPERATOR,
	) as EqualityOperator;
	const conditions = caseFilterOf({ statuses }, equality);
	return conditions.length > 0 ? { filter: JSON.stringify(conditions) } : {};
}

/**
 * The case the locator names, read from BigID: by `_id`, or by the friendly `caseId` (also when
 * typed into By ID). Fails before any request on an ID of neither shape, and with BigID's documented
 * "not found" advice when BigID has no such case.
 */
export async function findChosenCase(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const locator = this.getNodeParameter('case', itemIndex) as { mode: string; value: unknown };
	const value = String(locator.value ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(this.getNode(), 'No case given', {
			itemIndex,
			description: 'Choose a case from the list, or enter its _id or its case ID (e.g. SPC-123).',
		});
	}
	const byObjectId = isObjectId(value);
	if (!byObjectId && !isFriendlyCaseId(value)) {
		throw new NodeOperationError(this.getNode(), `Case ID is invalid: "${value}"`, {
			itemIndex,
			description: `Bad or malformed case ID provided. A case _id is 24 hexadecimal characters (e.g. 64f7df00cc834f0001a44e85), a case ID looks like SPC-123. ${FIND_CASES}`,
		});
	}
	const field = locator.mode !== 'caseId' && byObjectId ? '_id' : 'caseId';
	const found = await findCase.call(this, field, value, itemIndex);
	if (!found) {
		throw new NodeOperationError(this.getNode(), `Case ${value} was not found`, {
			itemIndex,
			description: `BigID has no DSPM case with this ${field === '_id' ? '_id' : 'case ID'}. ${FIND_CASES}`,
		});
	}
	return found;
}
