/**
 * A BigID sandbox in a worker thread of its own: the bench's stand-in for a BigID that runs on
 * its own machine, so that its work on each answer does not queue behind the client's on one
 * event loop. Stats and faults go through the sandbox's control routes, as a real n8n's would.
 */
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';

import type { SandboxOptions } from '../sandbox';
import { startSandbox } from '../sandbox';
import { CONTROL_PREFIX } from '../sandbox/control';
import type { SandboxStats } from '../sandbox/counters';
import type { FaultConfig } from '../sandbox/faults';

interface Ready {
	url: string;
	options: { username: string; password: string };
	users: number;
	parentScans: number;
}

/** What the bench's clients and `measure` need of a sandbox in another thread. */
export class SandboxThread {
	private constructor(
		private readonly worker: Worker,
		readonly url: string,
		readonly options: Ready['options'],
		/** How many users and parent scans the sandbox holds. */
		readonly counts: { users: number; parentScans: number },
	) {}

	static async start(options: SandboxOptions): Promise<SandboxThread> {
		// The bench runs under ts-node: the thread registers it before loading this file.
		const worker = new Worker(
			`require('ts-node').register({ transpileOnly: true, preferTsExts: true }); require(${JSON.stringify(__filename)});`,
			{ eval: true, workerData: options },
		);
		const ready = await new Promise<Ready>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', reject);
			worker.once('exit', (code) => reject(new Error(`The sandbox thread exited (${code})`)));
		});
		return new SandboxThread(worker, ready.url, ready.options, {
			users: ready.users,
			parentScans: ready.parentScans,
		});
	}

	async readStats(): Promise<SandboxStats> {
		return (await this.control('GET', '/stats')) as SandboxStats;
	}

	async configureFaults(config: FaultConfig): Promise<void> {
		await this.control('POST', '/faults', config);
	}

	async close(): Promise<void> {
		await this.worker.terminate();
	}

	private async control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
		const response = await fetch(`${this.url}${CONTROL_PREFIX}${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`Sandbox control ${method} ${path}: ${response.status}`);
		return await response.json();
	}
}

if (!isMainThread && parentPort) {
	const port = parentPort;
	void startSandbox(workerData as SandboxOptions).then((sandbox) => {
		const ready: Ready = {
			url: sandbox.url,
			options: { username: sandbox.options.username, password: sandbox.options.password },
			users: sandbox.store.users.length,
			parentScans: sandbox.store.parentScans.length,
		};
		port.postMessage(ready);
	});
}
