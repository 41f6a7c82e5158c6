export const API_PREFIX = '/api/v1';

export type BaseUrl = { baseUrl: string; problem?: undefined } | { problem: string };

/**
 * Users paste the BigID address in many forms: `https://host`, `https://host/`,
 * `https://host:8443/api/v1`, or a page of the web console. Every request is built from the
 * origin plus an optional reverse-proxy prefix, so everything from `/api/` on is cut away.
 */
export function parseBaseUrl(raw: unknown): BaseUrl {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') {
		return {
			problem:
				'The Base URL of the BigID API credential is empty. Enter the address of your BigID deployment, for example https://bigid.example.com',
		};
	}
	if (!/^https?:\/\//i.test(text)) {
		return {
			problem: `The Base URL "${text}" has no scheme. Enter it with https:// in front, for example https://${text.replace(/^\/+/, '')}`,
		};
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			problem: `The Base URL "${text}" is not a valid address. Enter it like https://bigid.example.com or https://bigid.example.com:8443`,
		};
	}
	const apiIndex = url.pathname.search(/\/api(\/|$)/i);
	const prefix = (apiIndex >= 0 ? url.pathname.slice(0, apiIndex) : url.pathname).replace(
		/\/+$/,
		'',
	);
	return { baseUrl: `${url.protocol}//${url.host}${prefix}` };
}
