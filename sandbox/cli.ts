/**
 * `npm run sandbox [-- --port N]`: a standalone BigID sandbox for trying the nodes in a real n8n.
 * The port comes from --port, else BIGID_SANDBOX_PORT, else a free one.
 */
import { startSandbox } from './index';

function requestedPort(): number {
	const flagIndex = process.argv.indexOf('--port');
	const raw = flagIndex >= 0 ? process.argv[flagIndex + 1] : process.env.BIGID_SANDBOX_PORT;
	const port = Number(raw ?? 0);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`Invalid port: ${raw}`);
	}
	return port;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({ port: requestedPort() });
	const { username, password, apiToken } = sandbox.options;
	console.log(`BigID sandbox listening on ${sandbox.url}`);
	console.log(`  API base URL : ${sandbox.url}/api/v1`);
	console.log(`  Username     : ${username}`);
	console.log(`  Password     : ${password}`);
	console.log(`  API token    : ${apiToken}`);
	console.log(`  Test controls: ${sandbox.url}/__sandbox/ (stats, faults, users, scans, tickets)`);
	console.log('Press Ctrl-C to stop.');
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
