import { iso, SEED_EPOCH_MS, SEEDED_HISTORY_SPAN_MS, type SandboxClock } from '../../clock';
import type { ModelServices } from '../../entity';
import { describeSort, matchesFilter, sortItems, type FieldMatch, type SortKey } from '../../query';
import type { ObjectIdFactory } from '../../random';
import {
	FAILING_DATA_SOURCE_NAME,
	type DataSourcesModel,
	type SandboxDataSource,
} from '../dataSources/model';
import type { SandboxScanProfile, ScanProfilesModel } from '../scanProfiles/model';

/** Scans spend the first tenth of their duration queued, like a real scanner waiting for a slot. */
const QUEUED_SHARE = 0.1;

export const SCAN_TYPES = ['dsScan', 'lineageScan', 'metadataScan', 'dataInMotion'] as const;
/** The profile BigID names in the answer to a data source scan. */
export const ON_DEMAND_PROFILE_NAME = 'On-demand data source scan';
const TERMINAL_SCAN_STATES = ['completed', 'failed', 'stopped', 'aborted', 'completedwitherrors'];

function isTerminalScanState(state: string): boolean {
	return TERMINAL_SCAN_STATES.includes(state.toLowerCase());
}

interface ScanExecutionFields {
	_id: string;
	id: string;
	name: string;
	type: string;
	state: string;
	progress: number;
	created_at: string;
	updated_at: string;
	completed_at?: string;
	/** Set on scans of one data source started through /ds-connections/:name/scan. */
	isSampleScan?: boolean;
}

export interface ChildScan extends ScanExecutionFields {
	parentScanId: string;
	dataSourceId: string;
	dataSourceName: string;
}

export interface ParentScan extends ScanExecutionFields {
	scanProfileId: string;
	scanProfileName: string;
	scanOrigin?: string;
	scanChildren: ChildScan[];
}

export type ScanExecution = ParentScan | ChildScan;

export interface FinishedParentScanInput {
	state?: string;
	/** Defaults to the first seeded profile. */
	scanProfileName?: string;
	scanProfileId?: string;
	type?: string;
	durationMs?: number;
}

/**
 * A scan's life is a pure function of when it started and how long it takes, so its state is
 * computed from the clock when read instead of by timers: deterministic, and advanceClock() can
 * finish it instantly.
 */
interface ScanTimeline {
	startedAtMs: number;
	durationMs: number;
	finalParentState: string;
	finalChildStates: string[];
}

/** Scan executions: parent scans of a profile, with one child scan per data source. */
export class ScansModel {
	private readonly parentScanList: ParentScan[] = [];
	private readonly scanExecutionList: ScanExecution[] = [];
	private readonly scansById = new Map<string, ScanExecution>();
	private readonly parentScanOfChild = new Map<string, ParentScan>();
	private readonly timelines = new Map<ParentScan, ScanTimeline>();
	/** Scans whose state can still change with the clock; only these are recomputed on reads. */
	private readonly runningScans = new Set<ParentScan>();
	private readonly sortedParentScans = new Map<string, ParentScan[]>();
	/** Told when a child scan reaches its final state (what opens DSPM cases). */
	private readonly childFinishedListeners: Array<(child: ChildScan, atMs: number) => void> = [];
	private readonly clock: SandboxClock;
	private readonly ids: ObjectIdFactory;
	private readonly scanDurationMs: number;

	constructor(
		{ clock, ids, random, options }: ModelServices,
		private readonly profiles: ScanProfilesModel,
		private readonly dataSources: DataSourcesModel,
	) {
		this.clock = clock;
		this.ids = ids;
		this.scanDurationMs = options.scanDurationMs;
		clock.onAdvance(() => this.settleRunningScans());
		// Finished history: the seeded profiles in turn, so the failing one yields Failed scans.
		const count = options.parentScans;
		const seededProfiles = profiles.scanProfiles;
		if (count === 0 || seededProfiles.length === 0) return;
		const stepMs = SEEDED_HISTORY_SPAN_MS / count;
		for (let index = 0; index < count; index++) {
			const profile = seededProfiles[index % seededProfiles.length];
			const sources = this.sourcesOf(profile);
			const failing = sources.some((source) => source.name === FAILING_DATA_SOURCE_NAME);
			const state = failing ? 'Failed' : random.chance(0.05) ? 'CompletedWithErrors' : 'Completed';
			this.addParentScan(profile, sources, 'dsScan', {
				startedAtMs: SEED_EPOCH_MS + Math.round(index * stepMs),
				durationMs: random.integer(10, 60) * 60 * 1000,
				finalParentState: state,
				finalChildStates: failing
					? sources.map((source) =>
							source.name === FAILING_DATA_SOURCE_NAME ? 'Failed' : 'Completed',
						)
					: this.childStatesFor(state, sources.length),
			});
		}
	}

	/** Parent scans in creation order, with states brought up to the current clock. */
	get parentScans(): readonly ParentScan[] {
		this.settleRunningScans();
		return this.parentScanList;
	}

	/** Every execution, each parent followed by its children, in creation order. */
	get scanExecutions(): readonly ScanExecution[] {
		this.settleRunningScans();
		return this.scanExecutionList;
	}

	/** A parent or child scan. */
	get(id: string): ScanExecution | undefined {
		this.settleRunningScans();
		return this.scansById.get(id);
	}

	/**
	 * Filtered and sorted parent scans. Sorted orders are cached until a scan changes state, so
	 * polling 10,000 historical scans costs a page slice, not a sort. Progress moves on every
	 * read of a running scan, so an order by progress is never cached.
	 */
	queryParentScans(sort: SortKey[], filter: FieldMatch[] | undefined): readonly ParentScan[] {
		this.settleRunningScans();
		const cacheKey = describeSort(sort);
		let sorted = this.sortedParentScans.get(cacheKey);
		if (!sorted) {
			sorted = sort.length > 0 ? sortItems(this.parentScanList, sort) : this.parentScanList;
			if (!sort.some((key) => key.field === 'progress')) {
				this.sortedParentScans.set(cacheKey, sorted);
			}
		}
		return filter ? sorted.filter((scan) => matchesFilter(scan, filter)) : sorted;
	}

	/** Listens for child scans reaching a final state; scans finished before it are not told. */
	onChildScanFinished(listener: (child: ChildScan, atMs: number) => void): void {
		this.childFinishedListeners.push(listener);
	}

	/** Starts a scan of the profile's data sources: Queued, then InProgress, then finished. */
	start(
		profileId: string,
		details: { type?: string; scanOrigin?: string } = {},
	): ParentScan | undefined {
		const profile = this.profiles.get(profileId);
		if (!profile) return undefined;
		const sources = this.sourcesOf(profile);
		const failingIndex = sources.findIndex((source) => source.name === FAILING_DATA_SOURCE_NAME);
		const scan = this.addParentScan(profile, sources, details.type ?? 'dsScan', {
			startedAtMs: this.clock.stamp(),
			durationMs: this.scanDurationMs,
			finalParentState: failingIndex >= 0 ? 'Failed' : 'Completed',
			finalChildStates: sources.map((_, index) =>
				index === failingIndex ? 'Failed' : 'Completed',
			),
		});
		if (details.scanOrigin !== undefined) scan.scanOrigin = details.scanOrigin;
		return scan;
	}

	/**
	 * A scan of one data source (POST /ds-connections/:name/scan): a parent with one child, run by
	 * BigID's on-demand profile, failing like any scan of `failing-source`.
	 */
	startDataSourceScan(
		source: SandboxDataSource,
		details: { type: string; isSampleScan: boolean },
	): ParentScan {
		const failing = source.name === FAILING_DATA_SOURCE_NAME;
		const scan = this.addParentScan(
			{ _id: '', name: ON_DEMAND_PROFILE_NAME },
			[source],
			details.type,
			{
				startedAtMs: this.clock.stamp(),
				durationMs: this.scanDurationMs,
				finalParentState: failing ? 'Failed' : 'Completed',
				finalChildStates: [failing ? 'Failed' : 'Completed'],
			},
		);
		for (const execution of [scan, ...scan.scanChildren]) {
			execution.isSampleScan = details.isSampleScan;
		}
		return scan;
	}

	/** The newest child scan of a data source, whatever started it. */
	lastScanOf(dataSourceName: string): ChildScan | undefined {
		const executions = this.scanExecutions;
		for (let index = executions.length - 1; index >= 0; index--) {
			const execution = executions[index];
			if ('dataSourceName' in execution && execution.dataSourceName === dataSourceName) {
				return execution;
			}
		}
		return undefined;
	}

	/** A scan that already finished just now: the newest updated_at of all. */
	createFinished(input: FinishedParentScanInput = {}): ParentScan {
		const profile = this.resolveProfile(input);
		const state = input.state ?? 'Completed';
		const durationMs = input.durationMs ?? this.scanDurationMs;
		const sources = this.sourcesOf(profile);
		return this.addParentScan(profile, sources, input.type ?? 'dsScan', {
			startedAtMs: this.clock.stamp() - durationMs,
			durationMs,
			finalParentState: state,
			finalChildStates: this.childStatesFor(state, sources.length),
		});
	}

	/**
	 * Forces a state on a parent (and its children) or on one child. The parent scan then stops
	 * following the clock, so the forced state stays until forced again.
	 */
	setState(id: string, state: string, progress?: number): ScanExecution | undefined {
		this.settleRunningScans();
		const scan = this.scansById.get(id);
		if (!scan) return undefined;
		const parent = 'scanChildren' in scan ? scan : this.parentScanOfChild.get(id);
		if (parent) this.runningScans.delete(parent);
		const stampMs = this.clock.stamp();
		const targets = 'scanChildren' in scan ? [scan, ...scan.scanChildren] : [scan];
		for (const target of targets) {
			target.state = state;
			target.progress =
				progress ?? (isTerminalScanState(state) ? 100 : state === 'Queued' ? 0 : target.progress);
			target.updated_at = iso(stampMs);
			if (isTerminalScanState(state)) target.completed_at = iso(stampMs);
			else delete target.completed_at;
			if (isTerminalScanState(state) && 'parentScanId' in target) {
				this.tellChildFinished(target, stampMs);
			}
		}
		this.sortedParentScans.clear();
		return scan;
	}

	private resolveProfile(input: FinishedParentScanInput): SandboxScanProfile {
		const profile =
			input.scanProfileId !== undefined
				? this.profiles.get(input.scanProfileId)
				: input.scanProfileName !== undefined
					? this.profiles.findByName(input.scanProfileName)
					: this.profiles.scanProfiles[0];
		if (!profile) {
			throw new Error(
				`Scan profile ${input.scanProfileId ?? input.scanProfileName ?? '(none seeded)'} was not found`,
			);
		}
		return profile;
	}

	private sourcesOf(profile: SandboxScanProfile): SandboxDataSource[] {
		return profile.dataSourceList
			.map((id) => this.dataSources.get(id))
			.filter((source): source is SandboxDataSource => source !== undefined);
	}

	/** A CompletedWithErrors parent has one failed child; other finals apply to every child. */
	private childStatesFor(parentState: string, childCount: number): string[] {
		return Array.from({ length: childCount }, (_, index) =>
			parentState === 'CompletedWithErrors' ? (index === 0 ? 'Failed' : 'Completed') : parentState,
		);
	}

	private addParentScan(
		profile: Pick<SandboxScanProfile, '_id' | 'name'>,
		sources: SandboxDataSource[],
		type: string,
		timeline: ScanTimeline,
	): ParentScan {
		const parentId = this.ids.next();
		const createdAt = iso(timeline.startedAtMs);
		const parent: ParentScan = {
			_id: parentId,
			id: parentId,
			name: profile.name,
			scanProfileId: profile._id,
			scanProfileName: profile.name,
			type,
			state: 'Queued',
			progress: 0,
			created_at: createdAt,
			updated_at: createdAt,
			scanChildren: [],
		};
		this.parentScanList.push(parent);
		this.scanExecutionList.push(parent);
		this.scansById.set(parentId, parent);
		for (const source of sources) {
			const childId = this.ids.next();
			const child: ChildScan = {
				_id: childId,
				id: childId,
				name: source.name,
				type,
				parentScanId: parentId,
				dataSourceId: source._id,
				dataSourceName: source.name,
				state: 'Queued',
				progress: 0,
				created_at: createdAt,
				updated_at: createdAt,
			};
			parent.scanChildren.push(child);
			this.scanExecutionList.push(child);
			this.scansById.set(childId, child);
			this.parentScanOfChild.set(childId, parent);
		}
		this.timelines.set(parent, timeline);
		this.runningScans.add(parent);
		this.settle(parent);
		this.sortedParentScans.clear();
		return parent;
	}

	private tellChildFinished(child: ChildScan, atMs: number): void {
		for (const listener of this.childFinishedListeners) listener(child, atMs);
	}

	private settleRunningScans(): void {
		let changed = false;
		for (const scan of this.runningScans) changed = this.settle(scan) || changed;
		if (changed) this.sortedParentScans.clear();
	}

	/**
	 * Brings one scan up to the clock. updated_at moves only when the state changes, to the moment
	 * of the change, so reads at any time see the same history. True when a state changed.
	 */
	private settle(parent: ParentScan): boolean {
		const timeline = this.timelines.get(parent);
		if (!timeline) return false;
		const { startedAtMs, durationMs } = timeline;
		const nowMs = this.clock.now();
		const finishedAtMs = startedAtMs + durationMs;
		const queuedUntilMs = startedAtMs + Math.round(durationMs * QUEUED_SHARE);
		/** Undefined once finished: each execution then takes its own final state. */
		let runningState: string | undefined;
		let progress: number;
		let sinceMs: number;
		if (nowMs >= finishedAtMs) {
			progress = 100;
			sinceMs = finishedAtMs;
			this.runningScans.delete(parent);
		} else if (nowMs < queuedUntilMs) {
			runningState = 'Queued';
			progress = 0;
			sinceMs = startedAtMs;
		} else {
			runningState = 'InProgress';
			progress = Math.min(
				99,
				Math.floor(((nowMs - queuedUntilMs) / (finishedAtMs - queuedUntilMs)) * 100),
			);
			sinceMs = queuedUntilMs;
		}
		const since = iso(sinceMs);
		let stateChanged = false;
		const apply = (execution: ScanExecution, state: string) => {
			execution.progress = progress;
			if (execution.state === state) return;
			stateChanged = true;
			execution.state = state;
			execution.updated_at = since;
			if (runningState === undefined) {
				execution.completed_at = since;
				if ('parentScanId' in execution) this.tellChildFinished(execution, sinceMs);
			}
		};
		apply(parent, runningState ?? timeline.finalParentState);
		parent.scanChildren.forEach((child, index) =>
			apply(child, runningState ?? timeline.finalChildStates[index]),
		);
		return stateChanged;
	}
}
