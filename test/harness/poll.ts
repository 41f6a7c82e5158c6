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
import type { PollEnd, SaveModel } from './staticData';
import { pollsOnSavedCopy, savesAfterPoll, startsExecution } from './staticData';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-bigid.bigIdTrigger';
export const TRIGGER_NODE_NAME = 'BigID Trigger';
registerNodeType(TRIGGER_NODE_TYPE, new BigIdTrigger());

/** `event id` of a user or scan trigger item: what tests compare emitted events by. */
export function eventKeyOf(item: IDataObject): string {
	const subject = (item.user ?? item.scan) as IDataObject | undefined;
	return `${String(item.event)} ${String(subject?.id)}`;
}

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

/** The poll n8n is running: how it ends so far, what it returned, whether n8n-core committed. */
interface RunningPoll {
	end: PollEnd;
	outcome: PollOutcome;
	commitRequested: boolean;
}

/**
 * The BigID Trigger in n8n-core's real PollTriggerExecutor and PollContext, its static data kept
 * as the save model of staticData.ts says: that model decides every save the harness makes, and
 * the commits n8n-core itself asks for (durableCursor) are checked against it.
 */
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
	private running?: RunningPoll;
	private interruptPending = false;

	constructor(private readonly options: PollHarnessOptions) {}

	private get onSavedCopy(): boolean {
		return pollsOnSavedCopy(this.options.saveModel);
	}

	/** The node's static data in n8n's memory (for durableCursor, the committed cursor). */
	get liveState(): IDataObject {
		if (this.onSavedCopy || !this.workflow) return this.savedState;
		return this.workflow.getStaticData('node', this.node!);
	}

	get savedState(): IDataObject {
		return (this.saved[NODE_KEY] as IDataObject | undefined) ?? {};
	}

	/** Activates the workflow: n8n runs one poll at once (errors fail the activation). */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<PollOutcome> {
		this.load(activation);
		return await this.execute(true);
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

	/**
	 * The next poll's save never happens: n8n 1.x dies right after the emit (the execution
	 * starts), a 2.x poll loses its lease (its execution and cursor are fenced out).
	 */
	interruptNextPoll(): void {
		this.interruptPending = true;
	}

	/** A poll that emits and never saves (`interruptNextPoll`), then n8n restarts and polls again. */
	async crashBetweenEmitAndSave(): Promise<void> {
		this.interruptNextPoll();
		await this.poll();
		await this.restart();
		await this.poll();
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
		const staged = this.onSavedCopy;
		const context = new PollContext(
			workflow,
			node,
			additionalDataFor(this.options.credentials),
			'trigger',
			activation,
			(data) => this.emit(data),
			(error) => {
				this.errors.push(error);
				this.running!.outcome = { items: null, error };
			},
			staged ? async () => this.commitRequested() : undefined,
			staged ? async (poll) => await this.inStagingScope(poll) : undefined,
			staged ? () => this.stage?.snapshot ?? workflow.getStaticData('node', node) : undefined,
		);
		this.workflow = workflow;
		this.node = node;
		this.runPoll = Container.get(PollTriggerExecutor).create(workflow, node, context, () => true);
	}

	private async execute(activation: boolean): Promise<PollOutcome> {
		const running: RunningPoll = {
			end: { activation, emitted: false, interrupted: this.interruptPending },
			outcome: { items: null },
			commitRequested: false,
		};
		this.interruptPending = false;
		this.running = running;
		try {
			await this.runPoll!(activation);
		} catch (error) {
			// Only the activation poll throws; n8n then reports the activation as failed.
			running.outcome = { items: null, error: error as Error };
		}
		if (!running.outcome.error && !running.end.emitted) this.quietPollEnded(running);
		return running.outcome;
	}

	private emit(data: INodeExecutionData[][]): void {
		const { end } = this.running!;
		end.emitted = true;
		if (savesAfterPoll(this.options.saveModel, end)) this.persist();
		if (!startsExecution(this.options.saveModel, end)) return;
		const items = data[0].map((item) => copy(item.json));
		this.executions.push(items);
		this.running!.outcome = { items };
	}

	/**
	 * A poll that emitted nothing: n8n's own save when the model has one; with durable cursors,
	 * n8n-core's executor commits (or not) by itself, and must do what the model says.
	 */
	private quietPollEnded({ end, commitRequested }: RunningPoll): void {
		if (!this.onSavedCopy) {
			if (savesAfterPoll(this.options.saveModel, end)) this.save();
			return;
		}
		const expected = savesAfterPoll(this.options.saveModel, { ...end, interrupted: false });
		if (commitRequested !== expected) {
			throw new Error(
				`n8n-core ${commitRequested ? 'committed' : 'did not commit'} the cursor after ${end.activation ? 'the activation poll' : 'a scheduled poll'} that emitted nothing, unlike the save model in test/harness/staticData.ts`,
			);
		}
	}

	private commitRequested(): void {
		const running = this.running!;
		running.commitRequested = true;
		if (savesAfterPoll(this.options.saveModel, running.end)) this.commitStaged();
	}

	private persist(): void {
		if (this.onSavedCopy) this.commitStaged();
		else this.save();
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

	/** Commits the staged cursor if the poll changed it. */
	private commitStaged(): void {
		if (!this.stage) return;
		const cursor = JSON.stringify(this.stage.snapshot);
		if (cursor === this.stage.seed) return;
		this.saved = { ...this.saved, [NODE_KEY]: JSON.parse(cursor) as IDataObject };
		this.stage.seed = cursor;
	}
}
