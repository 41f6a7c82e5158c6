import * as roleListSearch from './role.listSearch';

/** One file per resource (`<resource>.listSearch.ts`, `<resource>.loadOptions.ts`), gathered here. */
export const listSearch = { ...roleListSearch };
