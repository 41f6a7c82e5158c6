import { createSeededRandom } from '../../random';
import type { DataSourcesModel, SandboxDataSource } from '../dataSources/model';
import type { ScansModel } from '../scans/model';

export interface CatalogAttributeDetail {
	name: string;
	count: number;
}

export interface CatalogTag {
	tagName: string;
	tagValue: string;
}

/** A catalog object in the fields BigID's data catalog answers with. */
export interface SandboxCatalogObject {
	id: string;
	fullyQualifiedName: string;
	objectName: string;
	containerName: string;
	source: string;
	objectType: 'rdb' | 'file';
	attribute: string[];
	attribute_details: CatalogAttributeDetail[];
	total_pii_count: number;
	policy: string[];
	tags: CatalogTag[];
	owner: string;
	last_scanned: string;
}

/** A column of a table as object-details answers it, with the attributes found in it. */
export interface SandboxCatalogColumn {
	columnName: string;
	fieldType: string;
	attribute_details: CatalogAttributeDetail[];
}

/** One object as `GET /data-catalog/object-details` answers it: the catalog's fields and its columns. */
export interface SandboxObjectDetails extends SandboxCatalogObject {
	columns: SandboxCatalogColumn[];
}

/** The attributes (classifications) scans find, and the policy each one falls under. */
const ATTRIBUTES: ReadonlyArray<{ name: string; policy: string }> = [
	{ name: 'email', policy: 'GDPR' },
	{ name: 'phone', policy: 'GDPR' },
	{ name: 'full_name', policy: 'GDPR' },
	{ name: 'ssn', policy: 'PII Exposure' },
	{ name: 'credit_card', policy: 'PCI' },
	{ name: 'iban', policy: 'PCI' },
	{ name: 'date_of_birth', policy: 'PII Exposure' },
];
const TABLES = ['customers', 'orders', 'employees', 'payments', 'leads', 'tickets', 'sessions'];
const FILES = ['exports/customers.csv', 'backup/payroll.xlsx', 'notes/meeting.txt', 'scans/id.pdf'];
const FILE_TYPES = new Set(['s3', 'gdrive']);

function seedOf(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
	}
	return hash;
}

/**
 * The data catalog: what completed scans found. A data source has objects once a scan of it
 * completed; they are the same for a source every time (seeded by its name, so the shared
 * random sequence of the other models is untouched), and last scanned when its newest scan
 * completed.
 */
export class CatalogModel {
	private readonly objectsOfSource = new Map<string, SandboxCatalogObject[]>();

	constructor(
		private readonly scans: ScansModel,
		private readonly dataSources: DataSourcesModel,
	) {}

	/** Every object of every data source a completed scan covered, source by source. */
	get objects(): SandboxCatalogObject[] {
		const lastCompleted = new Map<string, string>();
		for (const execution of this.scans.scanExecutions) {
			if (!('dataSourceName' in execution) || execution.state !== 'Completed') continue;
			const completedAt = execution.completed_at ?? execution.updated_at;
			const known = lastCompleted.get(execution.dataSourceName);
			if (known === undefined || completedAt > known) {
				lastCompleted.set(execution.dataSourceName, completedAt);
			}
		}
		return this.dataSources.dataSources.flatMap((source) => {
			const scannedAt = lastCompleted.get(source.name);
			if (scannedAt === undefined) return [];
			return this.objectsOf(source).map((object) => ({ ...object, last_scanned: scannedAt }));
		});
	}

	/**
	 * The stored tag list of an object the catalog shows, undefined for any other: `objects` hands
	 * out copies, and a tag written here has to show in every later search.
	 */
	tagsOf(source: string, fullyQualifiedName: string): CatalogTag[] | undefined {
		const isShown = this.objects.some(
			(object) => object.source === source && object.fullyQualifiedName === fullyQualifiedName,
		);
		if (!isShown) return undefined;
		return this.objectsOfSource
			.get(source)
			?.find((object) => object.fullyQualifiedName === fullyQualifiedName)?.tags;
	}

	/**
	 * One object the catalog shows, by fully qualified name, with its columns: a table has an `id`
	 * column and one column per attribute found in it (named after it), a file none.
	 */
	details(fullyQualifiedName: string): SandboxObjectDetails | undefined {
		const object = this.objects.find((shown) => shown.fullyQualifiedName === fullyQualifiedName);
		if (!object) return undefined;
		const columns =
			object.objectType === 'file'
				? []
				: [
						{ columnName: 'id', fieldType: 'integer', attribute_details: [] },
						...object.attribute_details.map((detail) => ({
							columnName: detail.name,
							fieldType: 'string',
							attribute_details: [detail],
						})),
					];
		return { ...object, columns };
	}

	private objectsOf(source: SandboxDataSource): SandboxCatalogObject[] {
		let objects = this.objectsOfSource.get(source.name);
		if (!objects) {
			const random = createSeededRandom(seedOf(source.name));
			const isFile = FILE_TYPES.has(source.type);
			const names = isFile ? FILES : TABLES;
			const container = isFile ? source.name : `${source.name}.public`;
			objects = names.slice(0, random.integer(3, names.length)).map((objectName) => {
				const found = ATTRIBUTES.filter(() => random.chance(0.3));
				const details = found.map(({ name }) => ({ name, count: random.integer(1, 5000) }));
				const tags: CatalogTag[] = [];
				if (random.chance(0.3)) tags.push({ tagName: 'Access Type', tagValue: 'Open Access' });
				if (found.length > 1) tags.push({ tagName: 'Sensitivity', tagValue: 'Restricted' });
				const fullyQualifiedName = `${container}.${objectName}`;
				return {
					id: `${source.name}:${fullyQualifiedName}`,
					fullyQualifiedName,
					objectName,
					containerName: container,
					source: source.name,
					objectType: isFile ? ('file' as const) : ('rdb' as const),
					attribute: details.map((detail) => detail.name),
					attribute_details: details,
					total_pii_count: details.reduce((sum, detail) => sum + detail.count, 0),
					policy: [...new Set(found.map((attribute) => attribute.policy))],
					tags,
					owner: `owner-of-${source.name}@acme.test`,
					last_scanned: '',
				};
			});
			this.objectsOfSource.set(source.name, objects);
		}
		return objects;
	}
}

/** Every value an object holds for a query field: `system` is its source, `tags."X"` a tag's value. */
export function catalogFieldValues(object: SandboxCatalogObject, field: string[]): string[] {
	const [head, ...rest] = field;
	if (head === 'tags' && rest.length === 1) {
		return object.tags.filter((tag) => tag.tagName === rest[0]).map((tag) => tag.tagValue);
	}
	const key = head === 'system' ? 'source' : head;
	if (rest.length > 0 || !(key in object)) return [];
	const value = object[key as keyof SandboxCatalogObject];
	const values = Array.isArray(value) ? value : [value];
	return values
		.filter((entry) => entry !== null && typeof entry !== 'object')
		.map((entry) => String(entry));
}
