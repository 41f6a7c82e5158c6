import type { INodeProperties } from 'n8n-workflow';

export const fullyQualifiedNameProperty: INodeProperties = {
	displayName: 'Fully Qualified Name',
	name: 'fullyQualifiedName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. marketing-db-1.public.customers',
	description: 'The full path of the object, as Catalog Object > Search outputs it in fullPath',
};

/** The object Add Tags and Remove Tags change, and the tags, by name and value. */
export const objectTaggingProperties: INodeProperties[] = [
	{
		displayName: 'Data Source Name',
		name: 'source',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. marketing-db-1',
		description: 'The data source of the object, as Catalog Object > Search outputs it in source',
	},
	fullyQualifiedNameProperty,
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		required: true,
		placeholder: 'Add Tag',
		description:
			'Tags as BigID names them (Catalog > Tags), matched exactly: the node never creates a tag',
		options: [
			{
				displayName: 'Tag',
				name: 'tag',
				values: [
					{
						displayName: 'Tag Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Exception',
					},
					{
						displayName: 'Tag Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Approved',
					},
				],
			},
		],
	},
];
