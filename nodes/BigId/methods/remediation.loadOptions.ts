import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RemediationApp } from '../api/remediation';
import { listRemediationActions, remediationAppOf } from '../api/remediation';
import type { RemediationAction } from '../model/remediation';
import { findRemediationAction } from '../model/remediation';

function chosenApp(context: ILoadOptionsFunctions): RemediationApp {
	const options = (context.getCurrentNodeParameter('options') ?? {}) as IDataObject;
	const app = remediationAppOf({
		appId: context.getCurrentNodeParameter('appId'),
		acceptVersion: options.acceptVersion,
		pathPrefix: options.pathPrefix,
	});
	if ('problem' in app) {
		throw new NodeOperationError(context.getNode(), app.problem, { description: app.description });
	}
	return app;
}

const parameterSummary = (action: RemediationAction) =>
	action.parameters.length === 0
		? 'No parameters'
		: `Parameters: ${action.parameters.map((parameter) => parameter.name).join(', ')}`;

/** The enabled actions of the app, by display name; the value is the name the app executes. */
export async function getRemediationActions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const actions = await listRemediationActions.call(this, chosenApp(this));
	return actions
		.filter((action) => action.enabled)
		.map((action) => ({
			name: action.displayName,
			value: action.name,
			description: parameterSummary(action),
		}))
		.sort((left, right) => left.name.localeCompare(right.name));
}

/** The parameters of the chosen action, required ones marked. */
export async function getRemediationActionParameters(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const wanted = this.getCurrentNodeParameter('action');
	if (typeof wanted !== 'string' || wanted.trim() === '') return [];
	const actions = await listRemediationActions.call(this, chosenApp(this));
	const action = findRemediationAction(actions, wanted);
	return (action?.parameters ?? []).map((parameter) => ({
		name: parameter.required ? `${parameter.name} (required)` : parameter.name,
		value: parameter.name,
		description: parameter.description ?? undefined,
	}));
}
