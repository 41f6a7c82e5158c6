import * as dataSourceListSearch from './dataSource.listSearch';
import * as dataSourceLoadOptions from './dataSource.loadOptions';
import * as roleListSearch from './role.listSearch';
import * as scanProfileListSearch from './scanProfile.listSearch';

/** One file per resource (`<resource>.listSearch.ts`, `<resource>.loadOptions.ts`), gathered here. */
export const listSearch = {
	...dataSourceListSearch,
	...roleListSearch,
	...scanProfileListSearch,
};

export const loadOptions = { ...dataSourceLoadOptions };
