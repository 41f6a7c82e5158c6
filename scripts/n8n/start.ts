/**
 * `npm start [-- --n8n-version 1.123.81] [-- --fresh]`: builds and packs this repository, starts
 * the BigID sandbox and a real n8n on 127.0.0.1 with the pack installed as a community package,
 * a ready credential and the example workflows; Ctrl-C stops everything.
 * Ports: N8N_PORT (5678) and BIGID_SANDBOX_PORT (5679).
 */
import { rmSync } from 'fs';
import path from 'path';

import { startSandbox } from '../../sandbox';
import { forSandbox, loadExamples, SANDBOX_DEFAULT_PORT, sandboxCredentials } from './examples';
import { DEFAULT_OWNER, N8nInstance } from './instance';
import { buildAndPack, installPack } from './pack';
import { formatDuration } from './processes';
import { CACHE_DIR, DEFAULT_N8N_VERSION, ensureN8n, REPO_ROOT } from './runtime';

function flagValue(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

function portFromEnv(name: string, fallback: number): number {
	const port = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(port) || port <= 0 || port > 65535) {
		throw new Error(`${name} must be a port number, not "${process.env[name]}"`);
	}
	return port;
}

async function main(): Promise<void> {
	const started = Date.now();
	const version = flagValue('--n8n-version') ?? DEFAULT_N8N_VERSION;
	const n8nPort = portFromEnv('N8N_PORT', 5678);
	const sandboxPort = portFromEnv('BIGID_SANDBOX_PORT', SANDBOX_DEFAULT_PORT);

	const n8n = await ensureN8n(version);
	const pack = await buildAndPack();

	// The user folder is kept between runs so that your own workflows survive; --fresh starts over.
	const userFolder = path.join(CACHE_DIR, `start-n8n-${version}`);
	if (process.argv.includes('--fresh')) rmSync(userFolder, { recursive: true, force: true });
	const logFile = path.join(userFolder, 'n8n.log');
	const instance = new N8nInstance({ n8n, userFolder, port: n8nPort, logFile });
	await installPack(userFolder, pack);

	const sandbox = await startSandbox({ port: sandboxPort });
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox...');
		await instance.stop();
		await sandbox.close();
		process.exit(code);
	};
	process.once('SIGINT', () => void stop(0));
	process.once('SIGTERM', () => void stop(0));

	const examples = loadExamples();
	try {
		console.log('[start] importing the sandbox credentials and the example workflows');
		await instance.importCredentials(sandboxCredentials(sandbox.url, sandbox.options));
		await instance.importWorkflows(
			examples.map(({ workflow }) => forSandbox(workflow, sandbox.url)),
		);
		console.log(`[start] starting n8n ${version} (log: ${path.relative(REPO_ROOT, logFile)})`);
		await instance.start();
		await instance.setUpOwner(DEFAULT_OWNER);
	} catch (error) {
		console.error(`[start] ${(error as Error).message}`);
		await stop(1);
		return;
	}

	const { username, password, apiToken } = sandbox.options;
	console.log(`
n8n ${version} with n8n-nodes-bigid ${pack.version} is ready (${formatDuration(Date.now() - started)}).

  Open        ${instance.url}
  Log in as   ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}

  BigID sandbox  ${sandbox.url}/api/v1  (username ${username}, password ${password}, API token ${apiToken})
  Credentials    "BigID Sandbox" and "BigID Sandbox (API Token)"
  Workflows      ${examples.map(({ workflow }) => workflow.name).join('\n                 ')}

Press Ctrl-C to stop n8n and the sandbox.`);
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
