import type { RouteDefinition } from './context';

interface CompiledRoute {
	definition: RouteDefinition;
	/** `METHOD /pattern`: the key of stats.byRoute, stats.writes and fault scopes. */
	key: string;
	segments: string[];
}

export interface RouteMatch {
	route: CompiledRoute;
	params: Record<string, string>;
}

/** Express-style matching of `/a/:param` patterns; the first match wins. */
export class Router {
	private readonly routes: CompiledRoute[];

	constructor(definitions: RouteDefinition[]) {
		this.routes = definitions.map((definition) => ({
			definition,
			key: `${definition.method} ${definition.pattern}`,
			segments: definition.pattern.split('/'),
		}));
	}

	match(method: string, path: string): RouteMatch | undefined {
		const segments = path.split('/');
		for (const route of this.routes) {
			if (route.definition.method !== method || route.segments.length !== segments.length) {
				continue;
			}
			const params: Record<string, string> = {};
			const matches = route.segments.every((segment, index) => {
				if (segment.startsWith(':')) {
					params[segment.slice(1)] = decodeURIComponent(segments[index]);
					return segments[index] !== '';
				}
				return segment === segments[index];
			});
			if (matches) return { route, params };
		}
		return undefined;
	}
}
