import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateRequest } from './common/bigId/authenticate';
import { API_PREFIX } from './common/bigId/baseUrl';
import { sessionFor } from './common/bigId/loginBroker';

export class BigIdApi implements ICredentialType {
	name = 'bigIdApi';

	displayName = 'BigID API';

	icon = {
		light: 'file:../nodes/BigId/bigid.svg',
		dark: 'file:../nodes/BigId/bigid.dark.svg',
	} as const;

	documentationUrl = 'https://developer.bigid.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://bigid.example.com',
			description:
				'Address of your BigID deployment. https://host, https://host/ and https://host:8443/api/v1 are all accepted.',
		},
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'Username & Password',
					value: 'session',
					description:
						'Log in with POST /api/v1/sessions; n8n logs in again when the session expires',
				},
				{
					name: 'API Token',
					value: 'apiToken',
					description:
						'A user token generated in the BigID UI, exchanged for a system token with GET /api/v1/refresh-access-token',
				},
			],
			default: 'session',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['session'] } },
			description: 'A dedicated BigID service account is recommended',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['session'] } },
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMode: ['apiToken'] } },
			description:
				'Generated in BigID under Administration → Access Management → the user → Generate Token',
		},
		{
			displayName: 'Authorization Header Format',
			name: 'authHeaderFormat',
			type: 'options',
			options: [
				{
					name: 'Token Only (Most BigID Versions)',
					value: 'raw',
					description: 'Authorization: <token>',
				},
				{
					name: 'Bearer Token',
					value: 'bearer',
					description: 'Authorization: Bearer <token>',
				},
			],
			default: 'raw',
			description:
				'Most BigID versions expect the token as is; newer documentation writes "Bearer <token>". Change this only if BigID answers 401 with a valid login.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the TLS certificate cannot be verified, for example a self-signed certificate on an on-prem deployment',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Seal',
			name: 'sessionSeal',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * Executions that run at once share one login: those that ask while a login is under way
	 * wait for it, and those whose token this process saw rejected just before take the token that
	 * replaced it. A token this process never saw rejected (the newest one, or one another n8n
	 * process wrote to the credential) always leads to a login: it may be newer than ours. A secret
	 * BigID rejected is not tried again for a while (rejectedLogins.ts), by anything in the process,
	 * the credential's Test button included: a test of a new secret logs in at once.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await sessionFor(this, credentials);
	}

	/**
	 * An own property, not a method: what n8n's editor knows of a credential is the instance
	 * spread into a plain object, and only an `authenticate` found there makes the editor offer
	 * the credential in the HTTP Request node and add Custom API Call to the BigID node. A
	 * function, not a generic expression: n8n would evaluate the expression on every request, and
	 * an expression cannot check where the request goes.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => await authenticateRequest(credentials, requestOptions);

	/**
	 * The HTTP Request preset for this credential. n8n hides it from the nodes panel because the
	 * BigID node uses the credential (PackageDirectoryLoader.inferSupportedNodes); it still names
	 * the credential's docs and base URL where n8n shows a preset.
	 */
	httpRequestNode = {
		name: 'BigID',
		docsUrl: 'https://developer.bigid.com/',
		apiBaseUrlPlaceholder: 'https://bigid.example.com/api/v1/',
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: `${API_PREFIX}/roles`,
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message:
						"BigID answered with success: false. Check the credential and the user's permissions.",
				},
			},
		],
	};
}
