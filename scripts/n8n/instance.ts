/**
 * One real n8n installation in its own N8N_USER_FOLDER, run offline on 127.0.0.1: its CLI
 * (import, execute), its server (start, stop, restart) and the REST calls the editor makes.
 */
import { spawn, type ChildProcess } from 'child_process';
import { createRequire } from 'module';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	readFileSync,
	writeFileSync,
	type WriteStream,
} from 'fs';
import path from 'path';

import { capture, freePort } from './processes';
import type { N8nRuntime } from './runtime';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'admin@example.com',
	password: 'BigidSandbox1',
	firstName: 'Sandbox',
	lastName: 'Admin',
};

/** What `n8n import:credentials` reads: `data` in plain text, which it encrypts. */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface NodeRun {
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
	error?: { message?: string; description?: string };
}

/** The part of n8n's IRun that tests read. */
export interface ExecutionResult {
	status?: string;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			lastNodeExecuted?: string;
			error?: { message?: string };
		};
	};
}

export interface InstanceOptions {
	n8n: N8nRuntime;
	userFolder: string;
	/** A free one when absent. */
	port?: number;
	/** Where the server's output goes; the terminal (prefixed) when absent. */
	logFile?: string;
	/** More environment for every n8n process of this instance, e.g. queue mode's database and Redis. */
	env?: NodeJS.ProcessEnv;
}

const BROWSER_ID = 'n8n-nodes-bigid-tooling';
const READY_TIMEOUT_MS = 180_000;

/**
 * What `n8n start` prints once it has set up every route and activated the workflows, in 1.x and
 * 2.x alike. Its server listens, and answers /rest/settings and the owner setup, well before that:
 * on a busy machine a test that went on then met "Cannot GET /rest/workflows/<id>".
 */
const STARTED_LINE = 'Editor is now accessible via';
const STOP_TIMEOUT_MS = 30_000;

function offlineEnvironment(n8nVersion: string): NodeJS.ProcessEnv {
	return {
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// Where and how much n8n logs: its STARTED_LINE is an info line on the console.
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		// 2.x reaches out to an MCP server registry at start; 1.x has no such module.
		...(n8nVersion.startsWith('1.') ? {} : { N8N_DISABLED_MODULES: 'mcp-registry' }),
	};
}

export class N8nInstance {
	readonly n8n: N8nRuntime;
	readonly userFolder: string;
	port = 0;
	private readonly requestedPort?: number;
	private readonly logFile?: string;
	private readonly extraEnv: NodeJS.ProcessEnv;
	private server?: ChildProcess;
	private serverExit?: Promise<void>;
	private log?: WriteStream;
	/** Whether the running server printed STARTED_LINE. */
	private started = false;
	private cookie?: string;
	private owner?: Owner;

	constructor(options: InstanceOptions) {
		this.n8n = options.n8n;
		this.userFolder = options.userFolder;
		this.requestedPort = options.port;
		this.logFile = options.logFile;
		this.extraEnv = options.env ?? {};
		mkdirSync(this.userFolder, { recursive: true });
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get running(): boolean {
		return this.server !== undefined;
	}

	/** The server's process ID while it runs. */
	get pid(): number | undefined {
		return this.server?.pid;
	}

	/** Every n8n process of this instance, CLI or server, gets its own task-runner broker port. */
	async environment(): Promise<NodeJS.ProcessEnv> {
		// Under jest NODE_ENV is "test", which makes n8n silence its output and skip its server.
		const { NODE_ENV, ...inherited } = this.n8n.env;
		return {
			...inherited,
			...(NODE_ENV && NODE_ENV !== 'test' ? { NODE_ENV } : {}),
			...offlineEnvironment(this.n8n.version),
			N8N_USER_FOLDER: this.userFolder,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			WEBHOOK_URL: `${this.url}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...this.extraEnv,
		};
	}

	async cli(args: string[]): Promise<string> {
		if (this.port === 0) this.port = this.requestedPort ?? (await freePort());
		return await capture(this.n8n.runtime.node, [this.n8n.bin, ...args], {
			env: await this.environment(),
		});
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		await this.cli([
			'import:credentials',
			`--input=${this.writeImportFile('credentials', credentials)}`,
		]);
	}

	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		await this.cli(['import:workflow', `--input=${this.writeImportFile('workflows', workflows)}`]);
	}

	private writeImportFile(kind: string, content: unknown): string {
		const file = path.join(this.userFolder, `import-${kind}.json`);
		writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}

	/** `n8n execute --id`: runs a workflow from its Manual Trigger and returns the run. */
	async execute(workflowId: string): Promise<ExecutionResult> {
		const output = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return parseExecutionOutput(output);
	}

	/** A binary property's bytes, whether n8n kept them inline (base64) or in its file storage. */
	binaryContent(binary: { data: string; id?: string }): Buffer {
		if (!binary.id) return Buffer.from(binary.data, 'base64');
		const [mode, location] = binary.id.split(/:(.*)/s);
		const folder = mode === 'filesystem-v2' ? 'storage' : 'binaryData';
		return readFileSync(path.join(this.userFolder, '.n8n', folder, location));
	}

	async start(): Promise<void> {
		if (this.server) return;
		if (this.port === 0) this.port = this.requestedPort ?? (await freePort());
		const env = await this.environment();
		this.log = this.logFile ? createWriteStream(this.logFile, { flags: 'a' }) : undefined;
		const server = spawn(this.n8n.runtime.node, [this.n8n.bin, 'start'], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server = server;
		this.started = false;
		let lastOutput = '';
		server.stdout.on('data', (chunk: Buffer) => {
			// The line may come in two chunks: what is kept of the one before is longer than it.
			lastOutput = (lastOutput + chunk.toString()).slice(-2 * STARTED_LINE.length);
			if (lastOutput.includes(STARTED_LINE)) this.started = true;
		});
		for (const stream of [server.stdout, server.stderr]) {
			if (this.log) stream.pipe(this.log, { end: false });
			else
				stream.on('data', (chunk: Buffer) => process.stdout.write(prefixLines(chunk.toString())));
		}
		this.serverExit = new Promise((resolve) =>
			server.once('exit', () => {
				if (this.server === server) this.server = undefined;
				resolve();
			}),
		);
		await this.waitUntilReady();
		if (this.owner) await this.login(this.owner);
	}

	private async waitUntilReady(): Promise<void> {
		const deadline = Date.now() + READY_TIMEOUT_MS;
		while (Date.now() < deadline) {
			if (!this.server) {
				throw new Error(`n8n exited while starting${this.logFile ? `; see ${this.logFile}` : ''}`);
			}
			if (this.started) {
				try {
					// Not /healthz/readiness: 1.x answers it before its REST routes exist.
					const response = await fetch(`${this.url}/rest/settings`);
					if (response.ok) return;
				} catch {
					// Not listening yet.
				}
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not become ready within ${READY_TIMEOUT_MS / 1000} s`);
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		server.kill('SIGTERM');
		const killer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
		await this.serverExit;
		clearTimeout(killer);
		this.cookie = undefined;
		await new Promise((resolve) => (this.log ? this.log.end(resolve) : resolve(undefined)));
		this.log = undefined;
	}

	async restart(): Promise<void> {
		await this.stop();
		await this.start();
	}

	/** Sets up the instance owner on first use; logs in as that owner afterwards. */
	async setUpOwner(owner: Owner = DEFAULT_OWNER): Promise<void> {
		const response = await this.postOnceRouted(
			'/rest/owner/setup',
			owner,
			Date.now() + READY_TIMEOUT_MS,
		);
		this.owner = owner;
		if (response.status === 200) {
			this.keepCookie(response);
			return;
		}
		await this.login(owner);
	}

	async login(owner: Owner): Promise<void> {
		this.owner = owner;
		const deadline = Date.now() + READY_TIMEOUT_MS;
		const response = await this.postOnceRouted(
			'/rest/login',
			{ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password },
			deadline,
		);
		if (response.status !== 200) {
			throw new Error(`Login to n8n failed: HTTP ${response.status} ${await response.text()}`);
		}
		this.keepCookie(response);
		await this.waitUntilServing(deadline);
	}

	/**
	 * On a busy machine n8n 1.x answers /rest/settings a moment before its owner-setup and login
	 * routes exist: a 404 then means "not yet", and taking it for an answer sets up no owner, so the
	 * login after it fails with "Wrong username or password".
	 */
	private async postOnceRouted(
		urlPath: string,
		body: unknown,
		deadline: number,
	): Promise<Response> {
		for (;;) {
			const response = await this.fetch('POST', urlPath, body);
			if (response.status !== 404 || Date.now() > deadline) return response;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/**
	 * Until the workflows route answers JSON: a server that answers /rest/settings and the login may
	 * not have all its routes yet, and an unknown route gets an HTML 404 page.
	 */
	private async waitUntilServing(deadline: number): Promise<void> {
		for (;;) {
			const response = await this.fetch('GET', '/rest/workflows');
			if (response.ok && isJson(response)) return;
			if (Date.now() > deadline) {
				throw new Error(
					`n8n never served GET /rest/workflows: ${await this.describeAnswer(response)}`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/** An answer that is not n8n's, with what tells whose it is: the server, its port, its log. */
	private async describeAnswer(response: Response): Promise<string> {
		const text = await response.text();
		if (isJson(response)) return `HTTP ${response.status} ${text.slice(0, 500)}`;
		const page = /<pre>([\s\S]*?)<\/pre>/.exec(text)?.[1] ?? text.slice(0, 300);
		const listeners = await capture('ss', ['-Hltnp', `sport = :${this.port}`]).catch(
			(error: Error) => error.message,
		);
		const log = this.logFile && existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
		return [
			`HTTP ${response.status}, not JSON: ${page.trim()}`,
			`this instance's server: ${this.server ? `pid ${this.server.pid}, running` : 'not running'}`,
			`listening on port ${this.port}: ${listeners.trim() || 'nothing'}`,
			`the server log ends: ${log.split('\n').slice(-15).join('\n')}`,
		].join('\n');
	}

	private keepCookie(response: Response) {
		const setCookie = response.headers.get('set-cookie') ?? '';
		const match = /n8n-auth=[^;]+/.exec(setCookie);
		if (match) this.cookie = match[0];
	}

	private async fetch(method: string, urlPath: string, body?: unknown): Promise<Response> {
		return await fetch(`${this.url}${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}

	/** A REST call as the logged-in owner; returns the answer's `data` (or the whole JSON). */
	async rest<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const response = await this.fetch(method, urlPath, body);
		if (!response.ok) {
			throw new Error(`${method} ${urlPath}: ${await this.describeAnswer(response)}`);
		}
		const text = await response.text();
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	/** A stored credential as the editor's dialog reads it: secrets redacted. */
	private async storedCredential(
		credentialId: string,
	): Promise<{ name: string; type: string; data: Record<string, unknown> }> {
		return await this.rest('GET', `/rest/credentials/${credentialId}?includeData=true`);
	}

	/**
	 * What the credential dialog's test answers, as the editor asks it: the stored credential's
	 * (redacted) data, with `changes` typed over it.
	 */
	async testCredential(
		credentialId: string,
		changes: Record<string, unknown> = {},
	): Promise<{ status: string; message: string }> {
		const stored = await this.storedCredential(credentialId);
		return await this.rest('POST', '/rest/credentials/test', {
			credentials: {
				id: credentialId,
				name: stored.name,
				type: stored.type,
				data: { ...stored.data, ...changes },
			},
		});
	}

	/**
	 * Edits a credential as a user does in the editor's dialog: the stored (redacted) data with
	 * `changes` typed over it, saved; n8n keeps what the dialog sent redacted (the session token).
	 */
	async updateCredential(credentialId: string, changes: Record<string, unknown>): Promise<void> {
		const stored = await this.storedCredential(credentialId);
		await this.rest('PATCH', `/rest/credentials/${credentialId}`, {
			name: stored.name,
			type: stored.type,
			data: { ...stored.data, ...changes },
		});
	}

	/** The workflow's saved executions, oldest first, with how they started and their run data. */
	async executionsOf(
		workflowId: string,
	): Promise<Array<ExecutionResult & { id: string; mode: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await this.rest<{ results: Array<{ id: string }> }>(
			'GET',
			`/rest/executions?filter=${filter}&limit=100`,
		);
		const executions = [];
		for (const { id } of list.results) executions.push(await this.execution(id));
		return executions.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** One saved execution: how it started, how it ended, and its run data. */
	async execution(id: string): Promise<ExecutionResult & { id: string; mode: string }> {
		const execution = await this.rest<{ status: string; mode: string; data: string }>(
			'GET',
			`/rest/executions/${id}`,
		);
		// Run data is stored in the `flatted` format; n8n's own copy reads it.
		const flatted = createRequire(this.n8n.bin)('flatted') as { parse(text: string): unknown };
		return {
			id,
			status: execution.status,
			mode: execution.mode,
			data: flatted.parse(execution.data) as ExecutionResult['data'],
		};
	}

	/** Activates (in 2.x: publishes) a workflow on the running server. */
	async activateWorkflow(workflowId: string): Promise<void> {
		const workflow = await this.rest<{ versionId: string }>('GET', `/rest/workflows/${workflowId}`);
		if (this.n8n.version.startsWith('1.')) {
			await this.rest('PATCH', `/rest/workflows/${workflowId}`, {
				active: true,
				versionId: workflow.versionId,
			});
		} else {
			await this.rest('POST', `/rest/workflows/${workflowId}/activate`, {
				versionId: workflow.versionId,
			});
		}
	}

	/** Deactivates (in 2.x: unpublishes) a workflow on the running server. */
	async deactivateWorkflow(workflowId: string): Promise<void> {
		if (this.n8n.version.startsWith('1.')) {
			const workflow = await this.rest<{ versionId: string }>(
				'GET',
				`/rest/workflows/${workflowId}`,
			);
			await this.rest('PATCH', `/rest/workflows/${workflowId}`, {
				active: false,
				versionId: workflow.versionId,
			});
		} else {
			await this.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {});
		}
	}
}

function isJson(response: Response): boolean {
	return (response.headers.get('content-type') ?? '').includes('json');
}

function prefixLines(text: string): string {
	return text.replace(/^(?=.)/gm, '[n8n] ');
}

/**
 * `execute --rawOutput` prints the run as indented JSON, but n8n's own log lines may surround it:
 * the run is the block from the first line that is exactly "{" to the last that is exactly "}".
 */
export function parseExecutionOutput(output: string): ExecutionResult {
	const lines = output.split('\n');
	const first = lines.indexOf('{');
	const last = lines.lastIndexOf('}');
	if (first < 0 || last < first) throw new Error(`n8n execute printed no run:\n${output}`);
	return JSON.parse(lines.slice(first, last + 1).join('\n')) as ExecutionResult;
}

/** The JSON of the items a node put on its first output in its last run. */
export function outputOf(
	result: ExecutionResult,
	nodeName: string,
): Array<Record<string, unknown>> {
	const runs = result.data.resultData.runData[nodeName];
	if (!runs?.length) throw new Error(`Node "${nodeName}" did not run`);
	const run = runs[runs.length - 1];
	if (run.error) throw new Error(`Node "${nodeName}" failed: ${run.error.message}`);
	return (run.data?.main?.[0] ?? []).map((item) => item.json);
}
