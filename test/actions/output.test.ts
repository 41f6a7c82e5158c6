/**
 * Simplify and the tool variant's Output, without an engine: the field sets of each object, the
 * one function that resolves the parameters, and the display options n8n's editor and engine
 * apply (`@tool` is true only for a node type whose name ends in Tool).
 */
import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { titleCase } from 'title-case';

import { BigId } from '../../nodes/BigId/BigId.node';
import { outputChoiceOf } from '../../nodes/BigId/actions/output';
import { fieldDisplayName } from '../../nodes/BigId/actions/output.descriptions';
import {
	aciGroupFields,
	aciObjectFields,
	aciPermissionFields,
	aciUserFields,
} from '../../nodes/BigId/model/accessIntelligence';
import { caseFields } from '../../nodes/BigId/model/case';
import { catalogObjectFields } from '../../nodes/BigId/model/catalogObject';
import type { ObjectFields } from '../../nodes/BigId/model/fields';
import { MAX_SIMPLIFIED_FIELDS, pickFields, reduceObject } from '../../nodes/BigId/model/fields';
import { dataSourceScanFields, scanFields } from '../../nodes/BigId/model/scan';
import { userFields } from '../../nodes/BigId/model/user';
import { toolDescriptionOf } from '../harness/toolNode';

const OBJECTS: Array<[string, ObjectFields]> = [
	['case', caseFields],
	['catalog object', catalogObjectFields],
	['user', userFields],
	['scan', scanFields],
	['data source scan', dataSourceScanFields],
	['access intelligence user', aciUserFields],
	['access intelligence group', aciGroupFields],
	['access intelligence object', aciObjectFields],
	['object permission', aciPermissionFields],
];

/** The operations with Simplify, and the object each outputs. */
const OPERATIONS: Array<[string, string, ObjectFields]> = [
	['dspmCase', 'get', caseFields],
	['dspmCase', 'getMany', caseFields],
	['catalogObject', 'search', catalogObjectFields],
	['user', 'get', userFields],
	['user', 'getMany', userFields],
	['user', 'findByEmailOrName', userFields],
	['scan', 'getMany', scanFields],
	['scan', 'getManyParentScans', scanFields],
	['dataSource', 'getLastScan', dataSourceScanFields],
	['accessIntelligence', 'getManyUsers', aciUserFields],
	['accessIntelligence', 'getManyGroups', aciGroupFields],
	['accessIntelligence', 'getManyObjects', aciObjectFields],
	['accessIntelligence', 'getObjectPermissions', aciPermissionFields],
];

const nodeDescription = new BigId().description;
const toolDescription = toolDescriptionOf(nodeDescription);

/** The parameters n8n keeps of a node (defaults filled, hidden ones dropped), as the Workflow constructor does. */
function parametersOf(description: INodeTypeDescription, values: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		{ typeVersion: 1 },
		description,
	)!;
}

function displayed(
	description: INodeTypeDescription,
	values: INodeParameters,
	name: string,
): INodeProperties[] {
	return description.properties.filter(
		(property) =>
			property.name === name &&
			NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, description),
	);
}

describe.each(OBJECTS)('the %s fields', (_, objectFields) => {
	it(`simplify to at most ${MAX_SIMPLIFIED_FIELDS} of the output fields, IDs first`, () => {
		const { all, simplified } = objectFields;
		expect(simplified.length).toBeLessThanOrEqual(MAX_SIMPLIFIED_FIELDS);
		expect(simplified.length).toBeLessThan(all.length);
		expect(all).toEqual(expect.arrayContaining([...simplified]));
		expect(new Set(all).size).toBe(all.length);
		expect(simplified[0]).toMatch(/[iI]d$/);
	});

	it('have distinct Title Case names in the Fields list', () => {
		const names = objectFields.all.map(fieldDisplayName);
		expect(new Set(names).size).toBe(names.length);
		for (const name of names) expect(name).toBe(titleCase(name));
	});
});

describe('field names', () => {
	it.each([
		['id', 'ID'],
		['caseId', 'Case ID'],
		['childScanIds', 'Child Scan IDs'],
		['completed_at', 'Completed At'],
		['last_successful_login_at', 'Last Successful Login At'],
		['affectedObjectsCount', 'Affected Objects Count'],
	])('%s is shown as %s', (field, name) => expect(fieldDisplayName(field)).toBe(name));
});

describe('pickFields', () => {
	it('gives the fields in the order named, null for the missing ones, each once', () => {
		const picked = pickFields({ b: 2, a: 1, c: undefined, d: 0 }, ['a', 'c', 'x', 'a', 'd']);
		expect(Object.keys(picked)).toEqual(['a', 'c', 'x', 'd']);
		expect(picked).toEqual({ a: 1, c: null, x: null, d: 0 });
	});

	it('reads only own fields, and a __proto__ field does not change the prototype', () => {
		const picked = pickFields({ id: '1' }, ['constructor', '__proto__', 'toString']);
		expect(picked).toEqual({ constructor: null, ['__proto__']: null, toString: null });
		expect(Object.getPrototypeOf(picked)).toBe(Object.prototype);
	});

	it('each model reduces its object to its simplified fields alone', () => {
		for (const [, objectFields] of OBJECTS) {
			const object = Object.fromEntries(objectFields.all.map((field) => [field, `${field}!`]));
			expect(Object.keys(reduceObject({ ...object, extra: 1 }, objectFields))).toEqual(
				objectFields.simplified,
			);
		}
	});

	it("derives a Get Many scan's child scan IDs from its children", () => {
		const scan = { id: 's', scanChildren: [{ _id: 'c1' }, { id: 'c2' }, null] };
		expect(reduceObject(scan, scanFields).childScanIds).toEqual(['c1', 'c2']);
		expect(reduceObject({ ...scan, childScanIds: ['kept'] }, scanFields).childScanIds).toEqual([
			'kept',
		]);
		expect(reduceObject({ id: 's' }, scanFields).childScanIds).toEqual([]);
	});
});

describe('outputChoiceOf', () => {
	it.each<[string, Parameters<typeof outputChoiceOf>[0], ReturnType<typeof outputChoiceOf>]>([
		['a workflow saved before Simplify (neither parameter)', {}, { mode: 'raw' }],
		['the node, Simplify off', { output: '', simplify: false }, { mode: 'raw' }],
		['the node, Simplify on', { output: '', simplify: true }, { mode: 'simplified' }],
		['the tool, Output Raw', { output: 'raw', simplify: false }, { mode: 'raw' }],
		['the tool, Output Simplified', { output: 'simplified' }, { mode: 'simplified' }],
		[
			'the tool, Output Selected Fields',
			{ output: 'selected', fields: ['id', 'name'] },
			{ mode: 'selected', fields: ['id', 'name'] },
		],
		[
			'the tool, fields from an expression',
			{ output: 'selected', fields: 'id, name ,' },
			{ mode: 'selected', fields: ['id', 'name'] },
		],
		['Output wins over Simplify', { output: 'raw', simplify: true }, { mode: 'raw' }],
		['an Output that is none of them', { output: 'summary' }, undefined],
	])('%s', (_, parameters, choice) => expect(outputChoiceOf(parameters)).toEqual(choice));
});

describe.each(OPERATIONS)('%s > %s', (resource, operation, objectFields) => {
	const values = { resource, operation };

	it('shows Simplify in the node, off by default, and neither Output nor Fields', () => {
		const parameters = parametersOf(nodeDescription, values);
		expect(parameters.simplify).toBe(false);
		expect(parameters).not.toHaveProperty('output');
		expect(parameters).not.toHaveProperty('fields');
		expect(displayed(nodeDescription, values, 'simplify')).toHaveLength(1);
		expect(displayed(nodeDescription, { ...values, output: 'selected' }, 'fields')).toEqual([]);
	});

	it('shows the tool Output (Simplified by default), and Fields only for Selected Fields', () => {
		const parameters = parametersOf(toolDescription, values);
		expect(parameters.output).toBe('simplified');
		expect(parameters).not.toHaveProperty('simplify');
		expect(parameters).not.toHaveProperty('fields');
		const selected = parametersOf(toolDescription, { ...values, output: 'selected' });
		expect(selected.fields).toEqual([]);
		const [fields] = displayed(toolDescription, { ...values, output: 'selected' }, 'fields');
		expect(fields.options?.map((option) => (option as { value: string }).value).sort()).toEqual(
			[...objectFields.all].sort(),
		);
	});

	it('drops the values saved for the other variant, so each reads only its own', () => {
		const saved = { ...values, simplify: true, output: 'selected', fields: ['id'] };
		expect(parametersOf(nodeDescription, saved)).toMatchObject({ simplify: true });
		expect(parametersOf(nodeDescription, saved)).not.toHaveProperty('output');
		expect(parametersOf(nodeDescription, saved)).not.toHaveProperty('fields');
		const inTool = parametersOf(toolDescription, saved);
		expect(inTool).toMatchObject({ output: 'selected', fields: ['id'] });
		expect(inTool).not.toHaveProperty('simplify');
	});

	it('places Simplify after the required parameters and before the collections', () => {
		const names = nodeDescription.properties
			.filter((property) =>
				NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, nodeDescription),
			)
			.map((property) => property.name);
		const at = names.indexOf('simplify');
		const required = nodeDescription.properties.filter(
			(property) => property.required && names.includes(property.name),
		);
		for (const property of required) expect(names.indexOf(property.name)).toBeLessThan(at);
		for (const collection of ['options', 'filters']) {
			if (names.includes(collection)) expect(names.indexOf(collection)).toBeGreaterThan(at);
		}
	});
});

it('offers Simplify and Output on no other operation', () => {
	const withSimplify = nodeDescription.properties
		.filter((property) => ['simplify', 'output', 'fields'].includes(property.name))
		.map((property) => {
			const show = property.displayOptions?.show ?? {};
			return `${String(show.resource)} > ${String(show.operation)}`;
		});
	const expected = OPERATIONS.map(([resource, operation]) => `${resource} > ${operation}`);
	expect([...new Set(withSimplify)].sort()).toEqual([...expected].sort());
	expect(withSimplify).toHaveLength(expected.length * 3);
});
