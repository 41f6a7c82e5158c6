import { SandboxClock, SEED_EPOCH_MS } from './clock';
import { ENTITIES } from './entities';
import type { DataSourcesModel, SandboxDataSource } from './entities/dataSources/model';
import { dataSourcesApi } from './entities/dataSources/routes';
import type { RolesModel, SandboxRole } from './entities/roles/model';
import { rolesApi } from './entities/roles/routes';
import type { SandboxScanProfile, ScanProfilesModel } from './entities/scanProfiles/model';
import { scanProfilesApi } from './entities/scanProfiles/routes';
import type {
	FinishedParentScanInput,
	ParentScan,
	ScanExecution,
	ScansModel,
} from './entities/scans/model';
import { scansApi } from './entities/scans/routes';
import type { SandboxUser, UserFields, UsersModel } from './entities/users/model';
import { usersApi } from './entities/users/routes';
import type { ModelServices, SandboxEntity, StoreOptions } from './entity';
import type { FieldMatch, SortKey } from './query';
import { createSeededRandom, ObjectIdFactory } from './random';

export { FAILING_DATA_SOURCE_NAME, type SandboxDataSource } from './entities/dataSources/model';
export type { SandboxRole } from './entities/roles/model';
export type { SandboxScanProfile, ScanSchedule } from './entities/scanProfiles/model';
export type {
	ChildScan,
	FinishedParentScanInput,
	ParentScan,
	ScanExecution,
} from './entities/scans/model';
export type { SandboxUser, UserFields } from './entities/users/model';
export type { StoreOptions } from './entity';

/**
 * The sandbox's data: one model per entity in ENTITIES, sharing one virtual clock, one seeded
 * random sequence and one id factory. The methods below only forward to the models, so tests,
 * the bench and the control routes keep one place to drive the data.
 */
export class SandboxStore {
	private readonly clock = new SandboxClock();
	private readonly models = new Map<SandboxEntity, unknown>();

	constructor(options: StoreOptions) {
		const random = createSeededRandom(options.seed);
		const services: ModelServices = {
			clock: this.clock,
			ids: new ObjectIdFactory(random, Math.floor(SEED_EPOCH_MS / 1000)),
			random,
			options,
			model: (entity) => this.model(entity),
		};
		for (const entity of ENTITIES) {
			if (entity.createModel) this.models.set(entity, entity.createModel(services));
		}
	}

	/** The model of a registered entity. */
	model<Model>(entity: SandboxEntity<Model>): Model {
		if (!this.models.has(entity)) {
			throw new Error('No model yet for this entity: list it in ENTITIES after what it reads');
		}
		return this.models.get(entity) as Model;
	}

	/** Every timestamp comes from this clock, which tests can move forward. */
	now(): number {
		return this.clock.now();
	}

	/** Moves the virtual clock forward: scans progress, tokens expire, new timestamps move on. */
	advanceClock(ms: number): void {
		this.clock.advance(ms);
	}

	// ----- users and roles -----

	get users(): SandboxUser[] {
		return this.usersModel.users;
	}

	getUser(id: string): SandboxUser | undefined {
		return this.usersModel.get(id);
	}

	findUserByName(name: string): SandboxUser | undefined {
		return this.usersModel.findByName(name);
	}

	/** Creates without the API's validation, the way an identity provider provisions users. */
	createUser(fields: UserFields): SandboxUser {
		return this.usersModel.create(fields);
	}

	/** Merges the patch into the user and bumps updatedAt. */
	updateUser(id: string, patch: UserFields): SandboxUser | undefined {
		return this.usersModel.update(id, patch);
	}

	/** Full-replacement PUT: only the given fields and the server-owned ones remain. */
	replaceUser(id: string, fields: UserFields): SandboxUser | undefined {
		return this.usersModel.replace(id, fields);
	}

	deleteUser(id: string): boolean {
		return this.usersModel.delete(id);
	}

	/** What a login does to a real BigID user: only the timestamp moves. */
	touchLogin(id: string): SandboxUser | undefined {
		return this.usersModel.touchLogin(id);
	}

	setUserPassword(name: string, password: string): void {
		this.usersModel.setPassword(name, password);
	}

	isValidUserPassword(name: string, password: string): boolean {
		return this.usersModel.isValidPassword(name, password);
	}

	get roles(): SandboxRole[] {
		return this.rolesModel.roles;
	}

	getRole(id: string): SandboxRole | undefined {
		return this.rolesModel.get(id);
	}

	findRoleByName(name: string): SandboxRole | undefined {
		return this.rolesModel.findByName(name);
	}

	// ----- data sources and scan profiles -----

	get dataSources(): SandboxDataSource[] {
		return this.dataSourcesModel.dataSources;
	}

	getDataSource(idOrName: string): SandboxDataSource | undefined {
		return this.dataSourcesModel.get(idOrName);
	}

	get scanProfiles(): SandboxScanProfile[] {
		return this.scanProfilesModel.scanProfiles;
	}

	getScanProfile(id: string): SandboxScanProfile | undefined {
		return this.scanProfilesModel.get(id);
	}

	findScanProfileByName(name: string): SandboxScanProfile | undefined {
		return this.scanProfilesModel.findByName(name);
	}

	createScanProfile(fields: Record<string, unknown>): SandboxScanProfile {
		return this.scanProfilesModel.create(fields);
	}

	updateScanProfile(id: string, patch: Record<string, unknown>): SandboxScanProfile | undefined {
		return this.scanProfilesModel.update(id, patch);
	}

	deleteScanProfile(id: string): boolean {
		return this.scanProfilesModel.delete(id);
	}

	// ----- scans -----

	/** Parent scans in creation order, with states brought up to the current clock. */
	get parentScans(): readonly ParentScan[] {
		return this.scansModel.parentScans;
	}

	/** Every execution, each parent followed by its children, in creation order. */
	get scanExecutions(): readonly ScanExecution[] {
		return this.scansModel.scanExecutions;
	}

	getScan(id: string): ScanExecution | undefined {
		return this.scansModel.get(id);
	}

	queryParentScans(sort: SortKey[], filter: FieldMatch[] | undefined): readonly ParentScan[] {
		return this.scansModel.queryParentScans(sort, filter);
	}

	startScan(
		profileId: string,
		details: { type?: string; scanOrigin?: string } = {},
	): ParentScan | undefined {
		return this.scansModel.start(profileId, details);
	}

	/** A scan that already finished just now: the newest updated_at of all. */
	createFinishedParentScan(input: FinishedParentScanInput = {}): ParentScan {
		return this.scansModel.createFinished(input);
	}

	/** Forces a state; the scan then stops following the clock. */
	setScanState(id: string, state: string, progress?: number): ScanExecution | undefined {
		return this.scansModel.setState(id, state, progress);
	}

	private get usersModel(): UsersModel {
		return this.model(usersApi);
	}

	private get rolesModel(): RolesModel {
		return this.model(rolesApi);
	}

	private get dataSourcesModel(): DataSourcesModel {
		return this.model(dataSourcesApi);
	}

	private get scanProfilesModel(): ScanProfilesModel {
		return this.model(scanProfilesApi);
	}

	private get scansModel(): ScansModel {
		return this.model(scansApi);
	}
}
