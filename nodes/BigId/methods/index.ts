import * as dataSourceListSearch from './dataSource.listSearch';
import * as dataSourceLoadOptions from './dataSource.loadOptions';
import * as dspmCaseListSearch from './dspmCase.listSearch';
import * as dsarListSearch from './dsar.listSearch';
import * as policyListSearch from './policy.listSearch';
import * as remediationLoadOptions from './remediation.loadOptions';
import * as roleListSearch from './role.listSearch';
import * as roleLoadOptions from './role.loadOptions';
import * as scanProfileListSearch from './scanProfile.listSearch';
import * as userListSearch from './user.listSearch';

/** One file per resource (`<resource>.listSearch.ts`, `<resource>.loadOptions.ts`), gathered here. */
export const listSearch = {
	...dataSourceListSearch,
	...dspmCaseListSearch,
	...dsarListSearch,
	...policyListSearch,
	...roleListSearch,
	...scanProfileListSearch,
	...userListSearch,
};

export const loadOptions = {
	...dataSourceLoadOptions,
	...remediationLoadOptions,
	...roleLoadOptions,
};
