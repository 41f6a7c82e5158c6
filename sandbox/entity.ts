import type { SandboxClock } from './clock';
import type {
	ApiRequest,
	ApiResponse,
	ResolvedSandboxOptions,
	RouteDefinition,
	SandboxContext,
} from './context';
import type { ObjectIdFactory, SeededRandom } from './random';

/**
 * One BigID API in the sandbox: its model (the data and what may happen to it) and its routes
 * (the HTTP face of that model). Every entity is listed once in `entities/index.ts`.
 */
export interface SandboxEntity<Model = unknown> {
	/** Undefined for an API without data of its own (sessions keep theirs in the TokenRegistry). */
	createModel?: (services: ModelServices) => Model;
	routes(options: RouteOptions): RouteDefinition[];
}

/** What the store gives each model when the sandbox starts. */
export interface ModelServices {
	clock: SandboxClock;
	ids: ObjectIdFactory;
	/** Shared by every model, so seeding in ENTITIES order always yields the same data. */
	random: SeededRandom;
	options: StoreOptions;
	/** The model of an entity listed earlier in ENTITIES. */
	model<Model>(entity: SandboxEntity<Model>): Model;
}

export interface StoreOptions {
	seed: number;
	users: number;
	dataSources: number;
	parentScans: number;
	scanDurationMs: number;
	adminUsername: string;
	adminPassword: string;
	cases: number;
}

/** Options that add or remove routes, for BigID paths BigID's API guides (docs/bigid-api.md) do not confirm. */
export type RouteOptions = Pick<
	ResolvedSandboxOptions,
	| 'scanProfileCrud'
	| 'dataSourceLookup'
	| 'dataSourceConnectionTest'
	| 'caseWriteBacks'
	| 'catalogTagRemoval'
	| 'remediationApp'
>;

export type EntityHandler<Model> = (
	request: ApiRequest,
	model: Model,
	context: SandboxContext,
) => ApiResponse;

export interface RouteFlags {
	/** Default true: the request needs a valid session or system token. */
	requiresAuth?: boolean;
	/** Counted in stats.writes when it succeeds. */
	isWrite?: boolean;
}

export const WRITE: RouteFlags = { isWrite: true };
export const NO_AUTH: RouteFlags = { requiresAuth: false };

/** Binds a handler to its entity's model; `path` is below the API prefix. */
export type RouteBuilder<Model> = (
	method: string,
	path: string,
	handle: EntityHandler<Model>,
	flags?: RouteFlags,
) => RouteDefinition;

const API_PREFIX = '/api/v1';

/**
 * Defines a BigID API. Routes are listed in matching order: literal paths such as
 * /scans/parent-scans before /scans/:id.
 */
export function defineEntity<Model = undefined>(spec: {
	createModel?: (services: ModelServices) => Model;
	routes: (route: RouteBuilder<Model>, options: RouteOptions) => RouteDefinition[];
}): SandboxEntity<Model> {
	const entity: SandboxEntity<Model> = {
		createModel: spec.createModel,
		routes: (options) => spec.routes(route, options),
	};
	const modelOf = (context: SandboxContext) =>
		(spec.createModel ? context.store.model(entity) : undefined) as Model;
	const route: RouteBuilder<Model> = (method, path, handle, flags = {}) => ({
		method,
		pattern: API_PREFIX + path,
		requiresAuth: flags.requiresAuth ?? true,
		isWrite: flags.isWrite ?? false,
		handle: (request, context) => handle(request, modelOf(context), context),
	});
	return entity;
}
