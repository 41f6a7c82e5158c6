import type { TriggerEvent } from '../../nodes/BigId/trigger/events';
import type { SeededRandom } from '../../sandbox/random';

/**
 * How n8n keeps a poll node's static data between polls, as n8n-core's PollTriggerExecutor and
 * packages/cli drive it. The one definition both the engine harness (poll.ts, which runs the
 * node in n8n-core) and the simulated persistence of the property tests follow:
 * - `emitOnly`: n8n 1.x as the issue describes it. The state lives in memory on the active
 *   Workflow and moves on every poll; `__emit` saves it (`saveStaticData`, not awaited, so a
 *   crash between the two starts the execution and loses the save) and starts the execution.
 *   A poll that returns null saves nothing.
 * - `emitAndActivation`: also saved when activation ends (ActiveWorkflowManager.add ends with
 *   `saveStaticData`, in 2.x and in 1.x versions that have it): the activation poll's baseline
 *   is kept.
 * - `durableCursor`: 2.x PollCursorService. Each poll runs in a staging scope (`__runPoll`) on a
 *   copy of the committed cursor (`resolveNodeStaticData`); `__emit` commits it with the
 *   execution, `__commitCursor` commits it alone after a poll that emitted nothing, except the
 *   activation poll (the executor commits only for scheduled polls). A poll that lost its lease
 *   is fenced out: nothing of it is committed, no execution starts.
 * A restart drops everything in memory: the next activation starts from what was saved.
 */
export type SaveModel = 'emitOnly' | 'emitAndActivation' | 'durableCursor';
export const SAVE_MODELS: readonly SaveModel[] = ['durableCursor', 'emitOnly', 'emitAndActivation'];

/** How a poll ended, as far as saving its state goes. */
export interface PollEnd {
	/** The poll n8n runs when it activates the workflow (or starts again), not a scheduled one. */
	activation: boolean;
	/** The poll returned items. */
	emitted: boolean;
	/** n8n 1.x died between the emit and its save, or a 2.x poll was fenced out. */
	interrupted: boolean;
}

/** Whether a poll works on a copy of the saved state rather than on the state in n8n's memory. */
/**
 * How many executions carry a change after `crashBetweenEmitAndSave`: a fenced-out poll starts
 * none, while n8n 1.x's unawaited save can lose the state of one that started.
 */
export const deliveriesAfterCrash = (model: SaveModel) => (model === 'durableCursor' ? 1 : 2);

export const pollsOnSavedCopy = (model: SaveModel) => model === 'durableCursor';

/** Whether the poll's state reaches the database. */
export function savesAfterPoll(model: SaveModel, end: PollEnd): boolean {
	if (end.interrupted) return false;
	if (end.emitted) return true;
	if (model === 'durableCursor') return !end.activation;
	return model === 'emitAndActivation' && end.activation;
}

/** Whether the poll's items start an execution: n8n 1.x crashes only after it started one. */
export function startsExecution(model: SaveModel, end: PollEnd): boolean {
	return end.emitted && !(pollsOnSavedCopy(model) && end.interrupted);
}

// ----- simulated persistence, for the property tests of the pure change detection -----

/** `everyPoll` is no n8n's: every poll commits, to compare selections without persistence effects. */
export type SimulatedSaveModel = SaveModel | 'everyPoll';

export type World = Map<string, Record<string, string>>;

/** A state and the world it was first taken from, carried together through saves and rollbacks. */
export interface Held<S> {
	state: S | undefined;
	lineage: number;
	baseline?: World;
}

/** The events of one poll as one execution received them, with the world at that moment. */
export interface Delivery {
	events: TriggerEvent[];
	lineage: number;
	world: World;
}

export const clone = <T>(value: T): T =>
	value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);

/**
 * The database and n8n's memory for one trigger's state, under a save model, with the faults n8n
 * meets drawn from a seeded random: fenced-out polls and executions delivered twice (2.x, at
 * least once), crashes between emit and save (1.x).
 */
export class Persistence<S> {
	private saved: Held<S>;
	private live: Held<S>;
	private activationPending = true;
	private lineages = 0;
	lostSaves = 0;
	redeliveries = 0;

	constructor(
		readonly model: SimulatedSaveModel,
		private readonly random: SeededRandom,
		private readonly faults: boolean,
		private readonly crashes: boolean,
	) {
		this.saved = { state: undefined, lineage: 0 };
		this.live = this.saved;
	}

	/** What the next poll runs on. */
	get current(): Held<S> {
		return this.model !== 'everyPoll' && pollsOnSavedCopy(this.model) ? this.saved : this.live;
	}

	restart(): void {
		this.live = clone(this.saved);
		this.live.baseline = this.saved.baseline;
		this.activationPending = true;
	}

	/** Returns how many times the poll's events reach a workflow execution (0, 1 or 2). */
	finishPoll(next: S | undefined, snapshot: () => World, emits: boolean) {
		const activation = this.activationPending;
		this.activationPending = false;
		const base = this.current;
		const held: Held<S> =
			base.state === undefined
				? next === undefined
					? base
					: { state: next, lineage: ++this.lineages, baseline: snapshot() }
				: { state: next, lineage: base.lineage, baseline: base.baseline };
		// Drawn whatever happens, so two runs of one seed meet the same faults.
		const fencedOut = this.random.chance(0.08) && this.faults;
		const deliveredTwice = this.random.chance(0.05) && this.faults;
		const crashBeforeSave = this.random.chance(0.1) && this.crashes;
		if (this.model === 'everyPoll') {
			this.saved = held;
			return { deliveries: emits ? 1 : 0, lineage: held.lineage };
		}
		const durable = pollsOnSavedCopy(this.model);
		const end: PollEnd = {
			activation,
			emitted: emits,
			interrupted: durable ? fencedOut : emits && crashBeforeSave,
		};
		if (!durable) this.live = held;
		if (savesAfterPoll(this.model, end)) {
			this.saved = durable ? held : { ...held, state: clone(held.state) };
		} else if (end.interrupted && !durable) {
			this.lostSaves++;
		}
		if (!startsExecution(this.model, end)) return { deliveries: 0, lineage: held.lineage };
		const twice = durable && deliveredTwice;
		if (twice) this.redeliveries++;
		return { deliveries: twice ? 2 : 1, lineage: held.lineage };
	}
}
