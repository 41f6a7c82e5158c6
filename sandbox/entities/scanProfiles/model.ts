import { DAY_MS, iso, SEED_EPOCH_MS, type SandboxClock } from '../../clock';
import type { ModelServices } from '../../entity';
import type { ObjectIdFactory } from '../../random';
import {
	FAILING_DATA_SOURCE_NAME,
	type DataSourcesModel,
	type SandboxDataSource,
} from '../dataSources/model';

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

/** Scan profiles: which data sources a scan covers, run once or on a schedule. */
export class ScanProfilesModel {
	readonly scanProfiles: SandboxScanProfile[] = [];
	private readonly scanProfilesById = new Map<string, SandboxScanProfile>();
	private readonly clock: SandboxClock;
	private readonly ids: ObjectIdFactory;

	constructor({ clock, ids }: ModelServices, dataSources: DataSourcesModel) {
		this.clock = clock;
		this.ids = ids;
		const sources = dataSources.dataSources;
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
			const id = ids.next();
			const createdAt = iso(SEED_EPOCH_MS + index * DAY_MS);
			this.add({
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
			});
		}
	}

	get(id: string): SandboxScanProfile | undefined {
		return this.scanProfilesById.get(id);
	}

	findByName(name: string): SandboxScanProfile | undefined {
		return this.scanProfiles.find((profile) => profile.name === name);
	}

	/** Stores the fields as given: the API route validates them first. */
	create(fields: Record<string, unknown>): SandboxScanProfile {
		const id = this.ids.next();
		const createdAt = iso(this.clock.stamp());
		const profile = {
			active: true,
			isCustomScanProfile: false,
			...fields,
			_id: id,
			id,
			createdAt,
			updatedAt: createdAt,
		} as SandboxScanProfile;
		this.add(profile);
		return profile;
	}

	update(id: string, patch: Record<string, unknown>): SandboxScanProfile | undefined {
		const profile = this.scanProfilesById.get(id);
		if (!profile) return undefined;
		const { id: _ignoredId, _id, createdAt, updatedAt, ...changes } = patch;
		Object.assign(profile, changes);
		profile.updatedAt = iso(this.clock.stamp());
		return profile;
	}

	delete(id: string): boolean {
		const profile = this.scanProfilesById.get(id);
		if (!profile) return false;
		this.scanProfilesById.delete(id);
		this.scanProfiles.splice(this.scanProfiles.indexOf(profile), 1);
		return true;
	}

	private add(profile: SandboxScanProfile): void {
		this.scanProfiles.push(profile);
		this.scanProfilesById.set(profile._id, profile);
	}
}
