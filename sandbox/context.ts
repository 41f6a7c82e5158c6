import type { IncomingHttpHeaders } from 'http';
import type { SandboxStats } from './counters';
import type { AuthHeaderFormat, TokenRegistry } from './entities/sessions/model';
import type { FaultController } from './faults';
import type { SandboxStore } from './store';

export interface SandboxOptions {
	/** 0 picks a free port. */
	port?: number;
	users?: number;
	dataSources?: number;
	/** Finished historical parent scans. */
	parentScans?: number;
	/** Silent maximum page size of every list endpoint. */
	pageCap?: number;
	/** Page size when a request gives no limit. */
	defaultPageSize?: number;
	/** Shape of the /users and /roles list answers: the user-management guide's bare one or real deployments' wrapped one. */
	userEnvelope?: 'bare' | 'wrapped';
	/** PUT /users/:id merges the body, or replaces the whole user with it (absent fields are lost). */
	putSemantics?: 'merge' | 'replace';
	/**
	 * User answers carry `password: ""` and `token: ""`, as real deployments' records do: a
	 * client that PUTs a user back as read blanks the password.
	 */
	blankSecretFields?: boolean;
	/** Passwords shorter than this are refused with a validation message that quotes the value, as Joi's do; 0 accepts any. */
	passwordMinLength?: number;
	tokenTtlMs?: number;
	/** A token stops working after this many authenticated requests. */
	tokenMaxUses?: number;
	authHeader?: AuthHeaderFormat;
	username?: string;
	password?: string;
	apiToken?: string;
	/** How long a started scan takes from Queued to its final state. */
	scanDurationMs?: number;
	/** Serve JSON with content-type text/html, as some proxies do. */
	jsonAsHtml?: boolean;
	/** Whether the unconfirmed list, update and delete scan profile endpoints exist. */
	scanProfileCrud?: boolean;
	/** Whether GET /ds-connections/:idOrName exists; BigID's API guides (docs/bigid-api.md) only confirm the list. */
	dataSourceLookup?: boolean;
	/**
	 * Whether testing a data source connection (`POST /ds-connection-test`, unconfirmed:
	 * docs/bigid-api.md, part 2) exists; without it the route answers 404.
	 */
	dataSourceConnectionTest?: boolean;
	/** Seeds the data and the fault sequence. */
	seed?: number;
	/** DSPM cases seeded as history; finished scans open more. */
	cases?: number;
	/** How this BigID spells the equality operator of case filters; the other spelling answers 400. */
	caseFilterOperator?: 'equal' | 'equals';
	/** The query parameter the case lists page by; the other one is ignored. */
	casePaging?: 'skip' | 'offset';
	/**
	 * Whether the case write-backs whose paths are inferred exist: assign, bulk update, tickets
	 * through BigID's integrations (docs/bigid-api.md, part 2). Without them they answer 404.
	 */
	caseWriteBacks?: boolean;
	/**
	 * Whether removing tags from catalog objects (`DELETE /data-catalog/manual-fields/tags`, inferred
	 * from the write that adds them) exists; without it the route answers 404.
	 */
	catalogTagRemoval?: boolean;
	/** Whether cases-group-by-policy honours `groupBy`; a version without it groups by policy and status. */
	caseGroupBy?: boolean;
	/** The ticketing systems BigID's integration is configured for; a ticket for another one fails. */
	caseTicketSystems?: ReadonlyArray<'jira' | 'service_now'>;
	/**
	 * Whether BigID's Remediation app is installed (its proxy paths are inferred, docs/bigid-api.md,
	 * part 2); without it every path of the app proxy answers 404.
	 */
	remediationApp?: boolean;
	/**
	 * How many status reads a DSAR request's search takes (Pending, InProgress, then Completed at
	 * this read); it also ends once it has run for scanDurationMs.
	 */
	dsarStatusReads?: number;
	/** How the report of a request not completed answers (unrecorded): 409, or 404 as an unknown request does. */
	dsarReportNotReady?: 409 | 404;
	/** Whether the unconfirmed `GET /sar/reports/:id/status` exists; without it the route answers 404. */
	dsarReportStatus?: boolean;
	/** Serve HTTPS with this key and certificate (PEM) instead of HTTP: the TLS cases. */
	tls?: SandboxTls | false;
}

export interface SandboxTls {
	key: string | Buffer;
	cert: string | Buffer;
}

export type ResolvedSandboxOptions = Required<SandboxOptions>;

export const DEFAULT_OPTIONS: ResolvedSandboxOptions = {
	port: 0,
	users: 25,
	dataSources: 5,
	parentScans: 3,
	pageCap: 1000,
	defaultPageSize: 50,
	userEnvelope: 'bare',
	putSemantics: 'merge',
	blankSecretFields: false,
	passwordMinLength: 0,
	tokenTtlMs: 24 * 3600 * 1000,
	tokenMaxUses: Infinity,
	authHeader: 'either',
	username: 'admin',
	password: 'sandbox-password',
	apiToken: 'sandbox-api-token',
	scanDurationMs: 3000,
	jsonAsHtml: false,
	scanProfileCrud: true,
	dataSourceLookup: true,
	dataSourceConnectionTest: true,
	seed: 1,
	tls: false,
	cases: 20,
	caseFilterOperator: 'equal',
	casePaging: 'skip',
	caseWriteBacks: true,
	catalogTagRemoval: true,
	caseGroupBy: true,
	caseTicketSystems: ['jira'],
	remediationApp: true,
	dsarStatusReads: 3,
	dsarReportNotReady: 409,
	dsarReportStatus: true,
};

export interface SandboxTicket {
	id: number;
	receivedAt: string;
	body: unknown;
}

/** Everything a route handler may touch. */
export interface SandboxContext {
	options: ResolvedSandboxOptions;
	store: SandboxStore;
	tokens: TokenRegistry;
	faults: FaultController;
	stats: SandboxStats;
	tickets: SandboxTicket[];
	resetStats(): void;
}

export interface ApiRequest {
	params: Record<string, string>;
	query: URLSearchParams;
	/** The parsed JSON body; {} when there was none. */
	body: unknown;
	headers: IncomingHttpHeaders;
}

export type ApiResponse =
	{ status: number; json: unknown } | { status: number; text: string; contentType: string };

export interface RouteDefinition {
	method: string;
	/** Express-style, e.g. `/api/v1/users/:id`; also the route key in stats and fault scopes. */
	pattern: string;
	requiresAuth: boolean;
	/** Counted in stats.writes when it succeeds. */
	isWrite: boolean;
	handle(request: ApiRequest, context: SandboxContext): ApiResponse;
}

/** The request body as an object, or undefined when it is not one. */
export function bodyObject(request: ApiRequest): Record<string, unknown> | undefined {
	const { body } = request;
	return typeof body === 'object' && body !== null && !Array.isArray(body)
		? (body as Record<string, unknown>)
		: undefined;
}
