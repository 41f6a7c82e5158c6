import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { UserEndpoint } from '../api/users';
import { DEFAULT_USER_ENDPOINT, listUsers } from '../api/users';
import { containsText, idOf } from '../model/object';

const PAGE_SIZE = 100;
/** A search reads on until it has this many matches or has read this many pages, so a dropdown never waits on a whole directory. */
const ENOUGH_RESULTS = 20;
const MAX_PAGES_PER_SEARCH = 10;

/**
 * Users by name or email, one batch of BigID pages per call; n8n asks for the next batch with
 * the token, the number of users already searched, where the next listing starts.
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const searched = Number(paginationToken ?? 0) || 0;
	const endpoint =
		(this.getCurrentNodeParameter('apiEndpoint') as UserEndpoint | undefined) ??
		DEFAULT_USER_ENDPOINT;
	const matches = (user: IDataObject) => containsText(filter, user.name, user.email);
	let found = 0;
	const { items: batch, totalCount } = await listUsers.call(this, {
		endpoint,
		pageSize: PAGE_SIZE,
		startAt: searched,
		limit: PAGE_SIZE * MAX_PAGES_PER_SEARCH,
		stopWhen: (page) => {
			found += page.filter(matches).length;
			return found >= ENOUGH_RESULTS;
		},
	});
	const next = searched + batch.length;
	const more = batch.length > 0 && (totalCount === undefined || next < totalCount);
	return {
		// idOf prefers _id: real deployments put the login name in `id`.
		results: batch.filter(matches).map((user) => ({
			name: user.email ? `${String(user.name)} (${String(user.email)})` : String(user.name),
			value: idOf(user) ?? '',
		})),
		paginationToken: more ? String(next) : undefined,
	};
}
