import type { INodeProperties } from 'n8n-workflow';

import * as addTags from './addTags.operation';
import * as count from './count.operation';
import * as getDetails from './getDetails.operation';
import * as removeTags from './removeTags.operation';
import * as search from './search.operation';

export const operations = { addTags, count, getDetails, removeTags, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['catalogObject'] } },
		options: [
			{
				name: 'Add Tags',
				value: 'addTags',
				description:
					'Tag an object with existing tags by name and value, such as Exception = Approved; an object that has them already is left as it is',
				action: 'Add tags to a catalog object',
			},
			{
				name: 'Count',
				value: 'count',
				description: 'Count the catalog objects that match the filters',
				action: 'Count catalog objects',
			},
			{
				name: 'Get Details',
				value: 'getDetails',
				description: 'Get one object by its fully qualified name, with its columns and attributes',
				action: 'Get the details of a catalog object',
			},
			{
				name: 'Remove Tags',
				value: 'removeTags',
				description:
					'Remove tags from an object by name and value; a tag the object does not have is left out',
				action: 'Remove tags from a catalog object',
			},
			{
				name: 'Search',
				value: 'search',
				description:
					'Find the objects (tables, files...) of the data catalog that hold sensitive data, with the attributes found in each',
				action: 'Search catalog objects',
			},
		],
		default: 'search',
	},
	...addTags.description,
	...count.description,
	...getDetails.description,
	...removeTags.description,
	...search.description,
];
