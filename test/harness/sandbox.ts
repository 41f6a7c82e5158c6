import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Sandbox, SandboxOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { CasesModel } from '../../sandbox/entities/cases/model';
import { casesApi } from '../../sandbox/entities/cases/routes';
import type { TestCredentialsHelper } from './credentialsHelper';
import { createCredentials } from './engine';

export interface SandboxSession {
	sandbox: Sandbox;
	credentials: TestCredentialsHelper;
}

/** A sandbox and a credential pointing at it with the sandbox's demo login. */
export async function startSandboxSession(
	options: SandboxOptions = {},
	credential: ICredentialDataDecryptedObject = {},
): Promise<SandboxSession> {
	const sandbox = await startSandbox(options);
	const credentials = createCredentials({
		baseUrl: sandbox.url,
		username: sandbox.options.username,
		password: sandbox.options.password,
		apiToken: sandbox.options.apiToken,
		...credential,
	});
	return { sandbox, credentials };
}

export interface CaseSession extends SandboxSession {
	cases: CasesModel;
}

/** A sandbox session with its DSPM cases model at hand, to open cases and change their status. */
export async function startCaseSession(options: SandboxOptions): Promise<CaseSession> {
	const session = await startSandboxSession(options);
	return { ...session, cases: session.sandbox.store.model(casesApi) };
}

/** How many requests the sandbox answered on a route (`GET /api/v1/users`), none counting as 0. */
export function requestsTo(sandbox: Sandbox, route: string): number {
	return sandbox.stats.byRoute[route] ?? 0;
}

/** Everything an execution produced, as text, for the "no secret anywhere" checks. */
export function everythingVisible(result: {
	items: unknown[];
	outputs?: Record<string, unknown[]>;
	error?: unknown;
}): string {
	const error = result.error as
		{ message?: string; description?: string | null; stack?: string } | undefined;
	return JSON.stringify([
		result.outputs ?? result.items,
		error?.message,
		error?.description,
		error?.stack,
		error,
	]);
}

/**
 * A fresh sandbox and credential for each test of the calling `describe` block, closed after it.
 * The returned object is filled in before each test.
 */
export function useSandboxSession(options: SandboxOptions = {}): SandboxSession {
	const session = {} as SandboxSession;
	beforeEach(async () => {
		Object.assign(session, await startSandboxSession(options));
	});
	afterEach(async () => await session.sandbox.close());
	return session;
}
