import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { matchesFilter } from '../helpers/search';
import { LIST_PATHS, userEndpointWhileLoading } from '../helpers/users';
import { bigIdApiRequest, idOf, readListPage } from '../transport';

const PAGE_SIZE = 100;
/** A search reads on until it has this many matches or has read this many pages, so a dropdown never waits on a whole directory. */
const ENOUGH_RESULTS = 20;
const MAX_PAGES_PER_SEARCH = 10;

/** Users by name or email, one batch of BigID pages per call; n8n asks for the next with the token. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const path = LIST_PATHS[userEndpointWhileLoading.call(this)];
	let skip = Number(paginationToken ?? 0) || 0;
	const found: IDataObject[] = [];
	let more = true;
	for (
		let pages = 0;
		more && pages < MAX_PAGES_PER_SEARCH && found.length < ENOUGH_RESULTS;
		pages++
	) {
		const body = await bigIdApiRequest.call(this, {
			path,
			qs: { skip, limit: PAGE_SIZE, requireTotalCount: true },
		});
		const page = readListPage(body, 'users');
		const users = page?.items ?? [];
		skip += users.length;
		more = users.length > 0 && (page?.totalCount === undefined || skip < page.totalCount);
		found.push(...users.filter((user) => matchesFilter(filter, user.name, user.email)));
	}
	return {
		// idOf prefers _id: real deployments put the login name in `id`.
		results: found.map((user) => ({
			name: user.email ? `${String(user.name)} (${String(user.email)})` : String(user.name),
			value: idOf(user) ?? '',
		})),
		paginationToken: more ? String(skip) : undefined,
	};
}
