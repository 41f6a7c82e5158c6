import { DAY_MS, iso, SEED_EPOCH_MS } from '../../clock';
import type { ModelServices } from '../../entity';
import { createSeededRandom, ObjectIdFactory, type SeededRandom } from '../../random';
import type { CatalogModel, SandboxCatalogObject } from '../catalog/model';
import type { DataSourcesModel, SandboxDataSource } from '../dataSources/model';
import type { SandboxUser, UsersModel } from '../users/model';

/** One account of a person (or a service) in one data source, as `GET /aci/users` answers it. */
export interface SandboxAciUser {
	_id: string;
	dataSource: string;
	name: string;
	email: string | null;
	displayName: string;
	lastLogin: string;
	status: 'active' | 'inactive';
	groups: string[];
	external: boolean;
	headless: boolean;
	sharedObjectsCount: number;
}

/** A group of one data source, as `GET /aci/groups/` answers it. */
export interface SandboxAciGroup {
	_id: string;
	dataSource: string;
	name: string;
	email: string;
	type: 'GLOBAL';
	external: false;
	membersCount: number;
	sharedObjectsCount: number;
}

/** Who may do what on one object, in the fields BigID's MCP server records. */
export interface SandboxAciPermission {
	_id: string;
	name: string;
	email: string | null;
	type: 'user' | 'group';
	access: string[];
	grantType: 'DIRECT' | 'INHERITED';
}

/** An object as `GET /aci/data-manager` answers it. */
export interface SandboxAciObject {
	_id: string;
	fullyQualifiedName: string;
	shortenedFQN: string;
	source: string;
	objectType: string;
	owner: string | null;
	annotations: {
		hierarchyType: Array<'SUB_CONTAINER' | 'LEAF_DATA_OBJECT'>;
		sharedWith: string[];
		sharedWithGroup: string[];
		openAccess: string[];
	};
	objectDetails: { objectName: string; total_pii_count: number; attribute: string[] };
}

/** The principal of an open-access grant. */
export const EVERYONE = 'Everyone';
/** The group every person of a data source is in. */
export const ALL_EMPLOYEES = 'all-employees';
/** The shared folder each file data source has besides its catalog objects: a path with a space and a slash. */
export const SHARED_FOLDER = 'Shared Documents/';

const TEAMS = ['finance-team', 'engineering', 'hr-team', 'sales', 'support'];
const FILE_TYPES = new Set(['s3', 'gdrive', 'smb', 'nfs']);
const OWNER_ACCESS = ['READ', 'WRITE', 'DELETE'];
const SHARED_ACCESS = [['READ'], ['READ', 'WRITE']];

function seedOf(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
	}
	return hash;
}

/** How a data source names a person's account: databases by login, SaaS by e-mail. */
function accountNameOf(person: SandboxUser, source: SandboxDataSource): string {
	const login = String(person.name);
	if (source.type.startsWith('rdb-')) return login.replace(/\./g, '_');
	if (source.type === 'salesforce') return String(person.email);
	return login;
}

/** The same address as some directories spell it: Ada.Lamarr7@Example.com. */
const capitalized = (email: string) =>
	email.replace(
		/(^|[.@])([a-z])/g,
		(_, separator: string, letter: string) => separator + letter.toUpperCase(),
	);

/** The items in an order the random sequence decides (Fisher-Yates). */
function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = random.integer(0, index);
		[copy[index], copy[other]] = [copy[other], copy[index]];
	}
	return copy;
}

interface ObjectAccess {
	object: SandboxAciObject;
	permissions: SandboxAciPermission[];
}

/**
 * BigID's access intelligence over the sandbox's people and data sources. Every BigID user but
 * the administrator is a person with accounts in one to three data sources (SaaS directories
 * spell the e-mail with capitals), each in the data source's `all-employees` group and maybe a
 * team; each data source has a headless scanner account, and file sources an external auditor.
 * The objects are the catalog's (as scans find them) plus a shared folder per file source; each
 * object's permissions are seeded by its name: an owner, people it is shared with, a group
 * (sometimes inherited), the scanner (inherited), and "Everyone" on the catalog's open-access
 * objects and the shared folders. Seeded apart from the shared random sequence, so adding this
 * API changed no other data.
 */
export class AccessIntelligenceModel {
	private readonly accounts: Array<Omit<SandboxAciUser, 'sharedObjectsCount'>> = [];
	private readonly groupsOfSource = new Map<
		string,
		Array<Omit<SandboxAciGroup, 'membersCount' | 'sharedObjectsCount'>>
	>();
	private readonly accessByObject = new Map<string, ObjectAccess>();
	private readonly ids: ObjectIdFactory;
	private readonly seed: number;

	constructor(
		{ options }: ModelServices,
		users: UsersModel,
		private readonly dataSources: DataSourcesModel,
		private readonly catalog: CatalogModel,
	) {
		this.seed = options.seed;
		const random = createSeededRandom(seedOf('access-intelligence') ^ options.seed);
		this.ids = new ObjectIdFactory(random, SEED_EPOCH_MS / 1000);
		const sources = dataSources.dataSources;
		for (const source of sources) {
			const teams = TEAMS.filter(() => random.chance(0.5)).slice(0, 2);
			this.groupsOfSource.set(
				source.name,
				[ALL_EMPLOYEES, ...teams].map((name) => ({
					_id: this.ids.next(),
					dataSource: source.name,
					name,
					email: `${name}@acme.test`,
					type: 'GLOBAL' as const,
					external: false as const,
				})),
			);
		}
		for (const person of users.users.slice(1)) this.addPerson(person, sources, random);
		for (const source of sources) {
			this.addAccount(source, `svc-scanner-${source.name}`, null, 'BigID scanner', [], random, {
				headless: true,
			});
			if (FILE_TYPES.has(source.type)) {
				this.addAccount(
					source,
					'auditor@partner.test',
					'auditor@partner.test',
					'External auditor',
					[],
					random,
					{
						external: true,
					},
				);
			}
		}
	}

	/** Every account, each with how many objects it owns or that are shared with it (inherited grants too). */
	get users(): SandboxAciUser[] {
		const objects = this.objectAccess();
		return this.accounts.map((account) => ({
			...account,
			sharedObjectsCount: objects.filter(
				({ object, permissions }) =>
					permissions.some(
						(permission) =>
							permission.type === 'user' &&
							[account.email, account.name].includes(permission.email ?? permission.name),
					) && object.source === account.dataSource,
			).length,
		}));
	}

	get groups(): SandboxAciGroup[] {
		const objects = this.objectAccess();
		return [...this.groupsOfSource.values()].flat().map((group) => ({
			...group,
			membersCount: this.accounts.filter(
				(account) => account.dataSource === group.dataSource && account.groups.includes(group.name),
			).length,
			sharedObjectsCount: objects.filter(
				({ object, permissions }) =>
					object.source === group.dataSource &&
					permissions.some(
						(permission) => permission.type === 'group' && permission.name === group.name,
					),
			).length,
		}));
	}

	get objects(): SandboxAciObject[] {
		return this.objectAccess().map(({ object }) => object);
	}

	/** The permissions of an object by its fully qualified name; undefined for no such object. */
	permissionsOf(fullyQualifiedName: string): SandboxAciPermission[] | undefined {
		return this.objectAccess().find(
			({ object }) => object.fullyQualifiedName === fullyQualifiedName,
		)?.permissions;
	}

	private addPerson(person: SandboxUser, sources: SandboxDataSource[], random: SeededRandom): void {
		const count = Math.min(sources.length, random.integer(1, 3));
		const chosen = shuffled(sources, random).slice(0, count);
		const displayName = `${String(person.firstName)} ${String(person.lastName)}`;
		for (const source of chosen) {
			const email = String(person.email);
			const teams = (this.groupsOfSource.get(source.name) ?? [])
				.map((group) => group.name)
				.filter((name) => name !== ALL_EMPLOYEES && random.chance(0.5));
			this.addAccount(
				source,
				accountNameOf(person, source),
				source.type === 'salesforce' ? capitalized(email) : email,
				displayName,
				[ALL_EMPLOYEES, ...teams],
				random,
			);
		}
	}

	private addAccount(
		source: SandboxDataSource,
		name: string,
		email: string | null,
		displayName: string,
		groups: string[],
		random: SeededRandom,
		kind: { headless?: boolean; external?: boolean } = {},
	): void {
		this.accounts.push({
			_id: this.ids.next(),
			dataSource: source.name,
			name,
			email,
			displayName,
			lastLogin: iso(
				SEED_EPOCH_MS + random.integer(0, 400) * DAY_MS + random.integer(0, 86_399) * 1000,
			),
			status: random.chance(0.9) ? 'active' : 'inactive',
			groups,
			external: kind.external === true,
			headless: kind.headless === true,
		});
	}

	/** The objects as the catalog shows them now, and a shared folder per file source, each with its access. */
	private objectAccess(): ObjectAccess[] {
		const folders = this.dataSources.dataSources
			.filter((source) => FILE_TYPES.has(source.type))
			.map((source) => ({ source, fullyQualifiedName: `${source.name}.${SHARED_FOLDER}` }));
		const fromCatalog = this.catalog.objects.map((object) => ({
			source: this.dataSources.get(object.source),
			fullyQualifiedName: object.fullyQualifiedName,
			catalogObject: object,
		}));
		return [...fromCatalog, ...folders].flatMap(({ source, fullyQualifiedName, ...rest }) => {
			if (!source) return [];
			const catalogObject = 'catalogObject' in rest ? rest.catalogObject : undefined;
			let access = this.accessByObject.get(fullyQualifiedName);
			if (!access) {
				access = this.seedAccess(source, fullyQualifiedName, catalogObject);
				this.accessByObject.set(fullyQualifiedName, access);
			}
			return [access];
		});
	}

	private seedAccess(
		source: SandboxDataSource,
		fullyQualifiedName: string,
		catalogObject: SandboxCatalogObject | undefined,
	): ObjectAccess {
		const random = createSeededRandom(seedOf(fullyQualifiedName) ^ this.seed);
		// IDs of its own, so the order objects are first asked for changes none.
		const ids = new ObjectIdFactory(random, SEED_EPOCH_MS / 1000);
		const people = this.accounts.filter(
			(account) => account.dataSource === source.name && !account.headless && !account.external,
		);
		const principalOf = (account: (typeof people)[number]) => account.email ?? account.name;
		const permission = (
			name: string,
			email: string | null,
			type: SandboxAciPermission['type'],
			access: string[],
			inherited: boolean,
		): SandboxAciPermission => ({
			_id: ids.next(),
			name,
			email,
			type,
			access,
			grantType: inherited ? 'INHERITED' : 'DIRECT',
		});
		const permissions: SandboxAciPermission[] = [];
		const [owner, ...others] = shuffled(people, random);
		if (owner) {
			permissions.push(permission(owner.displayName, owner.email, 'user', OWNER_ACCESS, false));
		}
		const sharedWith = others.slice(0, random.integer(0, 2));
		for (const account of sharedWith) {
			permissions.push(
				permission(
					account.displayName,
					principalOf(account),
					'user',
					random.pick(SHARED_ACCESS),
					false,
				),
			);
		}
		const groups = this.groupsOfSource.get(source.name) ?? [];
		const group = random.pick(groups);
		if (group)
			permissions.push(permission(group.name, group.email, 'group', ['READ'], random.chance(0.5)));
		const scanner = this.accounts.find(
			(account) => account.dataSource === source.name && account.headless,
		);
		if (scanner)
			permissions.push(permission(scanner.displayName, scanner.name, 'user', ['READ'], true));
		const isFolder = catalogObject === undefined;
		const isOpen =
			isFolder ||
			catalogObject.tags.some(
				(tag) => tag.tagName === 'Access Type' && tag.tagValue === 'Open Access',
			);
		if (isOpen) permissions.push(permission(EVERYONE, null, 'group', ['READ'], false));
		const objectName = isFolder ? SHARED_FOLDER : catalogObject.objectName;
		return {
			permissions,
			object: {
				_id: ids.next(),
				fullyQualifiedName,
				shortenedFQN: objectName,
				source: source.name,
				objectType: isFolder ? 'folder' : catalogObject.objectType,
				owner: owner ? principalOf(owner) : null,
				annotations: {
					hierarchyType: [isFolder ? 'SUB_CONTAINER' : 'LEAF_DATA_OBJECT'],
					sharedWith: sharedWith.map(principalOf),
					sharedWithGroup: group ? [group.name] : [],
					openAccess: isOpen ? [EVERYONE] : [],
				},
				objectDetails: {
					objectName,
					total_pii_count: catalogObject?.total_pii_count ?? 0,
					attribute: catalogObject?.attribute ?? [],
				},
			},
		};
	}
}
