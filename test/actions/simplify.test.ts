/**
 * Simplify (the node) and Output (its AI tool variant) through n8n-core's engine against the
 * sandbox: off, every operation's output is what it was before the parameters existed; on, each
 * object has exactly its model's simplified fields; the tool gives raw, simplified or the
 * selected fields; every item stays paired with its input item.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { caseFields } from '../../nodes/BigId/model/case';
import { catalogObjectFields } from '../../nodes/BigId/model/catalogObject';
import type { ObjectFields } from '../../nodes/BigId/model/fields';
import { dataSourceScanFields, scanFields } from '../../nodes/BigId/model/scan';
import { userFields } from '../../nodes/BigId/model/user';
import type { Sandbox } from '../../sandbox';
import { casesApi } from '../../sandbox/entities/cases/routes';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { runWorkflow } from '../harness/engine';
import { byId, byName, jsonOf } from '../harness/items';
import { startSandboxSession } from '../harness/sandbox';
import { BIGID_TOOL_NODE_TYPE } from '../harness/toolNode';

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;

// Every operation here only reads: one sandbox serves the whole file.
beforeAll(async () => ({ sandbox, credentials } = await startSandboxSession({ cases: 12 })));
afterAll(async () => await sandbox?.close());

interface OperationSpec {
	label: string;
	resource: string;
	objectFields: ObjectFields;
	/** The operation's parameters, once the sandbox is up. */
	parameters: () => INodeParameters;
	/** Fields the operation adds to each object, kept by every output choice. */
	extra?: IDataObject;
}

const OPERATIONS: OperationSpec[] = [
	{
		label: 'DSPM Case > Get Many',
		resource: 'dspmCase',
		objectFields: caseFields,
		parameters: () => ({ operation: 'getMany', limit: 3 }),
	},
	{
		label: 'DSPM Case > Get',
		resource: 'dspmCase',
		objectFields: caseFields,
		parameters: () => ({
			operation: 'get',
			case: byId(sandbox.store.model(casesApi).cases[2]._id),
		}),
	},
	{
		label: 'Catalog Object > Search',
		resource: 'catalogObject',
		objectFields: catalogObjectFields,
		parameters: () => ({ operation: 'search', limit: 3 }),
	},
	{
		label: 'User > Get',
		resource: 'user',
		objectFields: userFields,
		parameters: () => ({ operation: 'get', user: byId(sandbox.store.users[1].id) }),
	},
	{
		label: 'User > Get Many',
		resource: 'user',
		objectFields: userFields,
		parameters: () => ({ operation: 'getMany', limit: 3 }),
	},
	{
		label: 'User > Find by Email or Name',
		resource: 'user',
		objectFields: userFields,
		parameters: () => ({
			operation: 'findByEmailOrName',
			searchValue: String(sandbox.store.users[2].email),
		}),
		extra: { found: true },
	},
	{
		label: 'Scan > Get Many',
		resource: 'scan',
		objectFields: scanFields,
		parameters: () => ({ operation: 'getMany', limit: 3 }),
	},
	{
		label: 'Scan > Get Many Parent Scans',
		resource: 'scan',
		objectFields: scanFields,
		parameters: () => ({ operation: 'getManyParentScans', limit: 3 }),
	},
	{
		label: 'Data Source > Get Last Scan',
		resource: 'dataSource',
		objectFields: dataSourceScanFields,
		parameters: () => ({
			operation: 'getLastScan',
			dataSourceName: byName(sandbox.store.dataSources[0].name),
		}),
	},
];

/** Two input items, so that pairing is seen to follow the item, not only item 0. */
const INPUT = [{ n: 0 }, { n: 1 }];

async function run(spec: OperationSpec, parameters: INodeParameters, tool = false) {
	const result = await runWorkflow({
		credentials,
		nodes: [
			{
				type: tool ? BIGID_TOOL_NODE_TYPE : undefined,
				parameters: { resource: spec.resource, ...spec.parameters(), ...parameters },
			},
		],
		input: INPUT,
	});
	expect(result.error).toBeUndefined();
	expect(result.items.length).toBeGreaterThanOrEqual(INPUT.length);
	return result.items;
}

/** Each item paired with the input item it came from, in input order, half of them each. */
function expectPaired(items: INodeExecutionData[]) {
	const perInput = items.length / INPUT.length;
	expect(items.map((item) => item.pairedItem)).toEqual(
		items.map((_, index) => ({ item: Math.floor(index / perInput) })),
	);
}

/** What a field of a reduced object holds: the raw value, null where the raw object lacks it. */
function expectReducedFrom(raw: IDataObject, reduced: IDataObject, fields: readonly string[]) {
	for (const field of fields) {
		if (field === 'childScanIds' && raw.childScanIds === undefined) {
			// Get Many's scans carry their children, not their IDs: Simplified gives the IDs.
			const children = (raw.scanChildren ?? []) as IDataObject[];
			expect(reduced.childScanIds).toEqual(children.map((child) => child._id));
		} else {
			expect(reduced[field]).toEqual(raw[field] ?? null);
		}
	}
}

describe.each(OPERATIONS)('$label', (spec) => {
	const { objectFields, extra = {} } = spec;
	const extraKeys = Object.keys(extra);

	it('without Simplify, or with it off, outputs the raw objects unchanged', async () => {
		const saved = await run(spec, {});
		const off = await run(spec, { simplify: false });
		expect(jsonOf(off)).toEqual(jsonOf(saved));
		// Output and Fields are the tool's: saved on the node, n8n drops them.
		const toolValues = await run(spec, { output: 'selected', fields: ['id'] });
		expect(jsonOf(toolValues)).toEqual(jsonOf(saved));
		expectPaired(saved);
		for (const item of saved) {
			expect(Object.keys(item.json).length).toBeGreaterThan(objectFields.simplified.length);
			expect(item.json).toMatchObject(extra);
		}
	});

	it('with Simplify on, outputs exactly the simplified fields of each object', async () => {
		const raw = jsonOf(await run(spec, {}));
		const simplified = await run(spec, { simplify: true });
		expect(simplified).toHaveLength(raw.length);
		expectPaired(simplified);
		for (const [index, { json }] of simplified.entries()) {
			expect(Object.keys(json)).toEqual([...objectFields.simplified, ...extraKeys]);
			expect(Object.keys(json).length).toBeLessThanOrEqual(10);
			expectReducedFrom(raw[index], json, objectFields.simplified);
			expect(json).toMatchObject(extra);
		}
	});

	it('as a tool, outputs simplified by default, raw, or the selected fields', async () => {
		const raw = jsonOf(await run(spec, {}));

		const byDefault = await run(spec, {}, true);
		expectPaired(byDefault);
		for (const { json } of byDefault) {
			expect(Object.keys(json)).toEqual([...objectFields.simplified, ...extraKeys]);
		}

		const asRaw = await run(spec, { output: 'raw' }, true);
		expect(jsonOf(asRaw)).toEqual(raw);
		expectPaired(asRaw);

		// Simplify is the node's: saved on the tool, n8n drops it and Output decides.
		expect(jsonOf(await run(spec, { output: 'raw', simplify: true }, true))).toEqual(raw);

		const fields = [objectFields.all[1], objectFields.all[0], objectFields.all.at(-1)!];
		const selected = await run(spec, { output: 'selected', fields }, true);
		expectPaired(selected);
		for (const [index, { json }] of selected.entries()) {
			expect(Object.keys(json)).toEqual([...fields, ...extraKeys]);
			expectReducedFrom(raw[index], json, fields);
		}
	});
});

describe('Output as a tool', () => {
	const [caseList] = OPERATIONS;

	it('fails before any request when Selected Fields names no field, or Output is unknown', async () => {
		const cases: Array<[INodeParameters, string]> = [
			[{ output: 'selected', fields: [] }, 'No fields selected'],
			[{ output: '={{ "summary" }}' }, 'Output must be simplified, raw or selected'],
		];
		for (const [parameters, message] of cases) {
			sandbox.resetStats();
			const { error } = await runWorkflow({
				credentials,
				nodes: [
					{
						type: BIGID_TOOL_NODE_TYPE,
						parameters: { resource: 'dspmCase', ...caseList.parameters(), ...parameters },
					},
				],
			});
			expect(error?.message).toContain(message);
			expect(sandbox.stats.requests).toBe(0);
		}
	});
});
