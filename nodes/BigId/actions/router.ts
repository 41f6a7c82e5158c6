import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BigIdOperation } from './node.type';
import * as dataSource from './dataSource/DataSource.resource';
import * as role from './role/Role.resource';
import * as scan from './scan/Scan.resource';
import * as scanProfile from './scanProfile/ScanProfile.resource';
import * as user from './user/User.resource';

const resources: Record<string, Record<string, unknown>> = {
	dataSource,
	role,
	scan,
	scanProfile,
	user,
};

function operationOf(this: IExecuteFunctions, resource: string, operation: string): BigIdOperation {
	const candidate = resources[resource]?.[operation] as BigIdOperation | undefined;
	if (typeof candidate?.execute !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of the resource "${resource}" is not supported`,
		);
	}
	return candidate;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const { execute } = operationOf.call(this, resource, operation);
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result: IDataObject | IDataObject[] = await execute.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (nodeError.context.itemIndex === undefined) nodeError.context.itemIndex = itemIndex;
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: nodeError.message, description: nodeError.description ?? undefined },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw nodeError;
		}
	}
	return [returnData];
}
