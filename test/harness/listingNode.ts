import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { idOf } from '../../nodes/BigId/model/object';
import { bigIdApiRequestAllItems } from '../../nodes/BigId/transport';
import type { NodeSpec } from './engine';
import { registerNodeType } from './engine';

export const LISTING_NODE_TYPE = 'n8n-nodes-bigid.testListing';

/**
 * A node that only lists, through the pack's pagination, with the options no node parameter
 * offers yet (concurrency): the pagination runs in n8n's engine with n8n's request helpers and
 * credential handling, as Get Many's does.
 */
class ListingNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BigID listing (test)',
		name: 'testListing',
		group: ['transform'],
		version: 1,
		description: 'Lists a BigID collection through the pack pagination',
		defaults: { name: 'Listing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bigIdApi', required: true }],
		properties: [
			{ displayName: 'Path', name: 'path', type: 'string', default: 'users' },
			{ displayName: 'List Key', name: 'listKey', type: 'string', default: 'users' },
			{ displayName: 'Page Size', name: 'pageSize', type: 'number', default: 100 },
			{ displayName: 'Limit (0: All)', name: 'limit', type: 'number', default: 0 },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 4 },
			{ displayName: 'Stop at ID', name: 'stopAtId', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const parameter = <T>(name: string) => this.getNodeParameter(name, 0) as T;
		const limit = parameter<number>('limit');
		const stopAtId = parameter<string>('stopAtId');
		const told: IDataObject[] = [];
		const { items } = await bigIdApiRequestAllItems.call(this, {
			path: parameter<string>('path').split('/'),
			listKey: parameter<string>('listKey'),
			pageSize: parameter<number>('pageSize'),
			limit: limit > 0 ? limit : undefined,
			concurrency: parameter<number>('concurrency'),
			stopWhen: stopAtId ? (page) => page.some((item) => idOf(item) === stopAtId) : undefined,
			onItems: (page, firstPosition) =>
				page.forEach((item, index) => (told[firstPosition + index] = item)),
		});
		// The user trigger keeps work per position from onItems: the last telling must be the item.
		const wrongPosition = items.findIndex((item, position) => told[position] !== item);
		if (wrongPosition >= 0 || told.length < items.length) {
			throw new Error(
				`onItems told position ${wrongPosition} wrong (${told.length} told, ${items.length} listed)`,
			);
		}
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

registerNodeType(LISTING_NODE_TYPE, new ListingNode());

export interface ListingParameters {
	path?: string;
	listKey?: string;
	pageSize?: number;
	limit?: number;
	concurrency?: number;
	stopAtId?: string;
}

export const listingNode = (parameters: ListingParameters): NodeSpec => ({
	name: 'BigID 1',
	type: LISTING_NODE_TYPE,
	parameters: { ...parameters },
});
