import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { BigIdApi } from '../../credentials/BigIdApi.credentials';
import {
	isSessionOfCredential,
	loginIdentityOf,
	sessionSealOf,
} from '../../credentials/common/bigId/identity';
import { pairedRuns, spread } from '../measure';
import { ratios } from '../report';
import type { Scenario } from './common';

const REQUESTS = 10_000;

/**
 * What the credential does per request since issue 19 and 20 (the transport's check that the
 * stored session belongs to the credential as it is now, then `authenticate`: the Base URL's host
 * checked, the seal checked, the header set), against what it did before: the header alone. n8n
 * runs `authenticate` for every request, the pack's and the HTTP Request node's.
 */
export const credentialWorkPerRequest: Scenario = async ({ options }) => {
	const credential = new BigIdApi();
	const base: ICredentialDataDecryptedObject = {
		baseUrl: 'https://bigid.example.com',
		authMode: 'session',
		username: 'svc-n8n',
		password: 'a-service-account-password',
		authHeaderFormat: 'raw',
		sessionToken: 'eyJhbGciOiJIUzI1NiJ9.session.token',
	};
	const credentials: ICredentialDataDecryptedObject = {
		...base,
		sessionSeal: sessionSealOf(loginIdentityOf(base), String(base.sessionToken)),
	};
	const request = (): IHttpRequestOptions => ({
		url: 'https://bigid.example.com/api/v1/users',
		qs: { skip: 0, limit: 100 },
		headers: {},
	});
	const timed = async (work: () => Promise<unknown>) => {
		const started = performance.now();
		for (let index = 0; index < REQUESTS; index++) await work();
		return ((performance.now() - started) * 1000) / REQUESTS;
	};
	const now = async () =>
		await timed(async () => {
			if (!isSessionOfCredential(credentials)) throw new Error('the seal must match');
			return await credential.authenticate(credentials, request());
		});
	const headerOnly = async () =>
		await timed(async () => {
			const options = request();
			options.headers = { ...options.headers, Authorization: String(credentials.sessionToken) };
			return options;
		});
	const pairs = await pairedRuns(options, now, headerOnly);
	const pack = pairs.map((pair) => pair.pack);
	const raw = pairs.map((pair) => pair.raw);
	return [
		{
			scenario: 10,
			figure: `Credential work per request (${REQUESTS.toLocaleString('en-US')} requests): µs, now vs the header alone (before)`,
			pack: spread(pack),
			raw: spread(raw),
			ratio: ratios(pack, raw),
			digits: 2,
		},
	];
};
