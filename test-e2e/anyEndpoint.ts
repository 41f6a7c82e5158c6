/**
 * Issue 20 in a real n8n: an HTTP Request node with Predefined Credential Type = BigID API calls a
 * BigID endpoint the BigID node does not name, in both authentication modes, through a revoked
 * session and a rejected password; and the credential's token never leaves its Base URL's host.
 */
import type { Sandbox } from '../sandbox';
import { SANDBOX_CREDENTIAL_ID, SANDBOX_TOKEN_CREDENTIAL_ID } from '../scripts/n8n/examples';
import type {
	CredentialImport,
	ExecutionResult,
	N8nInstance,
	WorkflowJson,
} from '../scripts/n8n/instance';
import { outputOf } from '../scripts/n8n/instance';
import { waitFor, webhookWorkflow } from './support';

export const TAG_PAIRS_PATH = '/api/v1/data-catalog/tags/all-pairs';
const REJECTED_CREDENTIAL_ID = 'BigIdHttpReject1';
const REJECTED_PASSWORD = 'a-password-the-http-request-node-has-wrong';

/** The credentials the HTTP Request workflows use, by the name the tests call them. */
export const HTTP_CREDENTIALS = {
	session: SANDBOX_CREDENTIAL_ID,
	apiToken: SANDBOX_TOKEN_CREDENTIAL_ID,
	rejected: REJECTED_CREDENTIAL_ID,
} as const;
export type HttpCredential = keyof typeof HTTP_CREDENTIALS;

/** A session credential whose password `sandbox` rejects. */
export function rejectedHttpCredential(sandbox: Sandbox): CredentialImport {
	return {
		id: REJECTED_CREDENTIAL_ID,
		name: 'HTTP Request: rejected password',
		type: 'bigIdApi',
		data: {
			baseUrl: sandbox.url,
			authMode: 'session',
			username: sandbox.options.username,
			password: REJECTED_PASSWORD,
			authHeaderFormat: 'raw',
			ignoreSslIssues: false,
		},
	};
}

const workflowIdOf = (credential: HttpCredential) =>
	`BigIdHttpCall${Object.keys(HTTP_CREDENTIALS).indexOf(credential) + 1}`;
const pathOf = (credential: HttpCredential) => `bigid-http-request-${credential.toLowerCase()}`;

/** Webhook `{url}` → HTTP Request GET url with the BigID API credential, answered when it ends. */
export function httpRequestWorkflows(): WorkflowJson[] {
	return (Object.keys(HTTP_CREDENTIALS) as HttpCredential[]).map((credential, index) =>
		webhookWorkflow({
			id: workflowIdOf(credential),
			name: `E2E: HTTP Request with BigID API (${credential})`,
			path: pathOf(credential),
			uuid: (node) => `20e2e000-0000-4000-8000-${String(index * 10 + node).padStart(12, '0')}`,
			target: {
				name: 'BigID Endpoint',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					url: '={{ $json.body.url }}',
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'bigIdApi',
					options: {},
				},
				credentials: { bigIdApi: { id: HTTP_CREDENTIALS[credential], name: credential } },
			},
			responseMode: 'lastNode',
		}),
	);
}

export async function activateHttpRequestWorkflows(instance: N8nInstance): Promise<void> {
	for (const { id } of httpRequestWorkflows()) await instance.activateWorkflow(id);
}

/**
 * One HTTP Request node execution for `url` with `credential`: its output when it succeeded, its
 * error when it failed (the webhook answers when the execution ends).
 */
export async function callThroughHttpRequest(
	instance: N8nInstance,
	credential: HttpCredential,
	url: string,
): Promise<{ output?: Array<Record<string, unknown>>; error?: string }> {
	const workflowId = workflowIdOf(credential);
	const before = (await instance.executionsOf(workflowId)).length;
	await waitFor('the webhook to answer', async () => {
		const response = await fetch(`${instance.url}/webhook/${pathOf(credential)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ url }),
		});
		return response.status === 404 ? undefined : true;
	});
	const execution = await waitFor('the HTTP Request execution', async () => {
		const executions = await instance.executionsOf(workflowId);
		const last: ExecutionResult | undefined = executions[before];
		return last && ['success', 'error'].includes(last.status ?? '') ? last : undefined;
	});
	if (execution.status === 'success') return { output: outputOf(execution, 'BigID Endpoint') };
	const run = execution.data.resultData.runData['BigID Endpoint']?.[0];
	return { error: run?.error?.message ?? execution.data.resultData.error?.message };
}
