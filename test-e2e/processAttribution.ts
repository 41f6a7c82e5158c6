/**
 * A TCP forwarder in front of the sandbox that tells which n8n process sent each BigID request:
 * it finds the local process owning the client end of every connection (Linux /proc), then
 * counts the HTTP request lines that connection carries, by process and by request.
 */
import { readdirSync, readFileSync, readlinkSync } from 'fs';
import net from 'net';

export interface NamedProcess {
	name: string;
	pid: number | undefined;
}

/** `POST /api/v1/sessions` -> count, per process name; `unknown` for any other client. */
export type RequestsByProcess = Record<string, Record<string, number>>;

const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE) (\/[^\s?]*)\S* HTTP\/1\.[01]\r$/gm;
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3}) /gm;

/** The inode of the TCP socket 127.0.0.1:localPort -> 127.0.0.1:remotePort, from /proc/net/tcp. */
function socketInode(localPort: number, remotePort: number): string | undefined {
	const hex = (port: number) => `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
	for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
		const fields = line.trim().split(/\s+/);
		if (fields[1] === hex(localPort) && fields[2] === hex(remotePort)) return fields[9];
	}
	return undefined;
}

function ownsSocket(pid: number, inode: string): boolean {
	const link = `socket:[${inode}]`;
	try {
		return readdirSync(`/proc/${pid}/fd`).some((fd) => {
			try {
				return readlinkSync(`/proc/${pid}/fd/${fd}`) === link;
			} catch {
				return false;
			}
		});
	} catch {
		return false;
	}
}

export class AttributingProxy {
	readonly requests: RequestsByProcess = {};
	/** The same with the answer's status: `PUT /api/v1/users/1 401`. */
	readonly answers: RequestsByProcess = {};
	private readonly server: net.Server;
	port = 0;

	constructor(
		private readonly targetPort: number,
		private readonly candidates: () => NamedProcess[],
	) {
		this.server = net.createServer((client) => this.forward(client));
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async listen(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as net.AddressInfo).port;
	}

	async close(): Promise<void> {
		await new Promise((resolve) => {
			this.server.close(resolve);
			for (const socket of this.sockets) socket.destroy();
		});
	}

	private readonly sockets = new Set<net.Socket>();

	/** The client is still waiting for its answer here, so its socket is still open: look it up now. */
	private ownerOf(client: net.Socket): string {
		const inode = socketInode(client.remotePort!, this.port);
		if (inode === undefined) return 'unknown';
		const owner = this.candidates().find(({ pid }) => pid !== undefined && ownsSocket(pid, inode));
		return owner?.name ?? 'unknown';
	}

	private forward(client: net.Socket): void {
		const owner = this.ownerOf(client);
		const requests = (this.requests[owner] ??= {});
		const answers = (this.answers[owner] ??= {});
		// HTTP/1.1 answers come in the order of the requests on one connection.
		const unanswered: string[] = [];
		const upstream = net.connect(this.targetPort, '127.0.0.1');
		for (const socket of [client, upstream]) {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
			socket.on('error', () => {
				client.destroy();
				upstream.destroy();
			});
		}
		client.on('data', (chunk: Buffer) => {
			for (const [, method, path] of chunk.toString('latin1').matchAll(REQUEST_LINE)) {
				const request = `${method} ${path}`;
				requests[request] = (requests[request] ?? 0) + 1;
				unanswered.push(request);
			}
		});
		upstream.on('data', (chunk: Buffer) => {
			for (const [, status] of chunk.toString('latin1').matchAll(STATUS_LINE)) {
				const answer = `${unanswered.shift() ?? '?'} ${status}`;
				answers[answer] = (answers[answer] ?? 0) + 1;
			}
		});
		client.pipe(upstream).pipe(client);
	}
}

/** Sums the counts of the requests whose key matches, per process. */
export function countMatching(requests: RequestsByProcess, key: RegExp): Record<string, number> {
	return Object.fromEntries(
		Object.entries(requests).map(([process, counts]) => [
			process,
			Object.entries(counts)
				.filter(([request]) => key.test(request))
				.reduce((sum, [, count]) => sum + count, 0),
		]),
	);
}

/** The counts with BigID object IDs folded into `:id`: `PUT /api/v1/users/:id 200`. */
export function byRoute(requests: RequestsByProcess): RequestsByProcess {
	return Object.fromEntries(
		Object.entries(requests).map(([process, counts]) => {
			const folded: Record<string, number> = {};
			for (const [request, count] of Object.entries(counts)) {
				const route = request.replace(/\/[0-9a-f]{24}\b/g, '/:id');
				folded[route] = (folded[route] ?? 0) + count;
			}
			return [process, folded];
		}),
	);
}
