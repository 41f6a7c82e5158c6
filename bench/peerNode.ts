import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { NodeSpec } from '../test/harness/engine';
import { registerNodeType } from '../test/harness/engine';

const PEER_NODE_TYPE = 'n8n-nodes-bigid.benchSequentialPeer';

/**
 * The peer: what the HTTP Request node's pagination and a hand-written node do, a loop of
 * `httpRequestWithAuthentication` that asks for the next page once the previous one arrived,
 * with the same credential (its login included) in the same engine.
 */
class SequentialPeerNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sequential listing (bench peer)',
		name: 'benchSequentialPeer',
		group: ['transform'],
		version: 1,
		description: 'Lists a BigID collection one page after the other',
		defaults: { name: 'Peer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bigIdApi', required: true }],
		properties: [
			{ displayName: 'Path', name: 'path', type: 'string', default: '/api/v1/users' },
			{ displayName: 'List Key', name: 'listKey', type: 'string', default: 'users' },
			{ displayName: 'Page Size', name: 'pageSize', type: 'number', default: 100 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('bigIdApi');
		const baseUrl = String(credentials.baseUrl).replace(/#.*$/, '');
		const path = this.getNodeParameter('path', 0) as string;
		const listKey = this.getNodeParameter('listKey', 0) as string;
		const pageSize = this.getNodeParameter('pageSize', 0) as number;
		const items: IDataObject[] = [];
		for (;;) {
			const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'bigIdApi', {
				method: 'GET',
				url: `${baseUrl}${path}`,
				qs: { skip: items.length, limit: pageSize, requireTotalCount: true },
				json: true,
			})) as IDataObject;
			const content = (body.data ?? body) as IDataObject;
			const page = content[listKey] as IDataObject[];
			items.push(...page);
			if (page.length === 0 || items.length >= Number(content.totalCount)) break;
		}
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

registerNodeType(PEER_NODE_TYPE, new SequentialPeerNode());

export const sequentialPeerNode = (path: string, listKey: string, pageSize: number): NodeSpec => ({
	name: 'BigID 1',
	type: PEER_NODE_TYPE,
	parameters: { path, listKey, pageSize },
});
