import { spawn, type SpawnOptions } from 'child_process';
import { createWriteStream } from 'fs';
import net from 'net';

const OUTPUT_TAIL = 3000;

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Where stdout and stderr go; the caller's terminal when absent. */
	logFile?: string;
	/** Run as this OS user and group (when running as root). */
	uid?: number;
	gid?: number;
}

export class CommandError extends Error {
	constructor(
		message: string,
		readonly output: string,
	) {
		super(message);
	}
}

function describe(command: string, args: string[]): string {
	return [command, ...args].join(' ');
}

/** Runs a command to completion; rejects with its output when it exits non-zero. */
export async function run(command: string, args: string[], options: RunOptions = {}) {
	const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
	const spawnOptions: SpawnOptions = {
		cwd: options.cwd,
		env: options.env ?? process.env,
		uid: options.uid,
		gid: options.gid,
		stdio: log ? ['ignore', 'pipe', 'pipe'] : 'inherit',
	};
	const child = spawn(command, args, spawnOptions);
	if (log) {
		child.stdout?.pipe(log, { end: false });
		child.stderr?.pipe(log, { end: false });
	}
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	if (log) await new Promise((resolve) => log.end(resolve));
	if (code !== 0) {
		const where = options.logFile ? ` (output in ${options.logFile})` : '';
		throw new CommandError(`${describe(command, args)} exited with ${code}${where}`, '');
	}
}

/** Runs a command to completion and returns what it printed on stdout. */
export async function capture(
	command: string,
	args: string[],
	options: Omit<RunOptions, 'logFile'> = {},
): Promise<string> {
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		uid: options.uid,
		gid: options.gid,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	if (code !== 0) {
		// The end of the output says why; n8n prints whole executions before it.
		const output = `${stderr}${stdout}`.trimEnd();
		throw new CommandError(
			`${describe(command, args)} exited with ${code}:\n${output.length > OUTPUT_TAIL ? `...${output.slice(-OUTPUT_TAIL)}` : output}`,
			stdout + stderr,
		);
	}
	return stdout;
}

/**
 * Ports this process handed out. A port is not bound until its server starts, so the OS may hand
 * it out again meanwhile: to another n8n's server or task broker, which then answers in its place.
 */
const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
	for (;;) {
		const server = net.createServer();
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', resolve);
		});
		const { port } = server.address() as net.AddressInfo;
		await new Promise((resolve) => server.close(resolve));
		if (handedOut.has(port)) continue;
		handedOut.add(port);
		return port;
	}
}

export function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	return seconds < 60
		? `${seconds}s`
		: `${Math.floor(seconds / 60)}m${`${seconds % 60}`.padStart(2, '0')}s`;
}
