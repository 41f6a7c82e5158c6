import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../api/errors';
import * as accessIntelligence from './accessIntelligence/AccessIntelligence.resource';
import * as auditLog from './auditLog/AuditLog.resource';
import * as catalogObject from './catalogObject/CatalogObject.resource';
import * as dataSource from './dataSource/DataSource.resource';
import * as dspmCase from './dspmCase/DspmCase.resource';
import * as dsar from './dsar/Dsar.resource';
import type { BigIdOperation, BigIdResource } from './node.type';
import { ItemWithBinary } from './node.type';
import * as policy from './policy/Policy.resource';
import * as remediation from './remediation/Remediation.resource';
import * as role from './role/Role.resource';
import * as scan from './scan/Scan.resource';
import * as scanProfile from './scanProfile/ScanProfile.resource';
import * as tag from './tag/Tag.resource';
import * as user from './user/User.resource';

/** Every operation of every resource: one without a description or an execute does not compile. */
const operations = {
	accessIntelligence: accessIntelligence.operations,
	auditLog: auditLog.operations,
	catalogObject: catalogObject.operations,
	dataSource: dataSource.operations,
	dspmCase: dspmCase.operations,
	dsar: dsar.operations,
	policy: policy.operations,
	remediation: remediation.operations,
	role: role.operations,
	scan: scan.operations,
	scanProfile: scanProfile.operations,
	tag: tag.operations,
	user: user.operations,
} satisfies Record<BigIdResource, Record<string, BigIdOperation>>;

/** What n8n's editor adds to Resource and Operation for a node whose credential authenticates. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** Custom API Call, which n8n adds to Resource and Operation, is no operation of this node. */
function refuseCustomApiCall(this: IExecuteFunctions): never {
	throw new NodeOperationError(
		this.getNode(),
		'Custom API Call runs in an HTTP Request node, not in the BigID node',
		{
			description:
				'Add an HTTP Request node, set Authentication to Predefined Credential Type and Credential Type to BigID API, and enter the URL as the Base URL of the credential followed by /api/v1/... n8n logs in and renews the session as the BigID node does.',
		},
	);
}

function operationOf(this: IExecuteFunctions, resource: string, operation: string): BigIdOperation {
	const ofResource: Record<string, BigIdOperation> | undefined =
		operations[resource as BigIdResource];
	const found =
		ofResource && Object.prototype.hasOwnProperty.call(ofResource, operation)
			? ofResource[operation]
			: undefined;
	if (!found) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of the resource "${resource}" is not supported`,
		);
	}
	return found;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	if (resource === CUSTOM_API_CALL) refuseCustomApiCall.call(this);
	const operation = this.getNodeParameter('operation', 0) as string;
	if (operation === CUSTOM_API_CALL) refuseCustomApiCall.call(this);
	const { execute } = operationOf.call(this, resource, operation);
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await execute.call(this, itemIndex);
			const executionData =
				result instanceof ItemWithBinary ? [result.item] : this.helpers.returnJsonArray(result);
			returnData.push(
				...this.helpers.constructExecutionMetaData(executionData, {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
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
