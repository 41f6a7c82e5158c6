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
import { CACHE_DIR, ensureN8n, REPO_ROOT } from './runtime';

export interface DemoOptions {
	n8nVersion: string;
	n8nPort?: number;
	sandboxPort?: number;
	/** Folder under .cache/ for n8n's data; kept between runs unless `fresh`. */
	folderName: string;
	fresh?: boolean;
}

export interface Demo {
	instance: N8nInstance;
	sandbox: Sandbox;
	pack: PackedPackage;
	logFile: string;
	stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
	const n8n = await ensureN8n(options.n8nVersion);
	const pack = await buildAndPack();
	const userFolder = path.join(CACHE_DIR, options.folderName);
	if (options.fresh) rmSync(userFolder, { recursive: true, force: true });
	const logFile = path.join(userFolder, 'n8n.log');
	const instance = new N8nInstance({ n8n, userFolder, port: options.n8nPort, logFile });
	await installPack(userFolder, pack);

	const sandbox = await startSandbox({ port: options.sandboxPort ?? 0 });
	const stop = async () => {
		await instance.stop();
		await sandbox.close();
	};
	try {
		console.log('[demo] importing the sandbox credentials and the example workflows');
		await instance.importCredentials(sandboxCredentials(sandbox.url, sandbox.options));
		await instance.importWorkflows(
			loadExamples().map(({ workflow }) => forSandbox(workflow, sandbox.url)),
		);
		console.log(
			`[demo] starting n8n ${options.n8nVersion} (log: ${path.relative(REPO_ROOT, logFile)})`,
		);
		await instance.start();
		await instance.setUpOwner(DEFAULT_OWNER);
	} catch (error) {
		await stop();
		throw error;
	}
	return { instance, sandbox, pack, logFile, stop };
}
