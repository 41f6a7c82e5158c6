import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';

/** A role wherever one is needed: from BigID's live list, or typed as an ID or exact name. */
export function roleLocator(description: string): INodeProperties {
	return resourceLocator({
		displayName: 'Role',
		name: 'role',
		description,
		searchListMethod: 'searchRoles',
		byName: { placeholder: 'e.g. Viewer', hint: 'The exact role name, as BigID lists it' },
	});
}
