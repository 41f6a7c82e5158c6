import type { RouteDefinition } from './context';
import { ENTITIES } from './entities';
import type { RouteOptions } from './entity';

/** The BigID API: every registered entity's routes; options remove the unconfirmed ones. */
export function buildApiRoutes(options: RouteOptions): RouteDefinition[] {
	return ENTITIES.flatMap((entity) => entity.routes(options));
}
