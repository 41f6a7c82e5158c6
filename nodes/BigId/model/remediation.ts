import type { IDataObject } from 'n8n-workflow';

import { flagOf, isRecord, sameText } from './object';

/**
 * BigID's Remediation app: the actions it offers (revoke open access, move, tombstone...), what
 * each needs, and what became of an execution. Its answers are known from BigID's agent tools
 * only (docs/bigid-api.md, part 2), so every field is read in each spelling BigID's app
 * framework uses: camelCase on the wire, snake_case in app manifests.
 */

export interface RemediationParameter extends IDataObject {
	name: string;
	description: string | null;
	required: boolean;
	type: string | null;
	/** The values a selection parameter takes, when the app lists them. */
	options: string[];
}

export interface RemediationAction extends IDataObject {
	/** What the execute request names the action by. */
	name: string;
	displayName: string;
	enabled: boolean;
	/** BigID's action type (WORKFLOW, ANNOTATION, OBJECT, ...), when the app tells it. */
	type: string | null;
	/** The data source types the action works on (`dsSupportedTypes`); empty when any. */
	dataSourceTypes: string[];
	parameters: RemediationParameter[];
}

const first = (...values: unknown[]) =>
	values.find((value) => value !== undefined && value !== null && value !== '');

const textOf = (value: unknown): string | null =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : null;

const textsOf = (value: unknown): string[] =>
	Array.isArray(value) ? value.map(textOf).filter((text): text is string => text !== null) : [];

function parameterOf(entry: unknown): RemediationParameter | undefined {
	if (!isRecord(entry)) return undefined;
	const name = textOf(first(entry.paramName, entry.param_name, entry.name));
	if (name === null) return undefined;
	return {
		name,
		description: textOf(first(entry.paramDescription, entry.param_description, entry.description)),
		required:
			flagOf(first(entry.isMandatory, entry.is_mandatory, entry.mandatory, entry.required)) ??
			false,
		type: textOf(first(entry.paramType, entry.param_type, entry.type)),
		options: textsOf(first(entry.inputItems, entry.input_items, entry.options)),
	};
}

/**
 * One action of the app. An action without an enabled flag counts as enabled: the app lists it
 * and nothing says it is off (the live answer always carries `isEnabled`).
 */
function remediationActionOf(entry: IDataObject): RemediationAction | undefined {
	const name = textOf(first(entry.name, entry.actionName, entry.action_id, entry.id));
	if (name === null) return undefined;
	const parameters = first(entry.actionParams, entry.action_params, entry.params, entry.parameters);
	return {
		name,
		displayName:
			textOf(first(entry.displayName, entry.friendlyName, entry.friendly_name, entry.label)) ??
			name,
		enabled: flagOf(first(entry.isEnabled, entry.is_enabled, entry.enabled)) ?? true,
		type: textOf(first(entry.actionType, entry.action_type, entry.type)),
		dataSourceTypes: textsOf(first(entry.dsSupportedTypes, entry.ds_supported_types)),
		parameters: (Array.isArray(parameters) ? parameters : [])
			.map(parameterOf)
			.filter((parameter): parameter is RemediationParameter => parameter !== undefined),
	};
}

/**
 * The app's actions, whichever list they come in: `workflowActions` and `annotationActions` (the
 * live answer), `actions`, or a bare list.
 */
export function remediationActionsOf(content: IDataObject): RemediationAction[] {
	const lists = [
		content.workflowActions,
		content.annotationActions,
		content.actions,
		content.items,
	];
	return lists
		.flatMap((list) => (Array.isArray(list) ? list : []))
		.filter(isRecord)
		.map(remediationActionOf)
		.filter((action): action is RemediationAction => action !== undefined);
}

/** The action a user named by its name or its display name, ignoring case. */
export function findRemediationAction(
	actions: readonly RemediationAction[],
	wanted: string,
): RemediationAction | undefined {
	return (
		actions.find((action) => action.name === wanted.trim()) ??
		actions.find((action) => sameText(action.name, wanted) || sameText(action.displayName, wanted))
	);
}

/** What one execution acts on: a catalog object by its fully qualified name, with its data source. */
export interface RemediationTarget extends IDataObject {
	fullyQualifiedName: string;
	source: string | null;
}

/**
 * A target from a fully qualified name, or from a catalog object as Catalog Object > Search
 * outputs it (`fullPath`, `source`) or BigID's catalog answers it (`fullyQualifiedName`).
 */
export function remediationTargetOf(value: unknown): RemediationTarget | undefined {
	if (typeof value === 'string') {
		const name = value.trim();
		return name === '' ? undefined : { fullyQualifiedName: name, source: null };
	}
	if (!isRecord(value)) return undefined;
	const name = textOf(first(value.fullyQualifiedName, value.fullPath, value.fully_qualified_name));
	if (name === null || name.trim() === '') return undefined;
	return {
		fullyQualifiedName: name.trim(),
		source: textOf(first(value.source, value.system, value.dataSourceName)),
	};
}

/** An execution's status as the app framework spells it (IN_PROGRESS, COMPLETED, ERROR), or null. */
export function executionStatusOf(content: IDataObject): string | null {
	return textOf(first(content.status, content.statusEnum, content.state, content.executionStatus));
}

/**
 * An execution read back from the app's audit trail, whatever its shape: the execution itself
 * with its objects (`objects`, `auditTrail`, `results`, `entries`), or a bare list of entries.
 */
export function remediationExecutionOf(content: IDataObject, executionId: string): IDataObject {
	if (Array.isArray(content.items)) {
		const entries = content.items.filter(isRecord);
		const statuses = [...new Set(entries.map(executionStatusOf).filter(Boolean))];
		return {
			executionId,
			action:
				textOf(first(...entries.map((entry) => first(entry.actionName, entry.action)))) ?? null,
			status: statuses.length === 1 ? statuses[0] : null,
			objects: entries,
		};
	}
	const { objects, auditTrail, results, entries, actionName, ...rest } = content;
	return {
		...rest,
		executionId: textOf(first(content.executionId, content.id, content._id)) ?? executionId,
		action: textOf(first(actionName, content.action)) ?? null,
		status: executionStatusOf(content),
		objects: first(objects, auditTrail, results, entries) ?? [],
	};
}
