/**
 * The demo that `npm start` runs and the screenshots are taken from: the packed pack in a real
 * n8n on 127.0.0.1, the BigID sandbox, a ready credential, the example workflows and the owner.
 */
import { rmSync } from 'fs';
import path from 'path';

import { startSandbox, type Sandbox } from '../../sandbox';
import { forSandbox, loadExamples, sandboxCredentials } from './examples';
import { DEFAULT_OWNER, N8nInstance } from './instance';
import { buildAndPack, installPack, type PackedPackage } from './pack';
import { startQueueStack, type QueueStack } from './queue';
import { CACHE_DIR, ensureN8n, REPO_ROOT } from './runtime';

export interface DemoOptions {
	n8nVersion: string;
	n8nPort?: number;
	sandboxPort?: number;
	/** Folder under .cache/ for n8n's data; kept between runs unless `fresh`. */
	folderName: string;
	fresh?: boolean;
	/** Queue mode: PostgreSQL, Redis, a main and this many workers. */
	queueWorkers?: number;
}

export interface Demo {
	instance: N8nInstance;
	sandbox: Sandbox;
	pack: PackedPackage;
	logFile: string;
	/** In queue mode: the servers, the workers and their logs. */
	queue?: QueueStack;
	stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
	const n8n = await ensureN8n(options.n8nVersion);
	const pack = await buildAndPack();
	const userFolder = path.join(CACHE_DIR, options.folderName);
	let instance: N8nInstance;
	let queue: QueueStack | undefined;
	if (options.queueWorkers) {
		queue = await startQueueStack({
			n8n,
			pack,
			folder: userFolder,
			fresh: options.fresh,
			workers: options.queueWorkers,
			mainPort: options.n8nPort,
		});
		instance = queue.main;
	} else {
		if (options.fresh) rmSync(userFolder, { recursive: true, force: true });
		const logFile = path.join(userFolder, 'n8n.log');
		instance = new N8nInstance({ n8n, userFolder, port: options.n8nPort, logFile });
		await installPack(userFolder, pack);
	}
	const logFile = queue?.logs.main ?? path.join(userFolder, 'n8n.log');

	let sandbox: Sandbox | undefined;
	const stop = async () => {
		await (queue ? queue.stop() : instance.stop());
		await sandbox?.close();
	};
	try {
		sandbox = await startSandbox({ port: options.sandboxPort ?? 0 });
		console.log('[demo] importing the sandbox credentials and the example workflows');
		await instance.importCredentials(sandboxCredentials(sandbox.url, sandbox.options));
		await instance.importWorkflows(
			loadExamples().map(({ workflow }) => forSandbox(workflow, sandbox!.url)),
		);
		console.log(
			`[demo] starting n8n ${options.n8nVersion}${queue ? ` in queue mode with ${queue.workers.length} workers` : ''} (log: ${path.relative(REPO_ROOT, logFile)})`,
		);
		await (queue ? queue.startN8n() : instance.start());
		await instance.setUpOwner(DEFAULT_OWNER);
	} catch (error) {
		await stop();
		throw error;
	}
	return { instance, sandbox, pack, logFile, queue, stop };
}
