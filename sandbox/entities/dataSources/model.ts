import { DAY_MS, iso, SEED_EPOCH_MS } from '../../clock';
import type { ModelServices } from '../../entity';

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

/** The seeded data source connections; BigID's list is read-only here. */
export class DataSourcesModel {
	readonly dataSources: SandboxDataSource[] = [];

	/** The last data source is `failing-source` (when there are at least two) so failures exist. */
	constructor({ ids, options }: ModelServices) {
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
}
