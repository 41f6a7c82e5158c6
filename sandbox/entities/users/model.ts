import { DAY_MS, iso, SEED_EPOCH_MS, SEEDED_HISTORY_SPAN_MS, type SandboxClock } from '../../clock';
import type { ModelServices } from '../../entity';
import type { ObjectIdFactory, SeededRandom } from '../../random';
import { ROLE_SEEDS } from '../roles/model';

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

/** BigID's local and identity-provider users. Passwords are kept apart so no answer can leak one. */
export class UsersModel {
	readonly users: SandboxUser[] = [];
	private readonly usersById = new Map<string, SandboxUser>();
	private readonly usersByName = new Map<string, SandboxUser>();
	private readonly passwordsByUserId = new Map<string, string>();
	private readonly clock: SandboxClock;
	private readonly ids: ObjectIdFactory;

	constructor({ clock, ids, random, options }: ModelServices) {
		this.clock = clock;
		this.ids = ids;
		const count = options.users;
		const stepMs = count > 0 ? Math.min(3600 * 1000 * 3, SEEDED_HISTORY_SPAN_MS / count) : 0;
		for (let index = 0; index < count; index++) {
			const id = ids.next();
			const createdMs = SEED_EPOCH_MS + Math.round(index * stepMs);
			const isAdmin = index === 0;
			const firstName = isAdmin ? 'System' : random.pick(FIRST_NAMES);
			const lastName = isAdmin ? 'Administrator' : random.pick(LAST_NAMES);
			const name = isAdmin
				? options.adminUsername
				: `${firstName}.${lastName}${index}`.toLowerCase();
			const user: SandboxUser = {
				id,
				_id: id,
				name,
				firstName,
				lastName,
				email: `${name}@example.com`,
				role: isAdmin ? 'Admin' : pickWeightedRole(random),
				isEnabled: isAdmin || random.chance(0.9),
				origin: !isAdmin && random.chance(0.15) ? 'saml' : 'local',
				createdAt: iso(createdMs),
				updatedAt: iso(createdMs + random.integer(0, 30) * DAY_MS),
			};
			this.add(user, isAdmin ? options.adminPassword : undefined);
		}
	}

	get(id: string): SandboxUser | undefined {
		return this.usersById.get(id);
	}

	findByName(name: string): SandboxUser | undefined {
		return this.usersByName.get(name);
	}

	/** Creates without the API's validation, the way an identity provider provisions users. */
	create(fields: UserFields): SandboxUser {
		const { password, ...userFields } = fields;
		const id = this.ids.next();
		const createdAt = iso(this.clock.stamp());
		const user = {
			isEnabled: true,
			origin: 'local',
			...userFields,
			id,
			_id: id,
			createdAt,
			updatedAt: createdAt,
		} as SandboxUser;
		this.add(user, typeof password === 'string' ? password : undefined);
		return user;
	}

	/** Merges the patch into the user and bumps updatedAt. */
	update(id: string, patch: UserFields): SandboxUser | undefined {
		const user = this.usersById.get(id);
		if (!user) return undefined;
		const { password, id: _ignoredId, _id, createdAt, updatedAt, ...changes } = patch;
		const previousName = user.name;
		Object.assign(user, changes);
		this.reindexName(user, previousName);
		if (typeof password === 'string') this.passwordsByUserId.set(id, password);
		user.updatedAt = iso(this.clock.stamp());
		return user;
	}

	/**
	 * Full-replacement PUT: the user keeps only the given fields plus what the server owns
	 * (ids, createdAt, origin); everything else is lost, as the user-management guide (docs/bigid-api.md) warns.
	 */
	replace(id: string, fields: UserFields): SandboxUser | undefined {
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
		user.updatedAt = iso(this.clock.stamp());
		return user;
	}

	delete(id: string): boolean {
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
		if (user) user.updatedAt = iso(this.clock.stamp());
		return user;
	}

	/** The user's password changed in BigID (a service account's rotation): the old one stops working. */
	setPassword(name: string, password: string): void {
		const user = this.usersByName.get(name);
		if (user) this.passwordsByUserId.set(user.id, password);
	}

	/** Whether a created local user may log in with this password. */
	isValidPassword(name: string, password: string): boolean {
		const user = this.usersByName.get(name);
		return (
			user !== undefined &&
			user.isEnabled !== false &&
			this.passwordsByUserId.get(user.id) === password
		);
	}

	private add(user: SandboxUser, password: string | undefined): void {
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
}

function pickWeightedRole(random: SeededRandom): string {
	let remaining = random.next();
	for (const seed of ROLE_SEEDS) {
		remaining -= seed.weight;
		if (remaining < 0) return seed.name;
	}
	return ROLE_SEEDS[ROLE_SEEDS.length - 1].name;
}
