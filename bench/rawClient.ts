import { Pool } from 'undici';

import type { SandboxAddress } from './scenarios/common';

type Json = Record<string, unknown>;

/**
 * The physical limit the pack is compared with: a bare undici keep-alive pool doing the same
 * requests, reading and keeping the same JSON, and nothing else.
 */
export class RawClient {
	private readonly pool: Pool;
	private token = '';

	constructor(
		private readonly sandbox: SandboxAddress,
		connections = 1,
	) {
		this.pool = new Pool(sandbox.url, { connections, pipelining: 1 });
	}

	async login(): Promise<void> {
		const { username, password } = this.sandbox.options;
		const body = await this.call('POST', '/api/v1/sessions', { username, password });
		this.token = String(body.auth_token);
	}

	async get(path: string, query: Record<string, string | number | boolean> = {}): Promise<Json> {
		const search = new URLSearchParams(
			Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
		).toString();
		return await this.call('GET', search ? `${path}?${search}` : path);
	}

	/** skip/limit pages with requireTotalCount, until totalCount or an empty page, as BigID clients read lists. */
	async listAll(
		path: string,
		listKey: string,
		pageSize: number,
		query: Record<string, string> = {},
	): Promise<Json[]> {
		const items: Json[] = [];
		for (;;) {
			const page = await this.page(path, listKey, items.length, pageSize, query);
			items.push(...page.items);
			if (page.items.length === 0 || items.length >= page.totalCount) return items;
		}
	}

	/**
	 * The first page, then the pages its totalCount announces, `concurrency` at a time on as many
	 * keep-alive connections (give the client that many): the least such a listing can cost.
	 */
	async listAllConcurrently(
		path: string,
		listKey: string,
		pageSize: number,
		concurrency: number,
	): Promise<Json[]> {
		const first = await this.page(path, listKey, 0, pageSize);
		const skips: number[] = [];
		for (let skip = first.items.length; skip < first.totalCount; skip += first.items.length) {
			skips.push(skip);
		}
		const pages: Json[][] = [];
		let next = 0;
		const worker = async () => {
			while (next < skips.length) {
				const index = next++;
				pages[index] = (await this.page(path, listKey, skips[index], pageSize)).items;
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, skips.length) }, worker));
		return [...first.items, ...pages.flat()];
	}

	private async page(
		path: string,
		listKey: string,
		skip: number,
		limit: number,
		query: Record<string, string> = {},
	): Promise<{ items: Json[]; totalCount: number }> {
		const body = await this.get(path, { ...query, skip, limit, requireTotalCount: true });
		const content = (body.data ?? body) as Json;
		return { items: content[listKey] as Json[], totalCount: Number(content.totalCount) };
	}

	async close(): Promise<void> {
		await this.pool.close();
	}

	private async call(method: 'GET' | 'POST', path: string, body?: Json): Promise<Json> {
		const response = await this.pool.request({
			method,
			path,
			headers: {
				...(this.token ? { authorization: this.token } : {}),
				...(body ? { 'content-type': 'application/json' } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
		});
		const answer = (await response.body.json()) as Json;
		if (response.statusCode !== 200) {
			throw new Error(`Raw client: ${method} ${path} answered ${response.statusCode}`);
		}
		return answer;
	}
}
