import type { INodeProperties } from 'n8n-workflow';

/** A role wherever one is needed: from BigID's live list, or typed as an ID or exact name. */
export function roleLocator(description: string): INodeProperties {
	return {
		displayName: 'Role',
		name: 'role',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchRoles', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 64f7df00cc834f0001a44e85',
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Viewer',
				hint: 'The exact role name, as BigID lists it',
			},
		],
	};
}
