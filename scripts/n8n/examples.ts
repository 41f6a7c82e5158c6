/**
 * The example workflows in examples/ and the credentials they use. The examples name the sandbox
 * that `npm start` runs at SANDBOX_DEFAULT_URL; `forSandbox` points them at another address.
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';

import { JIRA_LOGIN } from '../../sandbox/jira';
import type { CredentialImport, WorkflowJson } from './instance';
import { REPO_ROOT } from './runtime';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const SANDBOX_DEFAULT_PORT = 5679;
export const SANDBOX_DEFAULT_URL = `http://127.0.0.1:${SANDBOX_DEFAULT_PORT}`;

/** The credential every example's BigID nodes use. */
export const SANDBOX_CREDENTIAL_ID = 'BigIdSandbox0001';
export const SANDBOX_TOKEN_CREDENTIAL_ID = 'BigIdSandbox0002';
/** The Jira Software Server credential of the Jira examples: the sandbox's Jira double. */
export const SANDBOX_JIRA_CREDENTIAL_ID = 'JiraSandbox00001';

export interface SandboxLogin {
	username: string;
	password: string;
	apiToken: string;
}

export function sandboxCredentials(sandboxUrl: string, login: SandboxLogin): CredentialImport[] {
	return [
		{
			id: SANDBOX_CREDENTIAL_ID,
			name: 'BigID Sandbox',
			type: 'bigIdApi',
			data: {
				baseUrl: sandboxUrl,
				authMode: 'session',
				username: login.username,
				password: login.password,
				authHeaderFormat: 'raw',
				ignoreSslIssues: false,
			},
		},
		{
			id: SANDBOX_TOKEN_CREDENTIAL_ID,
			name: 'BigID Sandbox (API Token)',
			type: 'bigIdApi',
			data: {
				baseUrl: `${sandboxUrl}/api/v1`,
				authMode: 'apiToken',
				apiToken: login.apiToken,
				authHeaderFormat: 'raw',
				ignoreSslIssues: false,
			},
		},
		{
			id: SANDBOX_JIRA_CREDENTIAL_ID,
			name: 'Jira Sandbox',
			type: 'jiraSoftwareServerApi',
			data: { email: JIRA_LOGIN.username, password: JIRA_LOGIN.password, domain: sandboxUrl },
		},
	];
}

export function loadExamples(): Array<{ file: string; workflow: WorkflowJson }> {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson,
		}));
}

/** A copy of the workflow whose sandbox addresses (the ticket endpoint) point at `sandboxUrl`. */
export function forSandbox(workflow: WorkflowJson, sandboxUrl: string): WorkflowJson {
	if (sandboxUrl === SANDBOX_DEFAULT_URL) return workflow;
	return JSON.parse(JSON.stringify(workflow).split(SANDBOX_DEFAULT_URL).join(sandboxUrl));
}
