import type { INodeProperties } from 'n8n-workflow';

import { OBJECT_ID_PATTERN } from '../model/object';

/** Operation descriptions live in their own files; this attaches the resource/operation they belong to. */
export function showFor(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { resource: [resource], operation: [operation], ...property.displayOptions?.show },
		},
	}));
}

const OBJECT_ID_PLACEHOLDER = 'e.g. 64f7df00cc834f0001a44e85';

export interface LocatorSpec {
	displayName: string;
	name: string;
	description: string;
	/** The `listSearch` method that fills "From List". */
	searchListMethod: string;
	/** Checked in the editor: the ID must be a 24-hex ObjectId. */
	objectIdOnly?: { what: string };
	idHint?: string;
	/** Offers "By Name" where the operation can resolve an exact name. */
	byName?: { placeholder: string; hint: string };
}

/** An object picked from BigID's live list, typed as an ID, or (where supported) by its exact name. */
export function resourceLocator(spec: LocatorSpec): INodeProperties {
	const { displayName, name, description, searchListMethod, objectIdOnly, idHint, byName } = spec;
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: OBJECT_ID_PLACEHOLDER,
				...(idHint ? { hint: idHint } : {}),
				...(objectIdOnly
					? {
							validation: [
								{
									type: 'regex' as const,
									properties: {
										regex: `^\\s*${OBJECT_ID_PATTERN}\\s*$`,
										errorMessage: `A BigID ${objectIdOnly.what} ID is 24 hexadecimal characters`,
									},
								},
							],
						}
					: {}),
			},
			...(byName
				? [{ displayName: 'By Name', name: 'name', type: 'string' as const, ...byName }]
				: []),
		],
	};
}
