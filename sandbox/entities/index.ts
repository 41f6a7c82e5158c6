import type { SandboxEntity } from '../entity';
import { accessIntelligenceApi } from './accessIntelligence/routes';
import { casesApi } from './cases/routes';
import { auditLogApi } from './auditLog/routes';
import { catalogApi } from './catalog/routes';
import { dataSourcesApi } from './dataSources/routes';
import { dsarApi } from './dsar/routes';
import { policiesApi } from './policies/routes';
import { remediationApi } from './remediation/routes';
import { rolesApi } from './roles/routes';
import { scanProfilesApi } from './scanProfiles/routes';
import { scansApi } from './scans/routes';
import { sessionsApi } from './sessions/routes';
import { tagsApi } from './tags/routes';
import { usersApi } from './users/routes';

/**
 * The BigID APIs the sandbox serves, one line each. Models are built in this order (so an entity
 * comes after the ones its model reads, and the seeded data stays the same for a seed); routes
 * of different entities never overlap, so their order does not matter.
 */
export const ENTITIES: ReadonlyArray<SandboxEntity> = [
	sessionsApi,
	rolesApi,
	dataSourcesApi,
	usersApi,
	scanProfilesApi,
	scansApi,
	casesApi,
	catalogApi,
	auditLogApi,
	dsarApi,
	policiesApi,
	tagsApi,
	remediationApi,
	accessIntelligenceApi,
];
