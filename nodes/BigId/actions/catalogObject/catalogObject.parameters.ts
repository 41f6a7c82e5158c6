import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CatalogFilters, CatalogTagFilter } from '../../model/catalogObject';
import { catalogQueryOf } from '../../model/catalogObject';

const manyValues = (
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	typeOptions: { multipleValues: true, multipleValueButtonText: `Add ${displayName}` },
	default: [],
	placeholder,
	description,
});

/** The filters Search and Count share; values are quoted for BigID's query language when sent. */
export const catalogFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		manyValues(
			'Attribute',
			'attributes',
			'e.g. email',
			'Only objects where any of these attributes (classifications) was found',
		),
		manyValues(
			'Data Source Name',
			'dataSourceNames',
			'e.g. marketing-db-1',
			'Only objects of any of these data sources',
		),
		{
			displayName: 'Object Name Starts With',
			name: 'objectNameStartsWith',
			type: 'string',
			default: '',
			placeholder: 'e.g. customer',
		},
		manyValues('Policy', 'policies', 'e.g. PCI', 'Only objects any of these policies flags'),
		{
			displayName: 'Query',
			name: 'rawQuery',
			type: 'string',
			default: '',
			placeholder: 'e.g. tags."Access Type" = "Open Access" OR NOT attribute EXISTS',
			description:
				"A query in BigID's catalog query language, combined with the other filters by AND. Unlike the other filters, it is sent as written.",
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Tag',
			description: 'Only objects carrying every one of these tags',
			options: [
				{
					displayName: 'Tag',
					name: 'tag',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. Access Type',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. Open Access',
						},
					],
				},
			],
		},
	],
};

/** Values as the editor gives them (an array), or as an expression may (one string). */
function textsOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((entry) => String(entry ?? ''));
	return typeof value === 'string' && value !== '' ? [value] : [];
}

export function readCatalogQuery(this: IExecuteFunctions, itemIndex: number): string {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const tags = ((filters.tags as IDataObject | undefined)?.tag ?? []) as CatalogTagFilter[];
	const wanted: CatalogFilters = {
		dataSourceNames: textsOf(filters.dataSourceNames),
		attributes: textsOf(filters.attributes),
		policies: textsOf(filters.policies),
		tags: tags.map((tag) => ({ name: String(tag.name ?? ''), value: String(tag.value ?? '') })),
		objectNameStartsWith: String(filters.objectNameStartsWith ?? ''),
		rawQuery: String(filters.rawQuery ?? ''),
	};
	return catalogQueryOf(wanted);
}
