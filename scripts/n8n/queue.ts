/**
 * n8n in queue mode on 127.0.0.1: PostgreSQL and Redis, a main (editor, API, webhooks, triggers)
 * and workers (`n8n worker`) that run the executions, every process with the pack in its own
 * N8N_USER_FOLDER, as on separate machines.
 */
import { spawn, type ChildProcess } from 'child_process';
import { createWriteStream, readFileSync, rmSync } from 'fs';
import path from 'path';

import { N8nInstance } from './instance';
import { installPack, type PackedPackage } from './pack';
import { freePort } from './processes';
import type { N8nRuntime } from './runtime';
import {
	ensureServersInstalled,
	startPostgres,
	startRedis,
	type Postgres,
	type Redis,
	type ServerProcess,
} from './services';

const WORKER_READY_TIMEOUT_MS = 180_000;
const WORKER_STOP_TIMEOUT_MS = 30_000;
/** Queue mode needs one key for all processes: each decrypts the credentials the others saved. */
const DEVELOPMENT_ENCRYPTION_KEY = 'n8n-nodes-bigid-queue-mode-development-key';

/** n8n on the PostgreSQL database, with the one encryption key every process must share. */
export function postgresEnvironment(postgres: Postgres): NodeJS.ProcessEnv {
	return {
		N8N_ENCRYPTION_KEY: DEVELOPMENT_ENCRYPTION_KEY,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
	};
}

/**
 * What makes an n8n process part of the queue-mode setup; the main and every worker get the same.
 * OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS sends the editor's manual runs to the workers too.
 */
export function queueModeEnvironment(postgres: Postgres, redis: ServerProcess): NodeJS.ProcessEnv {
	return {
		...postgresEnvironment(postgres),
		EXECUTIONS_MODE: 'queue',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
	};
}

/** One `n8n worker` process. */
export class N8nWorker {
	readonly instance: N8nInstance;
	healthPort = 0;
	private child?: ChildProcess;
	private exited?: Promise<void>;

	constructor(
		readonly name: string,
		n8n: N8nRuntime,
		userFolder: string,
		mainPort: number,
		env: NodeJS.ProcessEnv,
		readonly logFile: string,
	) {
		this.instance = new N8nInstance({ n8n, userFolder, port: mainPort, env });
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		return this.child !== undefined;
	}

	async start(): Promise<void> {
		if (this.child) return;
		this.healthPort = await freePort();
		const { n8n } = this.instance;
		// environment() gives each process its own N8N_RUNNERS_BROKER_PORT: two workers on the
		// default port, 5679, would collide and the second would exit.
		const env = {
			...(await this.instance.environment()),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(this.healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		};
		const log = createWriteStream(this.logFile, { flags: 'a' });
		const child = spawn(n8n.runtime.node, [n8n.bin, 'worker', '--concurrency=10'], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout.pipe(log, { end: false });
		child.stderr.pipe(log, { end: false });
		this.child = child;
		this.exited = new Promise((resolve) =>
			child.once('exit', () => {
				if (this.child === child) this.child = undefined;
				log.end(resolve);
			}),
		);
		await this.waitUntilReady();
	}

	private async waitUntilReady(): Promise<void> {
		const deadline = Date.now() + WORKER_READY_TIMEOUT_MS;
		while (Date.now() < deadline) {
			if (!this.child) throw new Error(`${this.name} exited while starting; see ${this.logFile}`);
			try {
				const response = await fetch(`http://127.0.0.1:${this.healthPort}/healthz/readiness`);
				if (response.ok) return;
			} catch {
				// Not listening yet.
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`${this.name} did not become ready; see ${this.logFile}`);
	}

	/** SIGTERM lets the worker finish its running executions first; SIGKILL does not. */
	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		const child = this.child;
		if (!child) return;
		child.kill(signal);
		const killer = setTimeout(() => child.kill('SIGKILL'), WORKER_STOP_TIMEOUT_MS);
		await this.exited;
		clearTimeout(killer);
	}

	/** The execution IDs this worker started, from its log ("Worker started execution 12 (job 7)"). */
	startedExecutions(): string[] {
		let log = '';
		try {
			log = readFileSync(this.logFile, 'utf8');
		} catch {
			return [];
		}
		return [...log.matchAll(/Worker started execution (\d+)/g)].map(([, id]) => id);
	}
}

/**
 * n8n 2.x on a new PostgreSQL database listens, and answers /rest/settings, while it still runs
 * its migrations; its login route exists only after them.
 */
async function untilLoginRouteExists(main: N8nInstance): Promise<void> {
	const deadline = Date.now() + WORKER_READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		const response = await fetch(`${main.url}/rest/login`, { method: 'POST' });
		if (response.status !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n's REST API did not come up at ${main.url}; see ${main.userFolder}`);
}

export interface QueueStackOptions {
	n8n: N8nRuntime;
	pack: PackedPackage;
	/** Everything of this setup goes here: databases, user folders, logs. */
	folder: string;
	/** Start from empty databases and user folders. */
	fresh?: boolean;
	/** 2 by default; 0 runs one n8n process in regular mode on the same PostgreSQL, without Redis. */
	workers?: number;
	mainPort?: number;
	/** More environment for every n8n process (main and workers). */
	env?: NodeJS.ProcessEnv;
}

export interface QueueStack {
	postgres: Postgres;
	/** Absent without workers. */
	redis?: Redis;
	/** The main: editor, REST API, webhooks and triggers. Not started yet: import first. */
	main: N8nInstance;
	workers: N8nWorker[];
	/** The log of each process, for the user. */
	logs: Record<string, string>;
	/** Starts the main, then the workers. */
	startN8n(): Promise<void>;
	/** Stops everything that runs, n8n first. */
	stop(): Promise<void>;
}

export async function startQueueStack(options: QueueStackOptions): Promise<QueueStack> {
	const { n8n, pack, folder } = options;
	const workerCount = options.workers ?? 2;
	// Before anything starts: what is missing is named (or installed) at once.
	await ensureServersInstalled(workerCount > 0 ? ['postgres', 'redis'] : ['postgres']);
	if (options.fresh) rmSync(folder, { recursive: true, force: true });
	const logs: Record<string, string> = {
		postgres: path.join(folder, 'postgres.log'),
		main: path.join(folder, 'main', 'n8n.log'),
	};
	const postgres = await startPostgres({
		dataDir: path.join(folder, 'postgres'),
		logFile: logs.postgres,
	});
	let redis: Redis | undefined;
	if (workerCount > 0) {
		logs.redis = path.join(folder, 'redis.log');
		try {
			redis = await startRedis({ dataDir: path.join(folder, 'redis'), logFile: logs.redis });
		} catch (error) {
			await postgres.stop();
			throw error;
		}
	}
	const env = {
		...(redis ? queueModeEnvironment(postgres, redis) : postgresEnvironment(postgres)),
		...options.env,
	};
	const mainFolder = path.join(folder, 'main');
	const main = new N8nInstance({
		n8n,
		userFolder: mainFolder,
		port: options.mainPort ?? (await freePort()),
		logFile: logs.main,
		env,
	});
	const workers = Array.from({ length: workerCount }, (_, index) => {
		const name = `worker-${index + 1}`;
		const userFolder = path.join(folder, name);
		logs[name] = path.join(userFolder, 'n8n.log');
		return new N8nWorker(name, n8n, userFolder, main.port, env, logs[name]);
	});
	// Every process loads community packages from its own N8N_USER_FOLDER/.n8n/nodes.
	for (const userFolder of [
		main.userFolder,
		...workers.map((worker) => worker.instance.userFolder),
	]) {
		await installPack(userFolder, pack);
	}
	return {
		postgres,
		redis,
		main,
		workers,
		logs,
		startN8n: async () => {
			await main.start();
			await untilLoginRouteExists(main);
			await Promise.all(workers.map(async (worker) => await worker.start()));
		},
		stop: async () => {
			await Promise.all([main.stop(), ...workers.map(async (worker) => await worker.stop())]);
			await Promise.all([redis?.stop(), postgres.stop()]);
		},
	};
}
