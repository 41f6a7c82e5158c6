import type { BigIdContext } from '../transport';
import { bigIdApiRequest } from '../transport';

/** `GET /audit-log`: the whole log as BigID's plain text, one event a line. */
export async function getAuditLogText(this: BigIdContext, itemIndex = 0): Promise<string> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			path: ['audit-log'],
			responseFormat: 'text',
			hints: {
				403: 'Reading the audit log needs a BigID role with the audit log permission: ask a BigID administrator.',
			},
		},
		itemIndex,
	);
	return typeof answer.text === 'string' ? answer.text : '';
}
