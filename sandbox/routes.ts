import type { RouteDefinition } from './context';
import { ENTITIES } from './entities';

/** The BigID API: every registered entity's routes; options remove the unconfirmed ones. */
export function buildApiRoutes(
	scanProfileCrud: boolean,
	dataSourceLookup = true,
): RouteDefinition[] {
	return ENTITIES.flatMap((entity) => entity.routes({ scanProfileCrud, dataSourceLookup }));
}
