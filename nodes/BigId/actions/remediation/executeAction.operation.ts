import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RemediationParameterValue } from '../../api/remediation';
import { executeRemediationAction, listRemediationActions } from '../../api/remediation';
import { namesText } from '../../model/object';
import type { RemediationAction, RemediationTarget } from '../../model/remediation';
import {
	executionStatusOf,
	findRemediationAction,
	remediationTargetOf,
} from '../../model/remediation';
import { saysMayHaveHappened } from '../../transport';
import { showFor } from '../common.descriptions';
import { requireText } from '../parameters';
import { remediationAppProperties } from './remediation.descriptions';
import { readRemediationApp } from './remediation.parameters';

const APP_SETTINGS = ['appId', 'options.acceptVersion', 'options.pathPrefix'];

export const description: INodeProperties[] = [
	...remediationAppProperties('executeAction'),
	...showFor('remediation', 'executeAction', [
		{
			displayName: 'Action Name or ID',
			name: 'action',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getRemediationActions',
				loadOptionsDependsOn: APP_SETTINGS,
			},
			default: '',
			required: true,
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'An enabled action of the Remediation app; by expression, its name or display name',
		},
		{
			displayName: 'Objects',
			name: 'objects',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			placeholder: 'e.g. crm-db.public.customers',
			description:
				'The catalog objects to act on: fully qualified names, one per line, or the objects Catalog Object > Search outputs, mapped by an expression',
		},
		{
			displayName: 'Action Parameters',
			name: 'actionParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Parameter',
			description: 'What the action needs, such as the target path of Move',
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Name or ID',
							name: 'name',
							type: 'options',
							typeOptions: {
								loadOptionsMethod: 'getRemediationActionParameters',
								loadOptionsDependsOn: ['action', ...APP_SETTINGS],
							},
							default: '',
							description:
								'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. /archive/finance',
						},
					],
				},
			],
		},
	]),
];

/** The objects as given: lines of text, a list, or catalog objects; unreadable entries fail the item. */
function readTargets(this: IExecuteFunctions, itemIndex: number): RemediationTarget[] {
	const given = this.getNodeParameter('objects', itemIndex, '') as unknown;
	const entries = Array.isArray(given)
		? (given as unknown[])
		: typeof given === 'string'
			? given.split(/\r?\n/).filter((line) => line.trim() !== '')
			: [given];
	const targets = new Map<string, RemediationTarget>();
	for (const entry of entries) {
		const target = remediationTargetOf(entry);
		if (target === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`An object to act on has no fully qualified name: ${JSON.stringify(entry) ?? String(entry)}`,
				{
					itemIndex,
					description:
						'Give fully qualified names, one per line, or the objects Catalog Object > Search outputs (their fullPath is the fully qualified name).',
				},
			);
		}
		targets.set(`${target.source ?? ''}\u0000${target.fullyQualifiedName}`, target);
	}
	if (targets.size === 0) {
		throw new NodeOperationError(this.getNode(), 'No objects to act on', {
			itemIndex,
			description:
				'Give the fully qualified names of the catalog objects, one per line, or the objects Catalog Object > Search outputs, e.g. {{ $json }}.',
		});
	}
	return [...targets.values()];
}

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The parameter values as entered, by name; a value without a name fails the item. */
function readGivenParameters(
	this: IExecuteFunctions,
	itemIndex: number,
): Map<string, IDataObject[string]> {
	const entries = this.getNodeParameter(
		'actionParameters.parameter',
		itemIndex,
		[],
	) as IDataObject[];
	const given = new Map<string, IDataObject[string]>();
	for (const { name, value } of entries) {
		const parameterName = typeof name === 'string' ? name.trim() : '';
		if (parameterName === '' && isBlank(value)) continue;
		if (parameterName === '' || given.has(parameterName)) {
			throw new NodeOperationError(
				this.getNode(),
				parameterName === ''
					? 'An action parameter has a value but no name'
					: `The action parameter ${parameterName} is given twice`,
				{ itemIndex, description: 'Give each parameter of the action once, with its name.' },
			);
		}
		if (!isBlank(value)) given.set(parameterName, typeof value === 'string' ? value.trim() : value);
	}
	return given;
}

const namesOf = (actions: RemediationAction[]) =>
	namesText(actions.map((action) => action.displayName));

/** The enabled action the user named; an unknown or disabled one fails before anything is sent. */
function chooseAction(
	this: IExecuteFunctions,
	actions: RemediationAction[],
	wanted: string,
	itemIndex: number,
): RemediationAction {
	const enabled = actions.filter((action) => action.enabled);
	const action = findRemediationAction(actions, wanted);
	if (action === undefined) {
		throw new NodeOperationError(this.getNode(), `The Remediation app has no action "${wanted}"`, {
			itemIndex,
			description: `Choose one of its enabled actions: ${namesOf(enabled)} (Remediation > Get Actions lists them).`,
		});
	}
	if (!action.enabled) {
		throw new NodeOperationError(
			this.getNode(),
			`The Remediation action "${action.displayName}" is disabled in BigID`,
			{
				itemIndex,
				description: `Enable it in the Remediation app's settings in BigID, or choose an enabled action: ${namesOf(enabled)}.`,
			},
		);
	}
	return action;
}

/** The values to send: every required parameter given, no parameter the action does not have. */
function actionParamsOf(
	this: IExecuteFunctions,
	action: RemediationAction,
	given: Map<string, IDataObject[string]>,
	itemIndex: number,
): RemediationParameterValue[] {
	const known = namesText(action.parameters.map((parameter) => parameter.name));
	const unknown = [...given.keys()].find(
		(name) => !action.parameters.some((parameter) => parameter.name === name),
	);
	if (unknown !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The action ${action.displayName} has no parameter ${unknown}`,
			{ itemIndex, description: `Its parameters: ${known}.` },
		);
	}
	const missing = action.parameters.filter(
		(parameter) => parameter.required && !given.has(parameter.name),
	);
	if (missing.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`The action ${action.displayName} needs the parameter${missing.length > 1 ? 's' : ''} ${missing.map((parameter) => parameter.name).join(', ')}`,
			{ itemIndex, description: `Add it under Action Parameters. Its parameters: ${known}.` },
		);
	}
	return [...given].map(([paramName, paramValue]) => ({ paramName, paramValue }));
}

/** A lost answer points at where to see whether the action ran, so nobody runs it twice. */
function withExecutionAdvice(error: unknown): unknown {
	if (error instanceof NodeApiError && saysMayHaveHappened(error)) {
		error.description =
			`${error.description ?? ''} The action may have happened: check Remediation > Get Execution or the Remediation app's audit trail in BigID before running it again.`.trim();
	}
	return error;
}

/**
 * Runs one action on the objects, once: the execute request is never sent again after it may
 * have reached BigID (only a 429, which BigID refused, is retried), and a lost answer says the
 * action may have happened.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const app = readRemediationApp.call(this, itemIndex);
	const wanted = requireText.call(this, this.getNodeParameter('action', itemIndex), itemIndex, {
		message: 'No remediation action given',
		description:
			'Choose an action from the list, or give its name (Remediation > Get Actions lists them).',
	});
	const targets = readTargets.call(this, itemIndex);
	const given = readGivenParameters.call(this, itemIndex);
	const actions = await listRemediationActions.call(this, app, itemIndex);
	const action = chooseAction.call(this, actions, wanted, itemIndex);
	const actionParams = actionParamsOf.call(this, action, given, itemIndex);
	let answer: IDataObject;
	try {
		answer = await executeRemediationAction.call(
			this,
			app,
			{ actionName: action.name, actionParams, objects: targets },
			itemIndex,
		);
	} catch (error) {
		throw withExecutionAdvice(error);
	}
	return {
		executionId: answer.executionId ?? answer.id ?? null,
		action: action.name,
		status: executionStatusOf(answer),
		objects: targets.map((target) => target.fullyQualifiedName),
		...(typeof answer.message === 'string' ? { message: answer.message } : {}),
	};
}
