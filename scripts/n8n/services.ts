/**
 * PostgreSQL and Redis as real servers for n8n's queue mode: the machine's own binaries (Debian's
 * `postgresql` and `redis-server` packages), run on 127.0.0.1 on free ports with their data in a
 * folder under .cache/. What is missing is installed with apt-get when this runs as root (CI),
 * and named with the command that installs it otherwise.
 */
import { spawn, type ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import {
	chownSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';

import { capture, CommandError, freePort, run } from './processes';

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
/** The OS user PostgreSQL runs as when this runs as root: PostgreSQL refuses to run as root. */
const POSTGRES_FALLBACK_OS_USER = 'n8n-nodes-bigid-pg';
export const POSTGRES_USER = 'n8n';
export const POSTGRES_DATABASE = 'n8n';

function say(message: string) {
	process.stdout.write(`[services] ${message}\n`);
}

const isRoot = () => process.getuid?.() === 0;

function onPath(command: string): string | undefined {
	for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(folder, command);
		if (folder && existsSync(candidate)) return candidate;
	}
	return undefined;
}

/** The bin folder of the newest PostgreSQL Debian installed (/usr/lib/postgresql/<major>/bin). */
function findPostgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root)
		? readdirSync(root)
				.filter((major) => existsSync(path.join(root, major, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (majors.length) return path.join(root, majors[0], 'bin');
	const initdb = onPath('initdb');
	return initdb ? path.dirname(initdb) : undefined;
}

const SERVERS = {
	postgres: { what: 'PostgreSQL', aptPackage: 'postgresql', find: findPostgresBin },
	redis: { what: 'Redis', aptPackage: 'redis-server', find: () => onPath('redis-server') },
};
export type ServerName = keyof typeof SERVERS;

let aptIndexUpdated = false;

/**
 * Installs the Debian packages of the servers that are missing when this runs as root with
 * apt-get (CI); otherwise fails naming them all and the command that installs them.
 */
export async function ensureServersInstalled(names: ServerName[]): Promise<void> {
	const missing = names.map((name) => SERVERS[name]).filter(({ find }) => find() === undefined);
	if (!missing.length) return;
	const what = missing.map((server) => server.what).join(' and ');
	const are = missing.length > 1 ? 'are' : 'is';
	const command = `apt-get install -y ${missing.map((server) => server.aptPackage).join(' ')}`;
	if (!isRoot() || !onPath('apt-get')) {
		throw new Error(
			`${what} ${are} not installed, and n8n's queue mode needs ${missing.length > 1 ? 'them' : 'it'}. ` +
				`Install with "sudo ${command}" (Debian/Ubuntu), then run this again.`,
		);
	}
	say(`${what} ${are} not installed: running "${command}"`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	if (!aptIndexUpdated) {
		await run('apt-get', ['update', '-qq'], { env });
		aptIndexUpdated = true;
	}
	const packages = missing.map((server) => server.aptPackage);
	await run('apt-get', ['install', '-y', '-qq', ...packages], { env });
	const stillMissing = missing.filter(({ find }) => find() === undefined);
	if (stillMissing.length) {
		const names = stillMissing.map((server) => server.what).join(' and ');
		throw new Error(`"${command}" ran, but ${names} cannot be found`);
	}
}

async function installedServer(name: ServerName): Promise<string> {
	await ensureServersInstalled([name]);
	return SERVERS[name].find()!;
}

interface OsUser {
	name: string;
	uid: number;
	gid: number;
}

async function osUser(name: string): Promise<OsUser | undefined> {
	try {
		const [uid, gid] = await Promise.all([
			capture('id', ['-u', name]),
			capture('id', ['-g', name]),
		]);
		return { name, uid: Number(uid), gid: Number(gid) };
	} catch {
		return undefined;
	}
}

/** Who runs PostgreSQL: this user, or when that is root, the `postgres` OS user or one made for it. */
async function postgresOsUser(): Promise<OsUser | undefined> {
	if (!isRoot()) return undefined;
	const existing = (await osUser('postgres')) ?? (await osUser(POSTGRES_FALLBACK_OS_USER));
	if (existing) return existing;
	say(`PostgreSQL refuses to run as root: creating the OS user ${POSTGRES_FALLBACK_OS_USER}`);
	await run('useradd', [
		'--system',
		'--no-create-home',
		'--shell',
		'/usr/sbin/nologin',
		POSTGRES_FALLBACK_OS_USER,
	]);
	return await osUser(POSTGRES_FALLBACK_OS_USER);
}

export interface ServerOptions {
	/** The server's data; kept between runs. */
	dataDir: string;
	logFile: string;
}

/** A server this process started and stops. */
export class ServerProcess {
	private readonly exited: Promise<void>;
	private running = true;

	constructor(
		readonly name: string,
		readonly port: number,
		private readonly child: ChildProcess,
		logFile: string,
		private readonly stopSignal: NodeJS.Signals,
	) {
		const log = createWriteStream(logFile, { flags: 'a' });
		child.stdout?.pipe(log, { end: false });
		child.stderr?.pipe(log, { end: false });
		this.exited = new Promise((resolve) =>
			child.once('exit', () => {
				this.running = false;
				log.end(resolve);
			}),
		);
	}

	get isRunning(): boolean {
		return this.running;
	}

	async stop(): Promise<void> {
		if (!this.running) return;
		this.child.kill(this.stopSignal);
		const killer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
		await this.exited;
		clearTimeout(killer);
	}
}

async function waitUntil(what: string, server: ServerProcess, ready: () => Promise<boolean>) {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (!server.isRunning) throw new Error(`${what} exited while starting`);
		if (await ready()) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`${what} did not become ready within ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * The data folder, when the OS user PostgreSQL runs as can reach it; otherwise (a checkout under
 * a private home folder, such as /root) one in the temporary folder, named after it.
 */
async function dataDirReachableBy(owner: OsUser, dataDir: string): Promise<string> {
	try {
		await capture('test', ['-x', path.dirname(dataDir)], { uid: owner.uid, gid: owner.gid });
		return dataDir;
	} catch {
		const fallback = path.join(
			os.tmpdir(),
			`n8n-nodes-bigid-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}-postgres`,
		);
		say(
			`the OS user ${owner.name} cannot reach ${path.dirname(dataDir)}: PostgreSQL keeps its data in ${fallback} instead`,
		);
		// The requested folder stands for the data: when it is gone (a fresh start), so is the data.
		if (!existsSync(dataDir)) {
			rmSync(fallback, { recursive: true, force: true });
			mkdirSync(dataDir);
			writeFileSync(path.join(dataDir, 'WHERE.txt'), `PostgreSQL's data is in ${fallback}\n`);
		}
		return fallback;
	}
}

export interface Postgres extends ServerProcess {
	user: string;
	database: string;
	/** Runs SQL with psql in the n8n database: the rows, each a list of column values. */
	query(sql: string): Promise<string[][]>;
}

/** PostgreSQL on 127.0.0.1 with a trusted superuser `n8n` and a database `n8n`. */
export async function startPostgres(options: ServerOptions): Promise<Postgres> {
	const bin = await installedServer('postgres');
	const owner = await postgresOsUser();
	const runAs = owner ? { uid: owner.uid, gid: owner.gid } : {};
	// Only the data folder is private (PostgreSQL insists); the folders above stay traversable.
	mkdirSync(path.dirname(options.dataDir), { recursive: true });
	const dataDir = owner ? await dataDirReachableBy(owner, options.dataDir) : options.dataDir;
	if (!existsSync(dataDir)) mkdirSync(dataDir, { mode: 0o700 });
	if (owner) chownSync(dataDir, owner.uid, owner.gid);

	if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
		say(`initialising a PostgreSQL cluster in ${dataDir}`);
		await capture(
			path.join(bin, 'initdb'),
			['-D', dataDir, '-U', POSTGRES_USER, '--auth=trust', '-E', 'UTF8', '--no-sync'],
			{ ...runAs, cwd: os.tmpdir() },
		);
	}

	const port = await freePort();
	const child = spawn(
		path.join(bin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			// No Unix socket: its path would have to fit in 107 characters.
			'-c',
			'unix_socket_directories=',
			// Durable enough for a development setup, and much lighter on a shared disk.
			'-c',
			'synchronous_commit=off',
		],
		{ ...runAs, cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const server = new ServerProcess('PostgreSQL', port, child, options.logFile, 'SIGINT');
	const client = ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_USER];
	await waitUntil(`PostgreSQL (log: ${options.logFile})`, server, async () => {
		try {
			await capture(path.join(bin, 'pg_isready'), [...client, '-d', 'postgres']);
			return true;
		} catch {
			return false;
		}
	});
	try {
		await capture(path.join(bin, 'createdb'), [...client, POSTGRES_DATABASE]);
	} catch (error) {
		if (!(error instanceof CommandError && /already exists/.test(error.output + error.message))) {
			await server.stop();
			throw error;
		}
	}
	const query = async (sql: string) =>
		(
			await capture(path.join(bin, 'psql'), [
				...client,
				'-d',
				POSTGRES_DATABASE,
				'-XtA',
				'-F',
				'\t',
				'-c',
				sql,
			])
		)
			.split('\n')
			.filter(Boolean)
			.map((row) => row.split('\t'));
	return Object.assign(server, { user: POSTGRES_USER, database: POSTGRES_DATABASE, query });
}

async function answersPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

export interface Redis extends ServerProcess {
	/** Runs one command with redis-cli (which Debian's redis-server brings): its raw answer. */
	command(...args: string[]): Promise<string>;
}

/** Redis on 127.0.0.1, without persistence: a queue for one run of n8n. */
export async function startRedis(options: ServerOptions): Promise<Redis> {
	const redisServer = await installedServer('redis');
	mkdirSync(options.dataDir, { recursive: true });
	const port = await freePort();
	const child = spawn(
		redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			options.dataDir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const server = new ServerProcess('Redis', port, child, options.logFile, 'SIGTERM');
	await waitUntil(`Redis (log: ${options.logFile})`, server, async () => await answersPing(port));
	const redisCli = path.join(path.dirname(redisServer), 'redis-cli');
	const command = async (...args: string[]) =>
		(await capture(redisCli, ['-h', '127.0.0.1', '-p', String(port), ...args])).trim();
	return Object.assign(server, { command });
}
