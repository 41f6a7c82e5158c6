import type { ModelServices } from '../../entity';

export interface SandboxRole {
	_id: string;
	id: string;
	name: string;
	description: string;
}

export const ROLE_SEEDS: ReadonlyArray<{ name: string; description: string; weight: number }> = [
	{ name: 'Admin', description: 'Full access to every BigID module', weight: 0.1 },
	{ name: 'Viewer', description: 'Read-only access to inventory and reports', weight: 0.4 },
	{ name: 'Data Steward', description: 'Manages data sources and scans', weight: 0.2 },
	{ name: 'Auditor', description: 'Reviews audit logs and access', weight: 0.15 },
	{ name: 'Privacy Analyst', description: 'Works on privacy cases and DSARs', weight: 0.15 },
];

/** The seeded roles; BigID's role API is read-only here. */
export class RolesModel {
	readonly roles: SandboxRole[] = [];
	private readonly rolesByName = new Map<string, SandboxRole>();

	constructor({ ids }: ModelServices) {
		for (const seed of ROLE_SEEDS) {
			const id = ids.next();
			const role: SandboxRole = { _id: id, id, name: seed.name, description: seed.description };
			this.roles.push(role);
			this.rolesByName.set(role.name, role);
		}
	}

	get(id: string): SandboxRole | undefined {
		return this.roles.find((role) => role._id === id);
	}

	findByName(name: string): SandboxRole | undefined {
		return this.rolesByName.get(name);
	}
}
