/**
 * `npm start [-- --n8n-version 1.123.81] [-- --fresh] [-- --queue]`: builds and packs this
 * repository, starts the BigID sandbox and a real n8n on 127.0.0.1 with the pack installed as a
 * community package, a ready credential and the example workflows; Ctrl-C stops everything.
 * `--queue`: n8n in queue mode instead, with PostgreSQL, Redis, a main and two workers.
 * Ports: N8N_PORT (5678) and BIGID_SANDBOX_PORT (5679). n8n's data is kept in .cache/ between
 * runs, so your own workflows survive; the examples are imported again each time.
 */
import path from 'path';

import { JIRA_LOGIN } from '../../sandbox/jira';
import { startDemo } from './demo';
import { loadExamples, SANDBOX_DEFAULT_PORT } from './examples';
import { DEFAULT_OWNER } from './instance';
import { formatDuration } from './processes';
import type { QueueStack } from './queue';
import { DEFAULT_N8N_VERSION, REPO_ROOT } from './runtime';

const QUEUE_WORKERS = 2;

function describeQueue(queue: QueueStack): string {
	const logs = Object.entries(queue.logs)
		.map(([name, file]) => `${name.padEnd(10)} ${path.relative(REPO_ROOT, file)}`)
		.join('\n                 ');
	return `
  Queue mode     PostgreSQL 127.0.0.1:${queue.postgres.port} (database ${queue.postgres.database}, user ${queue.postgres.user}), Redis 127.0.0.1:${queue.redis?.port}
                 ${queue.workers.length} workers run the executions; the main serves the editor, webhooks and triggers
  Logs           ${logs}
`;
}

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
	const queueMode = process.argv.includes('--queue');
	const { instance, sandbox, pack, queue, stop } = await startDemo({
		n8nVersion: version,
		n8nPort: portFromEnv('N8N_PORT', 5678),
		sandboxPort: portFromEnv('BIGID_SANDBOX_PORT', SANDBOX_DEFAULT_PORT),
		folderName: `start-n8n-${version}${queueMode ? '-queue' : ''}`,
		fresh: process.argv.includes('--fresh'),
		queueWorkers: queueMode ? QUEUE_WORKERS : undefined,
	});
	let stopping = false;
	const onSignal = () => {
		if (stopping) return;
		stopping = true;
		console.log(
			`\nStopping n8n${queue ? ', its workers, PostgreSQL, Redis' : ''} and the sandbox...`,
		);
		void stop().then(() => process.exit(0));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	const { username, password, apiToken } = sandbox.options;
	const workflows = loadExamples().map(({ workflow }) => workflow.name);
	console.log(`
n8n ${version} with n8n-nodes-bigid ${pack.version} is ready (${formatDuration(Date.now() - started)}).

  Open        ${instance.url}
  Log in as   ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}

  BigID sandbox  ${sandbox.url}/api/v1  (username ${username}, password ${password}, API token ${apiToken})
  Jira sandbox   ${sandbox.url}  (Jira Server REST API; user ${JIRA_LOGIN.username}, password ${JIRA_LOGIN.password})
  Credentials    "BigID Sandbox", "BigID Sandbox (API Token)" and "Jira Sandbox"
  Workflows      ${workflows.join('\n                 ')}

${queue ? describeQueue(queue) : ''}
Press Ctrl-C to stop ${queue ? 'n8n, its workers, PostgreSQL, Redis' : 'n8n'} and the sandbox.`);
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
