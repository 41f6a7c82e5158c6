import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BigIdTrigger } from '../../nodes/BigId/BigIdTrigger.node';
import type { TestCredentialsHelper } from './credentialsHelper';
import { additionalDataFor, buildWorkflow, nodeTypes, registerNodeType } from './engine';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-bigid.bigIdTrigger';
export const TRIGGER_NODE_NAME = 'BigID Trigger';
registerNodeType(TRIGGER_NODE_TYPE, new BigIdTrigger());

/**
 * How n8n keeps a poll node's static data between polls, as n8n-core's PollTriggerExecutor and
 * packages/cli drive it:
 * - `emitOnly`: n8n 1.x as the issue describes it. The state lives in memory on the active
 *   Workflow; `__emit` saves it (`saveStaticData`, not awaited) and starts the execution. A poll
 *   that returns null saves nothing.
 * - `emitAndActivation`: also saved when activation ends (ActiveWorkflowManager.add ends with
 *   `saveStaticData`, in 2.x and in 1.x versions that have it): the activation poll's baseline
 *   is kept.
 * - `durableCursor`: 2.x PollCursorService. Each poll runs in a staging scope (`__runPoll`) on a
 *   copy of the committed cursor (`resolveNodeStaticData`); `__emit` commits it with the
 *   execution, `__commitCursor` commits it alone after a poll that emitted nothing, except the
 *   activation poll (the executor commits only for scheduled polls). Nothing of an abandoned
 *   poll is kept.
 * A restart drops everything in memory: the next activation starts from what was saved.
 */
export type SaveModel = 'emitOnly' | 'emitAndActivation' | 'durableCursor';

export interface PollOutcome {
	/** The items of the execution this poll started, or null when it started none. */
	items: IDataObject[] | null;
	error?: Error;
}

export interface PollHarnessOptions {
	credentials: TestCredentialsHelper;
	parameters: INodeParameters;
	saveModel: SaveModel;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const NODE_KEY = `node:${TRIGGER_NODE_NAME}`;

export class PollHarness {
	/** The database: the workflow's static data as last saved (for durableCursor, the committed cursor). */
	saved: IDataObject = {};
	/** The items of every execution a poll started, in order. */
	readonly executions: IDataObject[][] = [];
	/** Errors of scheduled polls: n8n records them as failed executions and runs the error workflow. */
	readonly errors: Error[] = [];

	private workflow?: Workflow;
	private node?: INode;
	private runPoll?: (testingTrigger?: boolean) => Promise<void>;
	private stage?: { snapshot: IDataObject; seed: string };
	private lastOutcome: PollOutcome = { items: null };
	private crashPending = false;
	private fenceNextPoll = false;

	constructor(private readonly options: PollHarnessOptions) {}

	/** The node's static data in n8n's memory (for durableCursor, the committed cursor). */
	get liveState(): IDataObject {
		if (this.options.saveModel === 'durableCursor' || !this.workflow) return this.savedState;
		return this.workflow.getStaticData('node', this.node!);
	}

	get savedState(): IDataObject {
		return (this.saved[NODE_KEY] as IDataObject | undefined) ?? {};
	}

	/** Activates the workflow: n8n runs one poll at once (errors fail the activation). */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<PollOutcome> {
		this.load(activation);
		const outcome = await this.execute(true);
		if (!outcome.error && this.options.saveModel === 'emitAndActivation') this.save();
		return outcome;
	}

	/** A scheduled poll. */
	async poll(): Promise<PollOutcome> {
		if (!this.runPoll) throw new Error('Activate the workflow first');
		return await this.execute(false);
	}

	/** n8n stops (whatever it had not saved is gone) and starts again, activating the workflow. */
	async restart(): Promise<PollOutcome> {
		this.workflow = undefined;
		this.runPoll = undefined;
		return await this.activate('init');
	}

	/** The process dies right after the next emit: the execution starts, the save never happens. */
	crashBeforeNextSave(): void {
		this.crashPending = true;
	}

	/** The next poll loses its lease (durableCursor): its execution and cursor are fenced out. */
	fenceOutNextPoll(): void {
		this.fenceNextPoll = true;
	}

	private load(activation: WorkflowActivateMode): void {
		const template = buildWorkflow([
			{ name: TRIGGER_NODE_NAME, type: TRIGGER_NODE_TYPE, parameters: this.options.parameters },
		]);
		const workflow = new Workflow({
			id: 'trigger-workflow',
			name: 'BigID Trigger test',
			nodes: Object.values(template.nodes),
			connections: {},
			nodeTypes,
			active: true,
			staticData: copy(this.saved),
			settings: { executionOrder: 'v1' },
		});
		const node = workflow.getNode(TRIGGER_NODE_NAME)!;
		const durable = this.options.saveModel === 'durableCursor';
		const context = new PollContext(
			workflow,
			node,
			additionalDataFor(this.options.credentials),
			'trigger',
			activation,
			(data) => this.emit(data),
			(error) => {
				this.errors.push(error);
				this.lastOutcome = { items: null, error };
			},
			durable ? async () => this.commitStaged() : undefined,
			durable ? async (poll) => await this.inStagingScope(poll) : undefined,
			durable ? () => this.stage?.snapshot ?? workflow.getStaticData('node', node) : undefined,
		);
		this.workflow = workflow;
		this.node = node;
		this.runPoll = Container.get(PollTriggerExecutor).create(workflow, node, context, () => true);
	}

	private async execute(testingTrigger: boolean): Promise<PollOutcome> {
		this.lastOutcome = { items: null };
		try {
			await this.runPoll!(testingTrigger);
		} catch (error) {
			// Only the activation poll throws; n8n then reports the activation as failed.
			this.lastOutcome = { items: null, error: error as Error };
		}
		return this.lastOutcome;
	}

	private emit(data: INodeExecutionData[][]): void {
		const items = data[0].map((item) => copy(item.json));
		if (this.options.saveModel === 'durableCursor') {
			if (this.fenceNextPoll) {
				this.fenceNextPoll = false;
				return;
			}
			this.commitStaged();
		} else if (this.crashPending) {
			this.crashPending = false;
		} else {
			this.save();
		}
		this.executions.push(items);
		this.lastOutcome = { items };
	}

	/** WorkflowStaticDataService.saveStaticData: writes only what n8n saw change. */
	private save(): void {
		const staticData = this.workflow!.staticData;
		if (staticData.__dataChanged !== true) return;
		this.saved = copy(staticData);
		staticData.__dataChanged = false;
	}

	private async inStagingScope<T>(poll: () => Promise<T>): Promise<T> {
		const committed = copy(this.savedState);
		this.stage = { snapshot: committed, seed: JSON.stringify(committed) };
		try {
			return await poll();
		} finally {
			this.stage = undefined;
		}
	}

	/** Commits the staged cursor if the poll changed it; fenced-out polls commit nothing. */
	private commitStaged(): void {
		if (!this.stage || this.fenceNextPoll) {
			this.fenceNextPoll = false;
			return;
		}
		const cursor = JSON.stringify(this.stage.snapshot);
		if (cursor === this.stage.seed) return;
		this.saved = { ...this.saved, [NODE_KEY]: JSON.parse(cursor) as IDataObject };
		this.stage.seed = cursor;
	}
}
