import type { IDataObject } from 'n8n-workflow';

import { normalizeObject } from '../model/object';
import type { BigIdContext } from '../transport';
import { bigIdApiRequest, unwrapEnvelope } from '../transport';

const SAR = 'sar';
const PROFILE_NOT_FOUND_FIX =
	'Make sure the profile ID is valid and fetched from DSAR > Get Profiles (GET /sar/profiles), or choose the profile from the list.';

/** The list under `key`, wrapped or bare, or a bare array (which the transport gives as `items`). */
function listIn(body: IDataObject, key: string): IDataObject[] {
	const content = unwrapEnvelope(body);
	const list = content[key] ?? body[key] ?? content.items ?? body.items;
	return Array.isArray(list) ? (list as IDataObject[]).map(normalizeObject) : [];
}

/** `GET /sar/profiles`: the DSAR profiles (`{profiles: [{_id, name, allEnabledEs, allEnabledDs, scopes, isCustom}]}`). */
export async function listSarProfiles(this: BigIdContext, itemIndex = 0): Promise<IDataObject[]> {
	const answer = await bigIdApiRequest.call(this, { path: [SAR, 'profiles'] }, itemIndex);
	return listIn(answer, 'profiles');
}

/** `GET /sar/attributes?profileId=`: the identity attributes a request of that profile searches by. */
export async function listSarAttributes(
	this: BigIdContext,
	profileId: string,
	itemIndex = 0,
): Promise<IDataObject[]> {
	const answer = await bigIdApiRequest.call(
		this,
		{
			path: [SAR, 'attributes'],
			qs: { profileId },
			hints: { 400: PROFILE_NOT_FOUND_FIX, 404: PROFILE_NOT_FOUND_FIX },
		},
		itemIndex,
	);
	return listIn(answer, 'attributes');
}
