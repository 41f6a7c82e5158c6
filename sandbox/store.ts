import { createSeededRandom, ObjectIdFactory, type SeededRandom } from './random';
import { describeSort, matchesFilter, sortItems, type FieldMatch, type SortKey } from './query';

/** Seeded data is dated in 2023 so it is always in the past and never depends on the wall clock. */
const SEED_EPOCH_MS = Date.UTC(2023, 0, 1);
const SEEDED_HISTORY_SPAN_MS = 365 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** Scans spend the first tenth of their duration queued, like a real scanner waiting for a slot. */
const QUEUED_SHARE = 0.1;

export const FAILING_DATA_SOURCE_NAME = 'failing-source';
export const SCAN_TYPES = ['dsScan', 'lineageScan', 'metadataScan', 'dataInMotion'] as const;
const TERMINAL_SCAN_STATES = ['completed', 'failed', 'stopped', 'aborted', 'completedwitherrors'];

function isTerminalScanState(state: string): boolean {
	return TERMINAL_SCAN_STATES.includes(state.toLowerCase());
}

/** Fields are optional because a replacing PUT can leave a user with only what it was sent. */
export interface SandboxUser {
	id: string;
	_id: string;
	name?: string;
	firstName?: string;
	lastName?: string;
	email?: string;
	role?: string;
	isEnabled?: boolean;
	origin?: string;
	createdAt: string;
	updatedAt: string;
	[field: string]: unknown;
}

/** Input for user writes: any fields, `password` included (stored apart, never returned). */
export type UserFields = Partial<Record<keyof SandboxUser | 'password', unknown>>;

export interface SandboxRole {
	_id: string;
	id: string;
	name: string;
	description: string;
}

export interface SandboxDataSource {
	_id: string;
	name: string;
	type: string;
	enabled: 'yes' | 'no';
	location: string;
	description: string;
	scanner_group: string;
	created_at: string;
	updated_at: string;
	[field: string]: unknown;
}

export interface ScanSchedule {
	cronExpression: string;
	timeZone: string;
}

export interface SandboxScanProfile {
	_id: string;
	id: string;
	name: string;
	description?: string;
	dataSourceList: string[];
	scanTemplateId: string;
	isSingleRunScan?: boolean;
	schedule?: ScanSchedule;
	active: boolean;
	isCustomScanProfile: boolean;
	createdAt: string;
	updatedAt: string;
	[field: string]: unknown;
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

export interface StoreOptions {
	seed: number;
	users: number;
	dataSources: number;
	parentScans: number;
	scanDurationMs: number;
	adminUsername: string;
	adminPassword: string;
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

const ROLE_SEEDS: ReadonlyArray<{ name: string; description: string; weight: number }> = [
	{ name: 'Admin', description: 'Full access to every BigID module', weight: 0.1 },
	{ name: 'Viewer', description: 'Read-only access to inventory and reports', weight: 0.4 },
	{ name: 'Data Steward', description: 'Manages data sources and scans', weight: 0.2 },
	{ name: 'Auditor', description: 'Reviews audit logs and access', weight: 0.15 },
	{ name: 'Privacy Analyst', description: 'Works on privacy cases and DSARs', weight: 0.15 },
];

const DATA_SOURCE_KINDS: ReadonlyArray<{ prefix: string; type: string; location: string }> = [
	{ prefix: 'marketing-db', type: 'rdb-mysql', location: 'mysql://marketing.internal:3306/crm' },
	{ prefix: 'finance-bucket', type: 's3', location: 's3://acme-finance-archive' },
	{ prefix: 'sales-crm', type: 'salesforce', location: 'https://acme.my.salesforce.com' },
	{ prefix: 'hr-db', type: 'rdb-postgresql', location: 'postgresql://hr.internal:5432/people' },
	{ prefix: 'support-drive', type: 'gdrive', location: 'https://drive.google.com/support' },
	{ prefix: 'events-store', type: 'mongodb', location: 'mongodb://events.internal:27017' },
	{ prefix: 'analytics-warehouse', type: 'snowflake', location: 'acme.snowflakecomputing.com' },
];

const FIRST_NAMES = [
	'Ada',
	'Grace',
	'Alan',
	'Linus',
	'Margaret',
	'Dennis',
	'Barbara',
	'Ken',
	'Frances',
	'Edsger',
	'Radia',
	'Tim',
	'Hedy',
	'Donald',
	'Katherine',
	'John',
	'Sophie',
	'Niklaus',
	'Shafi',
	'Leslie',
];
const LAST_NAMES = [
	'Lovelace',
	'Hopper',
	'Turing',
	'Torvalds',
	'Hamilton',
	'Ritchie',
	'Liskov',
	'Thompson',
	'Allen',
	'Dijkstra',
	'Perlman',
	'Berners',
	'Lamarr',
	'Knuth',
	'Johnson',
	'Backus',
	'Wilson',
	'Wirth',
	'Goldwasser',
	'Lamport',
];

const iso = (ms: number) => new Date(ms).toISOString();

/** The sandbox's data. Every timestamp comes from now(), a clock tests can move forward. */
export class SandboxStore {
	readonly users: SandboxUser[] = [];
	readonly roles: SandboxRole[] = [];
	readonly dataSources: SandboxDataSource[] = [];
	readonly scanProfiles: SandboxScanProfile[] = [];

	private readonly random: SeededRandom;
	private readonly ids: ObjectIdFactory;
	private readonly usersById = new Map<string, SandboxUser>();
	private readonly usersByName = new Map<string, SandboxUser>();
	/** Kept apart from the user objects so no answer can ever leak one. */
	private readonly passwordsByUserId = new Map<string, string>();
	private readonly rolesByName = new Map<string, SandboxRole>();
	private readonly scanProfilesById = new Map<string, SandboxScanProfile>();
	private readonly parentScanList: ParentScan[] = [];
	private readonly scanExecutionList: ScanExecution[] = [];
	private readonly scansById = new Map<string, ScanExecution>();
	private readonly parentScanOfChild = new Map<string, ParentScan>();
	private readonly timelines = new Map<ParentScan, ScanTimeline>();
	/** Scans whose state can still change with the clock; only these are recomputed on reads. */
	private readonly runningScans = new Set<ParentScan>();
	private readonly sortedParentScans = new Map<string, ParentScan[]>();
	private clockOffsetMs = 0;
	private lastStampMs = 0;

	constructor(private readonly options: StoreOptions) {
		this.random = createSeededRandom(options.seed);
		this.ids = new ObjectIdFactory(this.random, Math.floor(SEED_EPOCH_MS / 1000));
		this.seedRoles();
		this.seedDataSources();
		this.seedUsers();
		this.seedScanProfiles();
		this.seedParentScans();
	}

	/** Never behind the last write stamp, so a scan finished "now" is finished when read. */
	now(): number {
		return Math.max(Date.now() + this.clockOffsetMs, this.lastStampMs);
	}

	/** Moves the virtual clock forward: scans progress, tokens expire, new timestamps move on. */
	advanceClock(ms: number): void {
		if (!(ms >= 0)) throw new Error('advanceClock only moves the clock forward');
		this.clockOffsetMs += ms;
		this.settleRunningScans();
	}

	/** A write timestamp: strictly increasing, so two changes never share an updatedAt. */
	private stamp(): number {
		this.lastStampMs = Math.max(this.now(), this.lastStampMs + 1);
		return this.lastStampMs;
	}

	// ----- users -----

	getUser(id: string): SandboxUser | undefined {
		return this.usersById.get(id);
	}

	findUserByName(name: string): SandboxUser | undefined {
		return this.usersByName.get(name);
	}

	/** Creates without the API's validation, the way an identity provider provisions users. */
	createUser(fields: UserFields): SandboxUser {
		const { password, ...userFields } = fields;
		const id = this.ids.next();
		const createdAt = iso(this.stamp());
		const user = {
			isEnabled: true,
			origin: 'local',
			...userFields,
			id,
			_id: id,
			createdAt,
			updatedAt: createdAt,
		} as SandboxUser;
		this.addUser(user, typeof password === 'string' ? password : undefined);
		return user;
	}

	/** Merges the patch into the user and bumps updatedAt. */
	updateUser(id: string, patch: UserFields): SandboxUser | undefined {
		const user = this.usersById.get(id);
		if (!user) return undefined;
		const { password, id: _ignoredId, _id, createdAt, updatedAt, ...changes } = patch;
		const previousName = user.name;
		Object.assign(user, changes);
		this.reindexName(user, previousName);
		if (typeof password === 'string') this.passwordsByUserId.set(id, password);
		user.updatedAt = iso(this.stamp());
		return user;
	}

	/**
	 * Full-replacement PUT: the user keeps only the given fields plus what the server owns
	 * (ids, createdAt, origin); everything else is lost, as the seed warns.
	 */
	replaceUser(id: string, fields: UserFields): SandboxUser | undefined {
		const user = this.usersById.get(id);
		if (!user) return undefined;
		const { password, id: _ignoredId, _id, createdAt, updatedAt, origin, ...replacement } = fields;
		const previousName = user.name;
		for (const field of Object.keys(user)) {
			if (!['id', '_id', 'createdAt', 'origin'].includes(field)) delete user[field];
		}
		Object.assign(user, replacement);
		this.reindexName(user, previousName);
		if (typeof password === 'string') this.passwordsByUserId.set(id, password);
		user.updatedAt = iso(this.stamp());
		return user;
	}

	deleteUser(id: string): boolean {
		const user = this.usersById.get(id);
		if (!user) return false;
		this.usersById.delete(id);
		if (user.name !== undefined && this.usersByName.get(user.name) === user) {
			this.usersByName.delete(user.name);
		}
		this.passwordsByUserId.delete(id);
		this.users.splice(this.users.indexOf(user), 1);
		return true;
	}

	/** What a login does to a real BigID user: only the timestamp moves. */
	touchLogin(id: string): SandboxUser | undefined {
		const user = this.usersById.get(id);
		if (user) user.updatedAt = iso(this.stamp());
		return user;
	}

	/** Whether a created local user may log in with this password. */
	isValidUserPassword(name: string, password: string): boolean {
		const user = this.usersByName.get(name);
		return (
			user !== undefined &&
			user.isEnabled !== false &&
			this.passwordsByUserId.get(user.id) === password
		);
	}

	private addUser(user: SandboxUser, password: string | undefined): void {
		this.users.push(user);
		this.usersById.set(user.id, user);
		if (user.name !== undefined) this.usersByName.set(user.name, user);
		if (password !== undefined) this.passwordsByUserId.set(user.id, password);
	}

	/** Keeps the name index right after a write renamed the user or, replacing, dropped its name. */
	private reindexName(user: SandboxUser, previousName: string | undefined): void {
		if (user.name === previousName) return;
		if (previousName !== undefined && this.usersByName.get(previousName) === user) {
			this.usersByName.delete(previousName);
		}
		if (typeof user.name === 'string') this.usersByName.set(user.name, user);
	}

	// ----- roles and data sources -----

	getRole(id: string): SandboxRole | undefined {
		return this.roles.find((role) => role._id === id);
	}

	findRoleByName(name: string): SandboxRole | undefined {
		return this.rolesByName.get(name);
	}

	getDataSource(idOrName: string): SandboxDataSource | undefined {
		return this.dataSources.find((source) => source._id === idOrName || source.name === idOrName);
	}

	// ----- scan profiles -----

	getScanProfile(id: string): SandboxScanProfile | undefined {
		return this.scanProfilesById.get(id);
	}

	findScanProfileByName(name: string): SandboxScanProfile | undefined {
		return this.scanProfiles.find((profile) => profile.name === name);
	}

	/** Stores the fields as given: the API route validates them first. */
	createScanProfile(fields: Record<string, unknown>): SandboxScanProfile {
		const id = this.ids.next();
		const createdAt = iso(this.stamp());
		const profile = {
			active: true,
			isCustomScanProfile: false,
			...fields,
			_id: id,
			id,
			createdAt,
			updatedAt: createdAt,
		} as SandboxScanProfile;
		this.scanProfiles.push(profile);
		this.scanProfilesById.set(id, profile);
		return profile;
	}

	updateScanProfile(id: string, patch: Record<string, unknown>): SandboxScanProfile | undefined {
		const profile = this.scanProfilesById.get(id);
		if (!profile) return undefined;
		const { id: _ignoredId, _id, createdAt, updatedAt, ...changes } = patch;
		Object.assign(profile, changes);
		profile.updatedAt = iso(this.stamp());
		return profile;
	}

	deleteScanProfile(id: string): boolean {
		const profile = this.scanProfilesById.get(id);
		if (!profile) return false;
		this.scanProfilesById.delete(id);
		this.scanProfiles.splice(this.scanProfiles.indexOf(profile), 1);
		return true;
	}

	// ----- scans -----

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
	getScan(id: string): ScanExecution | undefined {
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

	/** Starts a scan of the profile's data sources: Queued, then InProgress, then finished. */
	startScan(
		profileId: string,
		details: { type?: string; scanOrigin?: string } = {},
	): ParentScan | undefined {
		const profile = this.scanProfilesById.get(profileId);
		if (!profile) return undefined;
		const sources = this.sourcesOf(profile);
		const failingIndex = sources.findIndex((source) => source.name === FAILING_DATA_SOURCE_NAME);
		const scan = this.addParentScan(profile, sources, details.type ?? 'dsScan', {
			startedAtMs: this.stamp(),
			durationMs: this.options.scanDurationMs,
			finalParentState: failingIndex >= 0 ? 'Failed' : 'Completed',
			finalChildStates: sources.map((_, index) =>
				index === failingIndex ? 'Failed' : 'Completed',
			),
		});
		if (details.scanOrigin !== undefined) scan.scanOrigin = details.scanOrigin;
		return scan;
	}

	/** A scan that already finished just now: the newest updated_at of all. */
	createFinishedParentScan(input: FinishedParentScanInput = {}): ParentScan {
		const profile = this.resolveProfile(input);
		const state = input.state ?? 'Completed';
		const durationMs = input.durationMs ?? this.options.scanDurationMs;
		const sources = this.sourcesOf(profile);
		return this.addParentScan(profile, sources, input.type ?? 'dsScan', {
			startedAtMs: this.stamp() - durationMs,
			durationMs,
			finalParentState: state,
			finalChildStates: this.childStatesFor(state, sources.length),
		});
	}

	/**
	 * Forces a state on a parent (and its children) or on one child. The parent scan then stops
	 * following the clock, so the forced state stays until forced again.
	 */
	setScanState(id: string, state: string, progress?: number): ScanExecution | undefined {
		this.settleRunningScans();
		const scan = this.scansById.get(id);
		if (!scan) return undefined;
		const parent = 'scanChildren' in scan ? scan : this.parentScanOfChild.get(id);
		if (parent) this.runningScans.delete(parent);
		const stampMs = this.stamp();
		const targets = 'scanChildren' in scan ? [scan, ...scan.scanChildren] : [scan];
		for (const target of targets) {
			target.state = state;
			target.progress =
				progress ?? (isTerminalScanState(state) ? 100 : state === 'Queued' ? 0 : target.progress);
			target.updated_at = iso(stampMs);
			if (isTerminalScanState(state)) target.completed_at = iso(stampMs);
			else delete target.completed_at;
		}
		this.sortedParentScans.clear();
		return scan;
	}

	private resolveProfile(input: FinishedParentScanInput): SandboxScanProfile {
		const profile =
			input.scanProfileId !== undefined
				? this.scanProfilesById.get(input.scanProfileId)
				: input.scanProfileName !== undefined
					? this.findScanProfileByName(input.scanProfileName)
					: this.scanProfiles[0];
		if (!profile) {
			throw new Error(
				`Scan profile ${input.scanProfileId ?? input.scanProfileName ?? '(none seeded)'} was not found`,
			);
		}
		return profile;
	}

	private sourcesOf(profile: SandboxScanProfile): SandboxDataSource[] {
		return profile.dataSourceList
			.map((id) => this.getDataSource(id))
			.filter((source): source is SandboxDataSource => source !== undefined);
	}

	/** A CompletedWithErrors parent has one failed child; other finals apply to every child. */
	private childStatesFor(parentState: string, childCount: number): string[] {
		return Array.from({ length: childCount }, (_, index) =>
			parentState === 'CompletedWithErrors' ? (index === 0 ? 'Failed' : 'Completed') : parentState,
		);
	}

	private addParentScan(
		profile: SandboxScanProfile,
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
		const nowMs = this.now();
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
			if (runningState === undefined) execution.completed_at = since;
		};
		apply(parent, runningState ?? timeline.finalParentState);
		parent.scanChildren.forEach((child, index) =>
			apply(child, runningState ?? timeline.finalChildStates[index]),
		);
		return stateChanged;
	}

	// ----- seeding -----

	private seedRoles(): void {
		for (const seed of ROLE_SEEDS) {
			const id = this.ids.next();
			const role: SandboxRole = { _id: id, id, name: seed.name, description: seed.description };
			this.roles.push(role);
			this.rolesByName.set(role.name, role);
		}
	}

	private pickWeightedRole(): string {
		let remaining = this.random.next();
		for (const seed of ROLE_SEEDS) {
			remaining -= seed.weight;
			if (remaining < 0) return seed.name;
		}
		return ROLE_SEEDS[ROLE_SEEDS.length - 1].name;
	}

	/** The last data source is `failing-source` (when there are at least two) so failures exist. */
	private seedDataSources(): void {
		const count = this.options.dataSources;
		for (let index = 0; index < count; index++) {
			const failing = count >= 2 && index === count - 1;
			const kind = DATA_SOURCE_KINDS[index % DATA_SOURCE_KINDS.length];
			const round = Math.floor(index / DATA_SOURCE_KINDS.length) + 1;
			const createdAt = iso(SEED_EPOCH_MS + index * DAY_MS);
			this.dataSources.push({
				_id: this.ids.next(),
				name: failing ? FAILING_DATA_SOURCE_NAME : `${kind.prefix}-${round}`,
				type: failing ? 'rdb-mysql' : kind.type,
				enabled: index % 4 === 3 ? 'no' : 'yes',
				location: failing ? 'mysql://unreachable.internal:3306/legacy' : kind.location,
				description: failing
					? 'Credentials expired: every scan of it fails'
					: `${kind.type} source`,
				scanner_group: 'default',
				created_at: createdAt,
				updated_at: createdAt,
			});
		}
	}

	private seedUsers(): void {
		const count = this.options.users;
		const stepMs = count > 0 ? Math.min(3600 * 1000 * 3, SEEDED_HISTORY_SPAN_MS / count) : 0;
		for (let index = 0; index < count; index++) {
			const id = this.ids.next();
			const createdMs = SEED_EPOCH_MS + Math.round(index * stepMs);
			const isAdmin = index === 0;
			const firstName = isAdmin ? 'System' : this.random.pick(FIRST_NAMES);
			const lastName = isAdmin ? 'Administrator' : this.random.pick(LAST_NAMES);
			const name = isAdmin
				? this.options.adminUsername
				: `${firstName}.${lastName}${index}`.toLowerCase();
			const user: SandboxUser = {
				id,
				_id: id,
				name,
				firstName,
				lastName,
				email: `${name}@example.com`,
				role: isAdmin ? 'Admin' : this.pickWeightedRole(),
				isEnabled: isAdmin || this.random.chance(0.9),
				origin: !isAdmin && this.random.chance(0.15) ? 'saml' : 'local',
				createdAt: iso(createdMs),
				updatedAt: iso(createdMs + this.random.integer(0, 30) * DAY_MS),
			};
			this.addUser(user, isAdmin ? this.options.adminPassword : undefined);
		}
	}

	private seedScanProfiles(): void {
		const sources = this.dataSources;
		const healthy = sources.filter((source) => source.name !== FAILING_DATA_SOURCE_NAME);
		const failing = sources.filter((source) => source.name === FAILING_DATA_SOURCE_NAME);
		const seeds: Array<{
			name: string;
			description: string;
			sources: SandboxDataSource[];
			cron: string;
		}> = [
			{
				name: 'Weekly Full Scan',
				description: 'Every healthy data source, Sunday night',
				sources: healthy,
				cron: '0 2 * * 0',
			},
			{
				name: 'Daily Marketing Scan',
				description: 'Marketing sources only',
				sources: healthy.slice(0, 1),
				cron: '0 3 * * *',
			},
			{
				name: 'Legacy Source Scan',
				description: 'The legacy database whose credentials expired',
				sources: failing,
				cron: '0 4 * * 1',
			},
		];
		for (const [index, seed] of seeds.entries()) {
			if (seed.sources.length === 0) continue;
			const id = this.ids.next();
			const createdAt = iso(SEED_EPOCH_MS + index * DAY_MS);
			const profile: SandboxScanProfile = {
				_id: id,
				id,
				name: seed.name,
				description: seed.description,
				dataSourceList: seed.sources.map((source) => source._id),
				scanTemplateId: 'standard-privacy-template-001',
				schedule: { cronExpression: seed.cron, timeZone: 'UTC' },
				active: true,
				isCustomScanProfile: false,
				createdAt,
				updatedAt: createdAt,
			};
			this.scanProfiles.push(profile);
			this.scanProfilesById.set(id, profile);
		}
	}

	/** Finished history: the seeded profiles in turn, so the failing one yields Failed scans. */
	private seedParentScans(): void {
		const count = this.options.parentScans;
		if (count === 0 || this.scanProfiles.length === 0) return;
		const stepMs = SEEDED_HISTORY_SPAN_MS / count;
		for (let index = 0; index < count; index++) {
			const profile = this.scanProfiles[index % this.scanProfiles.length];
			const sources = this.sourcesOf(profile);
			const failing = sources.some((source) => source.name === FAILING_DATA_SOURCE_NAME);
			const state = failing
				? 'Failed'
				: this.random.chance(0.05)
					? 'CompletedWithErrors'
					: 'Completed';
			this.addParentScan(profile, sources, 'dsScan', {
				startedAtMs: SEED_EPOCH_MS + Math.round(index * stepMs),
				durationMs: this.random.integer(10, 60) * 60 * 1000,
				finalParentState: state,
				finalChildStates: failing
					? sources.map((source) =>
							source.name === FAILING_DATA_SOURCE_NAME ? 'Failed' : 'Completed',
						)
					: this.childStatesFor(state, sources.length),
			});
		}
	}
}
