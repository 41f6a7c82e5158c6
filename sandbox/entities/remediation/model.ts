import type { SandboxClock } from '../../clock';
import type { ModelServices } from '../../entity';
import type { ObjectIdFactory } from '../../random';

/** The ID the sandbox's Remediation app is installed under (Administration > Applications Management). */
export const REMEDIATION_APP_ID = '6601d0e5c0ffee0000a11d01';

export interface SandboxRemediationParameter {
	paramName: string;
	paramType: 'String' | 'Date';
	paramDescription: string;
	isMandatory: boolean;
}

export interface SandboxRemediationAction {
	name: string;
	displayName: string;
	actionType: string;
	isEnabled: boolean;
	dsSupportedTypes?: string[];
	actionParams: SandboxRemediationParameter[];
}

export interface SandboxExecutionObject {
	fullyQualifiedName: string;
	source: string | null;
	status: 'COMPLETED';
	message: string;
}

export interface SandboxExecution {
	executionId: string;
	actionName: string;
	actionParams: Array<{ paramName: string; paramValue: unknown }>;
	status: 'COMPLETED';
	createdAt: string;
	objects: SandboxExecutionObject[];
}

const parameter = (
	paramName: string,
	paramDescription: string,
	isMandatory = true,
	paramType: SandboxRemediationParameter['paramType'] = 'String',
): SandboxRemediationParameter => ({ paramName, paramType, paramDescription, isMandatory });

const REASON = parameter('reason', 'Why, for the audit trail');
const FILE_STORES = ['gdrive-v2', 'sharepoint-online-v2', 'onedrive-v2', 's3-v2', 'smb'];

const action = (
	name: string,
	displayName: string,
	actionType: string,
	actionParams: SandboxRemediationParameter[] = [],
	extra: Partial<SandboxRemediationAction> = {},
): SandboxRemediationAction => ({
	name,
	displayName,
	actionType,
	isEnabled: true,
	actionParams,
	...extra,
});

/**
 * The actions seen on a live tenant (docs/bigid-api.md, part 2): Revoke All Company is listed and
 * switched off there, as here.
 */
const WORKFLOW_ACTIONS: ReadonlyArray<SandboxRemediationAction> = [
	action('assign', 'Assign', 'USER', [parameter('assignee', 'E-mail of the BigID user')]),
	action('createServiceNowTicket', 'Create ServiceNow Ticket', 'EXTERNAL', [
		parameter('assignmentGroup', 'ServiceNow assignment group', false),
	]),
	action('delete', 'Delete', 'OBJECT', [], { dsSupportedTypes: FILE_STORES }),
	action('falsePositive', 'False Positive', 'ATTRIBUTE', [REASON]),
	action(
		'move',
		'Move',
		'OBJECT',
		[
			parameter('targetDataSource', 'Data source to move the object to'),
			parameter('targetPath', 'Folder in the target data source'),
		],
		{ dsSupportedTypes: FILE_STORES },
	),
	action('requestException', 'Request Exception', 'EXCEPTIONS', [REASON]),
	action('requestTemporaryException', 'Request Temporary Exception', 'EXCEPTIONS', [
		REASON,
		parameter('expirationDate', 'When the exception ends', true, 'Date'),
	]),
	action('restore', 'Restore', 'OBJECT'),
	action('revokeExternalAccess', 'Revoke External Access', 'OBJECT', [], {
		dsSupportedTypes: FILE_STORES,
	}),
	action('revokeOpenAccess', 'Revoke Open Access', 'OBJECT', [], { dsSupportedTypes: FILE_STORES }),
	action('revokeAllCompany', 'Revoke All Company', 'OBJECT', [], { isEnabled: false }),
];

const ANNOTATION_ACTIONS: ReadonlyArray<SandboxRemediationAction> = [
	action('archive', 'Archive', 'ANNOTATION'),
	action('encrypt', 'Encrypt', 'ANNOTATION'),
	action('markForDeletion', 'Mark for Deletion', 'ANNOTATION'),
	action('mask', 'Mask', 'ANNOTATION'),
	action('tombstone', 'Tombstone', 'ANNOTATION', [
		parameter('tombstoneMessage', 'What the placeholder says'),
	]),
];

export type ExecutionOutcome =
	{ execution: SandboxExecution; error?: undefined } | { execution?: undefined; error: string };

/**
 * BigID's Remediation app: its actions, with their enabled flags and parameters, and every
 * execution with its audit trail. An execution is carried out at once, on every object.
 */
export class RemediationModel {
	readonly workflowActions = WORKFLOW_ACTIONS.map((entry) => ({ ...entry }));
	readonly annotationActions = ANNOTATION_ACTIONS.map((entry) => ({ ...entry }));
	readonly executions: SandboxExecution[] = [];
	private readonly clock: SandboxClock;
	private readonly ids: ObjectIdFactory;

	constructor({ clock, ids }: ModelServices) {
		this.clock = clock;
		this.ids = ids;
	}

	findAction(name: string): SandboxRemediationAction | undefined {
		return [...this.workflowActions, ...this.annotationActions].find(
			(candidate) => candidate.name === name,
		);
	}

	/** Turns an action on or off, as an admin does in the app's settings. */
	setEnabled(name: string, isEnabled: boolean): void {
		const found = this.findAction(name);
		if (!found) throw new Error(`No remediation action ${name}`);
		found.isEnabled = isEnabled;
	}

	execute(
		actionName: string,
		actionParams: SandboxExecution['actionParams'],
		objects: Array<{ fullyQualifiedName: string; source: string | null }>,
	): ExecutionOutcome {
		const found = this.findAction(actionName);
		if (!found) return { error: `Action ${actionName} was not found` };
		if (!found.isEnabled) return { error: `Action ${actionName} is disabled` };
		const missing = found.actionParams.find(
			(wanted) =>
				wanted.isMandatory && !actionParams.some((given) => given.paramName === wanted.paramName),
		);
		if (missing) return { error: `Parameter ${missing.paramName} is mandatory for ${actionName}` };
		if (objects.length === 0) return { error: 'No objects to act on' };
		const execution: SandboxExecution = {
			executionId: this.ids.next(),
			actionName,
			actionParams,
			status: 'COMPLETED',
			createdAt: new Date(this.clock.now()).toISOString(),
			objects: objects.map((object) => ({
				...object,
				status: 'COMPLETED',
				message: `${found.displayName} done`,
			})),
		};
		this.executions.push(execution);
		return { execution };
	}

	getExecution(executionId: string): SandboxExecution | undefined {
		return this.executions.find((execution) => execution.executionId === executionId);
	}

	/** How many executions acted on the object: what a repeated request would show. */
	executionsOf(fullyQualifiedName: string): number {
		return this.executions.filter((execution) =>
			execution.objects.some((object) => object.fullyQualifiedName === fullyQualifiedName),
		).length;
	}
}
