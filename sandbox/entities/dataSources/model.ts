import { DAY_MS, iso, SEED_EPOCH_MS, type SandboxClock } from '../../clock';
import type { ModelServices } from '../../entity';
import type { ObjectIdFactory } from '../../random';

export const FAILING_DATA_SOURCE_NAME = 'failing-source';

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

const DATA_SOURCE_KINDS: ReadonlyArray<{ prefix: string; type: string; location: string }> = [
	{ prefix: 'marketing-db', type: 'rdb-mysql', location: 'mysql://marketing.internal:3306/crm' },
	{ prefix: 'finance-bucket', type: 's3', location: 's3://acme-finance-archive' },
	{ prefix: 'sales-crm', type: 'salesforce', location: 'https://acme.my.salesforce.com' },
	{ prefix: 'hr-db', type: 'rdb-postgresql', location: 'postgresql://hr.internal:5432/people' },
	{ prefix: 'support-drive', type: 'gdrive', location: 'https://drive.google.com/support' },
	{ prefix: 'events-store', type: 'mongodb', location: 'mongodb://events.internal:27017' },
	{ prefix: 'analytics-warehouse', type: 'snowflake', location: 'acme.snowflakecomputing.com' },
];

/** A host whose name says so cannot be reached: the connection test of such a source fails. */
export const UNREACHABLE_HOST = /unreachable/i;

/** The name rule of BigID's data source template. */
const DATA_SOURCE_NAME = /^[\w\-\s():]+$/;

/** Fields BigID owns: a create or a replacement cannot set them. */
const SERVER_FIELDS = ['_id', 'id', 'created_at', 'updated_at', 'createdAt', 'updatedAt'];

/** The fields a connector type takes its host in; `location` mirrors it, as the list shows it. */
const HOST_FIELDS = ['rdb_url', 'smbServer', 'nfsServer', 'location'];

export type DataSourceWrite =
	| { source: SandboxDataSource; error?: undefined }
	| { error: { status: number; message: string }; source?: undefined };

/**
 * The data source connections: seeded, and created, replaced and deleted by name as BigID's
 * `ds_connections` writes do. Passwords are kept beside the sources and never answered.
 */
export class DataSourcesModel {
	readonly dataSources: SandboxDataSource[] = [];
	private readonly passwords = new Map<string, string>();
	/** Replacements and deletions BigID carried out, per data source name. */
	private readonly updates = new Map<string, number>();
	private readonly deletions = new Map<string, number>();
	private readonly clock: SandboxClock;
	private readonly ids: ObjectIdFactory;

	/** The last data source is `failing-source` (when there are at least two) so failures exist. */
	constructor({ clock, ids, options }: ModelServices) {
		this.clock = clock;
		this.ids = ids;
		const count = options.dataSources;
		for (let index = 0; index < count; index++) {
			const failing = count >= 2 && index === count - 1;
			const kind = DATA_SOURCE_KINDS[index % DATA_SOURCE_KINDS.length];
			const round = Math.floor(index / DATA_SOURCE_KINDS.length) + 1;
			const createdAt = iso(SEED_EPOCH_MS + index * DAY_MS);
			this.dataSources.push({
				_id: ids.next(),
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

	get(idOrName: string): SandboxDataSource | undefined {
		return this.dataSources.find((source) => source._id === idOrName || source.name === idOrName);
	}

	private byName(name: string): SandboxDataSource | undefined {
		return this.dataSources.find((source) => source.name === name);
	}

	/** `POST /ds_connections`: a name BigID has already is refused with 409, as BigID does. */
	create(fields: Record<string, unknown>): DataSourceWrite {
		const { name, type } = fields;
		if (typeof name !== 'string' || !DATA_SOURCE_NAME.test(name)) {
			return {
				error: { status: 400, message: `Invalid data source name ${JSON.stringify(name ?? null)}` },
			};
		}
		if (typeof type !== 'string' || type === '') {
			return { error: { status: 400, message: 'A data source needs a type' } };
		}
		if (this.byName(name)) {
			return { error: { status: 409, message: `Data source with name ${name} already exists` } };
		}
		const createdAt = iso(this.clock.stamp());
		const source: SandboxDataSource = {
			enabled: 'yes',
			description: '',
			scanner_group: 'default',
			...this.writable(name, fields, true),
			_id: this.ids.next(),
			name,
			type,
			location: hostOf(fields),
			created_at: createdAt,
			updated_at: createdAt,
		} as SandboxDataSource;
		this.dataSources.push(source);
		return { source };
	}

	/**
	 * `PUT /ds_connections/{name}`: the body replaces the whole data source (fields it lacks are
	 * lost); the stored password stays unless `isNewPassword` is true.
	 */
	replace(name: string, fields: Record<string, unknown>, isNewPassword: boolean): DataSourceWrite {
		const index = this.dataSources.findIndex((source) => source.name === name);
		if (index === -1)
			return { error: { status: 404, message: `Unable to locate data source ${name}` } };
		const current = this.dataSources[index];
		if (fields.name !== undefined && fields.name !== name) {
			return { error: { status: 400, message: 'The name of a data source cannot change' } };
		}
		const source = {
			...this.writable(name, fields, isNewPassword),
			_id: current._id,
			name,
			type: typeof fields.type === 'string' ? fields.type : current.type,
			location: hostOf(fields),
			created_at: current.created_at,
			updated_at: iso(this.clock.stamp()),
		} as SandboxDataSource;
		this.dataSources[index] = source;
		this.updates.set(name, this.updatesOf(name) + 1);
		return { source };
	}

	/** `DELETE /ds_connections/{name}`: false when BigID has no data source of that name. */
	delete(name: string): boolean {
		const index = this.dataSources.findIndex((source) => source.name === name);
		if (index === -1) return false;
		this.dataSources.splice(index, 1);
		this.passwords.delete(name);
		this.deletions.set(name, this.deletionsOf(name) + 1);
		return true;
	}

	updatesOf(name: string): number {
		return this.updates.get(name) ?? 0;
	}

	deletionsOf(name: string): number {
		return this.deletions.get(name) ?? 0;
	}

	passwordOf(name: string): string | undefined {
		return this.passwords.get(name);
	}

	/**
	 * `POST /ds-connection-test`: the connection of the data source the body describes fails when
	 * its host cannot be reached or it is `failing-source`, whose credentials expired.
	 */
	testConnection(fields: Record<string, unknown>): { ok: boolean; message: string } {
		const name = typeof fields.name === 'string' ? fields.name : '';
		const host = hostOf(fields) || (this.byName(name)?.location ?? '');
		if (name === FAILING_DATA_SOURCE_NAME) {
			return { ok: false, message: 'Access denied: the credentials of the data source expired' };
		}
		if (UNREACHABLE_HOST.test(host)) {
			return { ok: false, message: `Connection timed out: ${host} could not be reached` };
		}
		return { ok: true, message: 'Connection succeeded' };
	}

	/** The fields a write may set, the password kept aside (a new one only when the body says so). */
	private writable(
		name: string,
		fields: Record<string, unknown>,
		takePassword: boolean,
	): Record<string, unknown> {
		const { password, ...rest } = fields;
		if (takePassword && typeof password === 'string' && password !== '') {
			this.passwords.set(name, password);
		}
		for (const field of SERVER_FIELDS) delete rest[field];
		return rest;
	}
}

/** Where the data source is, whichever host field its type takes. */
function hostOf(fields: Record<string, unknown>): string {
	const host = HOST_FIELDS.map((field) => fields[field]).find(
		(value) => typeof value === 'string' && value !== '',
	);
	return typeof host === 'string' ? host : '';
}
