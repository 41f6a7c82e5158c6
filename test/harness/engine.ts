import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	ITaskData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, ExecutionBaseError, Workflow } from 'n8n-workflow';

import { BigId } from '../../nodes/BigId/BigId.node';
import { TestCredentialsHelper } from './credentialsHelper';
import './logs';

export const BIGID_NODE_TYPE = 'n8n-nodes-bigid.bigId';
export const CREDENTIAL_ID = 'bigid-sandbox';

const nodeTypeClasses: Record<string, INodeType> = {
	[BIGID_NODE_TYPE]: new BigId(),
};

/** Other tests (the trigger's) register their node types here before running. */
export function registerNodeType(name: string, nodeType: INodeType): void {
	nodeTypeClasses[name] = nodeType;
}

export const nodeTypes: INodeTypes = {
	getByName: (name: string): INodeType | IVersionedNodeType => nodeTypeClasses[name],
	getByNameAndVersion: (name: string): INodeType => nodeTypeClasses[name],
	getKnownTypes: () => ({}),
};

/**
 * What n8n's request helper hands the node when a request or the credential's login fails.
 * Both wrap the failure in a NodeApiError; 2.x keeps the original error as its `cause`, 1.x
 * loses it (n8n-workflow 1.x declares `cause` as a class field, which erases the one `Error`
 * set), so the node sees only the texts, the status and the body n8n copied out of it.
 */
export type N8nRequestHelper = 'n8n 2.x' | 'n8n 1.x';
export const N8N_REQUEST_HELPERS: N8nRequestHelper[] = ['n8n 2.x', 'n8n 1.x'];

function withoutErrorCause(error: unknown): unknown {
	if (error instanceof ExecutionBaseError && error.cause instanceof Error) delete error.cause;
	return error;
}

/** The node type, its request helper failing as n8n 1.x's does. */
function asOnN8n1(nodeType: INodeType): INodeType {
	const n8n1Type = Object.create(nodeType) as INodeType;
	n8n1Type.execute = async function (this: IExecuteFunctions) {
		const { helpers } = this;
		const request = helpers.httpRequestWithAuthentication;
		helpers.httpRequestWithAuthentication = async function (
			this: IExecuteFunctions,
			...args: Parameters<typeof request>
		) {
			try {
				return (await request.apply(this, args)) as unknown;
			} catch (error) {
				throw withoutErrorCause(error);
			}
		};
		return await nodeType.execute!.call(this);
	};
	return n8n1Type;
}

const n8n1NodeTypes: INodeTypes = {
	getByName: (name: string) => asOnN8n1(nodeTypeClasses[name]),
	getByNameAndVersion: (name: string) => asOnN8n1(nodeTypeClasses[name]),
	getKnownTypes: () => ({}),
};

/** The one credential store all executions of a test share, as n8n's database would be. */
export function createCredentials(data: ICredentialDataDecryptedObject): TestCredentialsHelper {
	const helper = new TestCredentialsHelper();
	helper.store.set(CREDENTIAL_ID, {
		type: 'bigIdApi',
		data: { authMode: 'session', authHeaderFormat: 'raw', sessionToken: '', ...data },
	});
	return helper;
}

export interface NodeSpec {
	name?: string;
	type?: string;
	parameters: INodeParameters;
	continueOnFail?: boolean;
}

export interface RunOptions {
	credentials: TestCredentialsHelper;
	/** A chain of nodes, each fed by the one before. */
	nodes: NodeSpec[];
	/** Items the first node receives. */
	input?: IDataObject[];
	mode?: WorkflowExecuteMode;
	/** n8n 2.x's by default. */
	requestHelper?: N8nRequestHelper;
}

export interface RunResult {
	run: IRun;
	/** Output items of each node by name (first output, last run). */
	outputs: Record<string, INodeExecutionData[]>;
	/** Output items of the last node of the chain. */
	items: INodeExecutionData[];
	/** The error that stopped the execution, if any. */
	error?: Error & { description?: string | null; context?: IDataObject; httpCode?: string | null };
	workflow: Workflow;
}

export function buildWorkflow(nodeSpecs: NodeSpec[], types: INodeTypes = nodeTypes): Workflow {
	const nodes: INode[] = nodeSpecs.map((spec, index) => ({
		id: `node-${index}`,
		name: spec.name ?? `BigID ${index + 1}`,
		type: spec.type ?? BIGID_NODE_TYPE,
		typeVersion: 1,
		position: [index * 200, 0],
		parameters: spec.parameters,
		credentials: { bigIdApi: { id: CREDENTIAL_ID, name: 'BigID sandbox' } },
		...(spec.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	}));
	const connections: IConnections = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	}
	return new Workflow({
		id: 'test-workflow',
		nodes,
		connections,
		nodeTypes: types,
		active: false,
		settings: { executionOrder: 'v1' },
	});
}

export function additionalDataFor(
	credentials: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: credentials,
		hooks,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		currentNodeExecutionIndex: 0,
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used by this pack');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not used by this pack');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs a chain of nodes through n8n-core's WorkflowExecute, the engine n8n itself runs. */
export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const workflow = buildWorkflow(
		options.nodes,
		options.requestHelper === 'n8n 1.x' ? n8n1NodeTypes : nodeTypes,
	);
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', {
		id: workflow.id,
		name: 'test',
		active: false,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);

	const firstNode = workflow.getNode(options.nodes[0].name ?? 'BigID 1')!;
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: firstNode,
					data: { main: [(options.input ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});

	const execute = new WorkflowExecute(
		additionalDataFor(options.credentials, hooks),
		mode,
		runExecutionData,
	);
	const run = await execute.processRunExecutionData(workflow);

	const outputs: Record<string, INodeExecutionData[]> = {};
	for (const [name, tasks] of Object.entries(
		run.data.resultData.runData as Record<string, ITaskData[]>,
	)) {
		const last = tasks[tasks.length - 1];
		outputs[name] = last.data?.main?.[0] ?? [];
	}
	const lastName = options.nodes[options.nodes.length - 1].name ?? `BigID ${options.nodes.length}`;
	return {
		run,
		outputs,
		items: outputs[lastName] ?? [],
		error: run.data.resultData.error as RunResult['error'],
		workflow,
	};
}
