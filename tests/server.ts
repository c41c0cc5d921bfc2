import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * An extra instance of the built server for tests that kill, restart or reconfigure it; the shared
 * instance from playwright.config.ts stays untouched.
 */
export interface TestServer {
	url: string;
	port: number;
	dataDir: string;
	process: ChildProcess;
	exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const port = (server.address() as { port: number }).port;
			server.close(() => resolve(port));
		});
	});
}

export async function startServer(
	options: { port?: number; dataDir?: string; env?: Record<string, string>; cwd?: string } = {}
): Promise<TestServer> {
	const port = options.port ?? (await freePort());
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'klasakkoord-test-'));
	// The entry (server/index.js) of this checkout, or of a release folder (tests/release.ts).
	const child = spawn(process.execPath, ['server'], {
		cwd: options.cwd,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...options.env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const url = `http://127.0.0.1:${port}`;
	for (let attempt = 0; attempt < 100; attempt++) {
		try {
			await fetch(`${url}/robots.txt`);
			return { url, port, dataDir, process: child, exited };
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
	child.kill('SIGKILL');
	throw new Error(`the server did not start on port ${port}`);
}

export async function stopServer(server: TestServer) {
	if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL');
	await server.exited;
}

/** A small client of the JSON API that keeps one device's cookie. */
export class ApiClient {
	cookie = '';
	constructor(readonly base: string) {}

	async post(path: string, body: unknown, headers: Record<string, string> = {}) {
		const response = await fetch(`${this.base}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
			body: JSON.stringify(body ?? {})
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0]!;
		return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> };
	}
}

/** The first message of an event stream (after its `retry:` line): its id, event type and parsed data. */
export async function firstMessage<T = { v: number; view: Record<string, unknown> }>(
	url: string,
	headers: Record<string, string>
): Promise<{ id: number; event: string; data: T }> {
	const controller = new AbortController();
	const response = await fetch(url, { headers, signal: controller.signal });
	if (response.status !== 200) throw new Error(`the event stream answered ${response.status}`);
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	try {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) throw new Error('the stream ended before its first message');
			buffer += decoder.decode(value, { stream: true });
			const match = buffer.match(/(?:^|\n\n)(id: (\d+)\nevent: (\w+)\ndata: (.*)\n\n)/);
			if (match) return { id: Number(match[2]), event: match[3]!, data: JSON.parse(match[4]!) as T };
		}
	} finally {
		controller.abort();
	}
}

/** Reads an event stream's first message, its snapshot, and returns the parsed data. */
export async function snapshot(url: string, headers: Record<string, string>): Promise<{ v: number; view: Record<string, unknown> }> {
	const first = await firstMessage(url, headers);
	if (first.event !== 'snapshot') throw new Error(`the stream began with ${first.event}, not a snapshot`);
	return first.data;
}
