import { LoadOptionsContext } from 'n8n-core';
import type { INodeParameters } from 'n8n-workflow';

import { BigId } from '../../nodes/BigId/BigId.node';
import { REMEDIATION_APP_ID } from '../../sandbox/entities/remediation/model';
import { remediationApi } from '../../sandbox/entities/remediation/routes';
import { runNode } from '../harness/actionNode';
import { additionalDataFor, buildWorkflow } from '../harness/engine';
import { jsonOf } from '../harness/items';
import type { SandboxSession } from '../harness/sandbox';
import { useSandboxSession } from '../harness/sandbox';

const APP = '/api/v1/proxy/tpa/api/:appId';
const ACTIONS_ROUTE = `GET ${APP}/settings/actions`;
const EXECUTE_ROUTE = `POST ${APP}/execute`;
const AUDIT_ROUTE = `GET ${APP}/settings/sync-audit-trail/:executionId`;

const ENABLED_ACTIONS = [
	'Archive',
	'Assign',
	'Create ServiceNow Ticket',
	'Delete',
	'Encrypt',
	'False Positive',
	'Mark for Deletion',
	'Mask',
	'Move',
	'Request Exception',
	'Request Temporary Exception',
	'Restore',
	'Revoke External Access',
	'Revoke Open Access',
	'Tombstone',
];

/** What the editor hands a dropdown of the node: its parameters as they are now. */
function dropdownContext(session: SandboxSession, parameters: INodeParameters, path: string) {
	const workflow = buildWorkflow([{ name: 'BigID', parameters }]);
	const node = workflow.getNode('BigID')!;
	const additionalData = additionalDataFor(session.credentials);
	additionalData.currentNodeParameters = node.parameters;
	return new LoadOptionsContext(workflow, node, additionalData, `parameters.${path}`);
}

const remediation = (session: SandboxSession) => session.sandbox.store.model(remediationApi);

const run = async (
	session: SandboxSession,
	operation: string,
	parameters: INodeParameters,
	input?: Parameters<typeof runNode>[3],
) =>
	await runNode(
		session.credentials,
		'remediation',
		{ operation, appId: REMEDIATION_APP_ID, ...parameters },
		input,
	);

const execute = async (
	session: SandboxSession,
	action: string,
	objects: string,
	parameters: Array<{ name: string; value: string }> = [],
	input?: Parameters<typeof runNode>[3],
) =>
	await run(
		session,
		'executeAction',
		{ action, objects, actionParameters: { parameter: parameters } },
		input,
	);

describe('Remediation > Get Actions', () => {
	const session = useSandboxSession();

	it('outputs the enabled actions only, each with its parameters', async () => {
		const { items, error } = await run(session, 'getActions', {});
		expect(error).toBeUndefined();
		const actions = jsonOf(items);
		expect(actions.map((action) => action.displayName).sort()).toEqual(ENABLED_ACTIONS);
		expect(actions.every((action) => action.enabled === true)).toBe(true);
		expect(actions.find((action) => action.name === 'move')).toEqual({
			name: 'move',
			displayName: 'Move',
			enabled: true,
			type: 'OBJECT',
			dataSourceTypes: ['gdrive-v2', 'sharepoint-online-v2', 'onedrive-v2', 's3-v2', 'smb'],
			parameters: [
				{
					name: 'targetDataSource',
					description: 'Data source to move the object to',
					required: true,
					type: 'String',
					options: [],
				},
				{
					name: 'targetPath',
					description: 'Folder in the target data source',
					required: true,
					type: 'String',
					options: [],
				},
			],
		});
	});

	it('outputs the disabled ones too with Include Disabled', async () => {
		const { items } = await run(session, 'getActions', { options: { includeDisabled: true } });
		const disabled = jsonOf(items).filter((action) => action.enabled === false);
		expect(disabled.map((action) => action.displayName)).toEqual(['Revoke All Company']);
		expect(items).toHaveLength(ENABLED_ACTIONS.length + 1);
	});

	it("sends the Accept-version header, which BigID's app proxy refuses a request without", async () => {
		const { sandbox } = session;
		const { error } = await run(session, 'getActions', { options: { acceptVersion: 'v1' } });
		expect(error).toBeUndefined();
		// The same token, the same check: only the header is missing.
		const token = sandbox.issuedTokens[sandbox.issuedTokens.length - 1];
		const refused = await fetch(
			`${sandbox.url}/api/v1/proxy/tpa/api/${REMEDIATION_APP_ID}/settings/actions`,
			{ headers: { Authorization: token } },
		);
		expect(refused.status).toBe(400);
		expect(await refused.json()).toEqual({ error: 'Accept-version header is required' });
	});

	it('needs an App ID and an Accept Version before any request', async () => {
		const requests = session.sandbox.stats.requests;
		const noApp = await run(session, 'getActions', { appId: ' ' });
		expect(noApp.error?.message).toBe('App ID is empty');
		expect(noApp.error?.description).toMatch(/Administration > Applications Management/);
		const noVersion = await run(session, 'getActions', { options: { acceptVersion: ' ' } });
		expect(noVersion.error?.message).toBe('Accept Version is empty');
		expect(session.sandbox.stats.requests).toBe(requests);
	});

	it('names the App ID and the installation for an unknown App ID', async () => {
		const { error } = await run(session, 'getActions', { appId: 'ffffffffffffffffffffffff' });
		expect(error?.message).toBe(
			'This BigID version does not offer the Remediation app API at /api/v1/proxy/tpa/api/ffffffffffffffffffffffff (GET /api/v1/proxy/tpa/api/ffffffffffffffffffffffff/settings/actions answered 404)',
		);
		expect(error?.description).toMatch(
			/^Check the App ID: .*Administration > Applications Management\. Check that the Remediation app is installed/,
		);
	});

	it('takes another path prefix, written with or without /api/v1', async () => {
		const { error } = await run(session, 'getActions', {
			options: { pathPrefix: '/api/v1/proxy/tpa/api/' },
		});
		expect(error).toBeUndefined();
		const moved = await run(session, 'getActions', { options: { pathPrefix: 'apps/proxy' } });
		expect(moved.error?.message).toMatch(
			/^This BigID version does not offer the Remediation app API at \/api\/v1\/apps\/proxy\/6601/,
		);
	});
});

describe('Remediation > Execute Action', () => {
	const session = useSandboxSession();
	const writes = () => session.sandbox.stats.writes[EXECUTE_ROUTE] ?? 0;

	it('runs the action once per item on the objects and outputs the execution', async () => {
		const { sandbox } = session;
		const { items, error } = await execute(
			session,
			'revokeOpenAccess',
			'={{ $json.path }}\nshared-drive/finance/salaries.xlsx',
			[],
			[{ path: 'shared-drive/finance/q1.xlsx' }, { path: 'shared-drive/finance/q2.xlsx' }],
		);
		expect(error).toBeUndefined();
		const executions = remediation(session).executions;
		expect(jsonOf(items)).toEqual(
			executions.map((execution) => ({
				executionId: execution.executionId,
				action: 'revokeOpenAccess',
				status: 'COMPLETED',
				objects: execution.objects.map((object) => object.fullyQualifiedName),
				message: 'revokeOpenAccess done on 2 objects',
			})),
		);
		expect(executions.map((execution) => execution.objects)).toEqual(
			['q1', 'q2'].map((quarter) => [
				{
					fullyQualifiedName: `shared-drive/finance/${quarter}.xlsx`,
					source: null,
					status: 'COMPLETED',
					message: 'Revoke Open Access done',
				},
				{
					fullyQualifiedName: 'shared-drive/finance/salaries.xlsx',
					source: null,
					status: 'COMPLETED',
					message: 'Revoke Open Access done',
				},
			]),
		);
		expect(writes()).toBe(2);
		// The actions are read once for the whole run.
		expect(sandbox.stats.byRoute[ACTIONS_ROUTE]).toBe(1);
	});

	it('takes the action by display name and the catalog object as Catalog Object > Search outputs it', async () => {
		const { items, error } = await execute(
			session,
			'={{ "Move" }}',
			'={{ $json }}',
			[
				{ name: 'targetDataSource', value: 'archive-bucket' },
				{ name: 'targetPath', value: '={{ "/quarantine/" + $json.name }}' },
			],
			[{ id: 'x', name: 'salaries.xlsx', fullPath: 'finance/salaries.xlsx', source: 'gdrive' }],
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ action: 'move', status: 'COMPLETED' });
		const [stored] = remediation(session).executions;
		expect(stored).toMatchObject({
			executionId: items[0].json.executionId,
			actionName: 'move',
			actionParams: [
				{ paramName: 'targetDataSource', paramValue: 'archive-bucket' },
				{ paramName: 'targetPath', paramValue: '/quarantine/salaries.xlsx' },
			],
			objects: [{ fullyQualifiedName: 'finance/salaries.xlsx', source: 'gdrive' }],
		});
	});

	it('lists the enabled actions in its dropdown, and the parameters of the chosen one', async () => {
		const parameters = {
			resource: 'remediation',
			operation: 'executeAction',
			appId: REMEDIATION_APP_ID,
		};
		const methods = new BigId().methods.loadOptions;
		const actions = await methods.getRemediationActions.call(
			dropdownContext(session, parameters, 'action'),
		);
		expect(actions.map((action) => action.name)).toEqual(ENABLED_ACTIONS);
		expect(actions.find((action) => action.name === 'Move')).toEqual({
			name: 'Move',
			value: 'move',
			description: 'Parameters: targetDataSource, targetPath',
		});
		const ofTombstone = await methods.getRemediationActionParameters.call(
			dropdownContext(
				session,
				{ ...parameters, action: 'tombstone' },
				'actionParameters.parameter[0].name',
			),
		);
		expect(ofTombstone).toEqual([
			{
				name: 'tombstoneMessage (required)',
				value: 'tombstoneMessage',
				description: 'What the placeholder says',
			},
		]);
	});

	it('refuses an unknown action, a disabled one, a missing or unknown parameter: nothing executed', async () => {
		const cases: Array<[string, Array<{ name: string; value: string }>, string]> = [
			['quarantine', [], 'The Remediation app has no action "quarantine"'],
			[
				'Revoke All Company',
				[],
				'The Remediation action "Revoke All Company" is disabled in BigID',
			],
			[
				'move',
				[{ name: 'targetDataSource', value: 'archive' }],
				'The action Move needs the parameter targetPath',
			],
			['tombstone', [], 'The action Tombstone needs the parameter tombstoneMessage'],
			[
				'restore',
				[{ name: 'targetPath', value: '/x' }],
				'The action Restore has no parameter targetPath',
			],
		];
		for (const [action, parameters, message] of cases) {
			const { error } = await execute(session, action, 'finance/salaries.xlsx', parameters);
			expect(error?.message).toBe(message);
		}
		expect(writes()).toBe(0);
		expect(session.sandbox.stats.byRoute[EXECUTE_ROUTE]).toBeUndefined();
	});

	it('names the enabled actions when the chosen one is unknown', async () => {
		const { error } = await execute(session, 'quarantine', 'finance/salaries.xlsx');
		expect(error?.description).toBe(
			`Choose one of its enabled actions: ${[
				...remediation(session).workflowActions,
				...remediation(session).annotationActions,
			]
				.filter((action) => action.isEnabled)
				.map((action) => action.displayName)
				.sort((left, right) => left.localeCompare(right))
				.join(', ')} (Remediation > Get Actions lists them).`,
		);
	});

	it('needs an action, objects and named parameters before any request', async () => {
		const requests = session.sandbox.stats.requests;
		const cases: Array<[string, string, Array<{ name: string; value: string }>, string]> = [
			['={{ " " }}', 'finance/salaries.xlsx', [], 'No remediation action given'],
			['revokeOpenAccess', ' \n ', [], 'No objects to act on'],
			[
				'revokeOpenAccess',
				'={{ { name: "no path" } }}',
				[],
				'An object to act on has no fully qualified name: {"name":"no path"}',
			],
			[
				'move',
				'a/b',
				[{ name: '', value: 'archive' }],
				'An action parameter has a value but no name',
			],
			[
				'move',
				'a/b',
				[
					{ name: 'targetPath', value: '/x' },
					{ name: 'targetPath', value: '/y' },
				],
				'The action parameter targetPath is given twice',
			],
		];
		for (const [action, objects, parameters, message] of cases) {
			const { error } = await execute(session, action, objects, parameters);
			expect(error?.message).toBe(message);
		}
		expect(session.sandbox.stats.requests).toBe(requests);
	});

	it('reports a lost answer as "may have happened" and never sends the action again', async () => {
		const { sandbox } = session;
		sandbox.faults.inject({ route: EXECUTE_ROUTE, kind: 'drop', afterHandling: true });
		const { error } = await execute(session, 'revokeOpenAccess', 'finance/salaries.xlsx');
		expect(error?.description).toMatch(/may have happened/);
		expect(error?.description).toMatch(
			/The action may have happened: check Remediation > Get Execution or the Remediation app's audit trail in BigID before running it again\.$/,
		);
		expect(sandbox.stats.byRoute[EXECUTE_ROUTE]).toBe(1);
		expect(remediation(session).executionsOf('finance/salaries.xlsx')).toBe(1);
	});

	it('sends the action again only after BigID refused it with 429, and executes it once', async () => {
		const { sandbox } = session;
		sandbox.faults.inject({ route: EXECUTE_ROUTE, kind: '429' });
		const { error } = await execute(session, 'revokeOpenAccess', 'finance/salaries.xlsx');
		expect(error).toBeUndefined();
		expect(sandbox.stats.byRoute[EXECUTE_ROUTE]).toBe(2);
		expect(writes()).toBe(1);
	});

	it('fails on an unknown App ID with the same advice, nothing executed', async () => {
		const { error } = await run(session, 'executeAction', {
			appId: 'not-installed',
			action: 'revokeOpenAccess',
			objects: 'finance/salaries.xlsx',
		});
		expect(error?.message).toMatch(
			/^This BigID version does not offer the Remediation app API at \/api\/v1\/proxy\/tpa\/api\/not-installed/,
		);
		expect(error?.description).toMatch(/^Check the App ID/);
		expect(writes()).toBe(0);
	});
});

describe('Remediation > Get Execution', () => {
	const session = useSandboxSession();

	it('reads an execution back with its audit trail', async () => {
		const executed = await execute(session, 'tombstone', 'finance/salaries.xlsx', [
			{ name: 'tombstoneMessage', value: 'Moved to the vault' },
		]);
		const { executionId } = executed.items[0].json;
		const { items, error } = await run(
			session,
			'getExecution',
			{
				executionId: '={{ $json.executionId }}',
			},
			[{ executionId }],
		);
		expect(error).toBeUndefined();
		const [stored] = remediation(session).executions;
		expect(items[0].json).toEqual({
			executionId,
			action: 'tombstone',
			status: 'COMPLETED',
			objects: stored.objects,
			actionParams: [{ paramName: 'tombstoneMessage', paramValue: 'Moved to the vault' }],
			createdAt: stored.createdAt,
		});
		expect(session.sandbox.stats.byRoute[AUDIT_ROUTE]).toBe(1);
	});

	it('says which execution the app does not have, and needs an ID before any request', async () => {
		const { error } = await run(session, 'getExecution', {
			executionId: 'ffffffffffffffffffffffff',
		});
		expect(error?.message).toBe('The Remediation app has no execution ffffffffffffffffffffffff');
		const requests = session.sandbox.stats.requests;
		const blank = await run(session, 'getExecution', { executionId: ' ' });
		expect(blank.error?.message).toBe('Execution ID is empty');
		expect(session.sandbox.stats.requests).toBe(requests);
	});

	it('reads an audit trail answered as a bare list of entries', async () => {
		session.sandbox.transformAnswer = (route, answer) =>
			route === AUDIT_ROUTE
				? {
						status: 200,
						json: [
							{ actionName: 'mask', fullyQualifiedName: 'a/b', status: 'COMPLETED' },
							{ actionName: 'mask', fullyQualifiedName: 'a/c', status: 'COMPLETED' },
						],
					}
				: answer;
		const { items } = await run(session, 'getExecution', { executionId: 'e-1' });
		expect(items[0].json).toMatchObject({
			executionId: 'e-1',
			action: 'mask',
			status: 'COMPLETED',
		});
		expect(items[0].json.objects).toHaveLength(2);
	});
});

describe('Remediation on a BigID without the Remediation app', () => {
	const session = useSandboxSession({ remediationApp: false });

	const actionsRoute = ACTIONS_ROUTE.replace(':appId', REMEDIATION_APP_ID);
	it.each([
		['getActions', {}, actionsRoute],
		['executeAction', { action: 'revokeOpenAccess', objects: 'a/b' }, actionsRoute],
		// The missing audit trail sends it to the actions, which are missing too.
		['getExecution', { executionId: 'e-1' }, actionsRoute],
	])('%s says this BigID does not offer the app', async (operation, parameters, route) => {
		const { error } = await run(session, operation, parameters);
		expect(error?.message).toBe(
			`This BigID version does not offer the Remediation app API at /api/v1/proxy/tpa/api/${REMEDIATION_APP_ID} (${route} answered 404)`,
		);
		expect(error?.description).toMatch(/^Check the App ID.*Remediation app is installed/);
		expect(session.sandbox.stats.writes).toEqual({});
	});
});
