import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ObjectFields } from '../model/fields';
import { reduceObject } from '../model/fields';
import { flagOf, listedValues } from '../model/object';

/** What an operation outputs of each object: all of it, its simplified fields, or the named ones. */
export type OutputChoice =
	{ mode: 'raw' } | { mode: 'simplified' } | { mode: 'selected'; fields: string[] };

/** The output parameters as read; each is undefined where the variant has no such parameter. */
export interface OutputParameters {
	/** The tool variant's Output. */
	output?: unknown;
	/** The node's Simplify. */
	simplify?: unknown;
	/** The tool variant's Fields, for Output "Selected Fields". */
	fields?: unknown;
}

/**
 * The one choice the two variants' parameters make: the tool's Output where it is given, else
 * the node's Simplify (off: raw). Undefined for an Output value that is none of the three.
 */
export function outputChoiceOf({
	output,
	simplify,
	fields,
}: OutputParameters): OutputChoice | undefined {
	if (output === undefined || output === null || output === '') {
		return flagOf(simplify) === true ? { mode: 'simplified' } : { mode: 'raw' };
	}
	if (output === 'raw' || output === 'simplified') return { mode: output };
	if (output === 'selected') return { mode: 'selected', fields: listedValues(fields) };
	return undefined;
}

/**
 * Reads Output, Simplify and Fields for one item. Only the tool variant has Output and Fields,
 * only the node Simplify: n8n leaves a parameter its display options hide out of the node's
 * parameters (a value saved for it too), and getNodeParameter then gives the fallback, so each
 * is read with one; a fallback of undefined would throw "Could not get parameter".
 */
export function readOutputChoice(this: IExecuteFunctions, itemIndex: number): OutputChoice {
	const parameters: OutputParameters = {
		output: this.getNodeParameter('output', itemIndex, ''),
		simplify: this.getNodeParameter('simplify', itemIndex, false),
		fields: this.getNodeParameter('fields', itemIndex, []),
	};
	const choice = outputChoiceOf(parameters);
	if (choice === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`Output must be simplified, raw or selected, not "${String(parameters.output)}"`,
			{ itemIndex },
		);
	}
	if (choice.mode === 'selected' && choice.fields.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No fields selected', {
			itemIndex,
			description: 'Choose at least one field in Fields, or set Output to Simplified or Raw.',
		});
	}
	return choice;
}

/** One object output as the choice says. */
export function shapeOutput(
	choice: OutputChoice,
	objectFields: ObjectFields,
	object: IDataObject,
): IDataObject {
	if (choice.mode === 'raw') return object;
	return reduceObject(
		object,
		objectFields,
		choice.mode === 'selected' ? choice.fields : objectFields.simplified,
	);
}

/** Objects output as the choice says; raw keeps the very array. */
export function shapeOutputs(
	choice: OutputChoice,
	objectFields: ObjectFields,
	objects: IDataObject[],
): IDataObject[] {
	return choice.mode === 'raw'
		? objects
		: objects.map((object) => shapeOutput(choice, objectFields, object));
}
