import { expect } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import http2, { type ClientHttp2Session } from 'node:http2';
import { connect, isIP } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';

/** The public name in deploy/'s files. */
export const NAME = 'klasakkoord.school.nl';
export const NGINX = '/usr/sbin/nginx';
export const CADDY = '/usr/bin/caddy';

/** A self-signed certificate for NAME and 127.0.0.1, written into `dir`, valid two days. */
export function makeCertificate(dir: string): { cert: string; key: string; ca: string } {
	const cert = join(dir, 'fullchain.pem');
	const key = join(dir, 'privkey.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-days',
			'2',
			'-subj',
			`/CN=${NAME}`,
			'-addext',
			`subjectAltName=DNS:${NAME},IP:127.0.0.1`,
			'-keyout',
			key,
			'-out',
			cert
		],
		{ stdio: 'ignore' }
	);
	return { cert, key, ca: readFileSync(cert, 'utf8') };
}

/** Replaces each `from` with its `to`, after checking the file really contains it. */
export function substitute(text: string, file: string, pairs: [string | RegExp, string][]): string {
	for (const [from, to] of pairs) {
		expect(typeof from === 'string' ? text.includes(from) : from.test(text), `${file} contains ${from}`).toBe(true);
		text = typeof from === 'string' ? text.split(from).join(to) : text.replace(from, to);
	}
	return text;
}

/** deploy/nginx/nginx.conf with its paths moved under `root` (a pid file, logs and `root/sites/*`). */
/**
 * A Caddyfile from deploy/ made runnable on loopback under `root`: its admin, http and https ports and
 * certificate files swapped for the test's, the site bound to 127.0.0.1 (Debian's Caddy 2.6 has no
 * global default_bind), plus `extra` swaps. Answers the file's path and the environment Caddy runs with.
 */
export function caddyConfig(
	file: string,
	root: string,
	ports: { https: number; http: number; admin: number },
	certificate: { cert: string; key: string },
	extra: [string | RegExp, string][] = []
): { config: string; env: NodeJS.ProcessEnv } {
	mkdirSync(root, { recursive: true });
	const config = join(root, 'Caddyfile');
	writeFileSync(
		config,
		substitute(readFileSync(file, 'utf8'), file, [
			['admin localhost:2019', `admin localhost:${ports.admin}`],
			['http_port 80', `http_port ${ports.http}`],
			['https_port 443', `https_port ${ports.https}`],
			[`${NAME} {`, `${NAME} {\n\tbind 127.0.0.1`],
			['/etc/caddy/klasakkoord/fullchain.pem', certificate.cert],
			['/etc/caddy/klasakkoord/privkey.pem', certificate.key],
			...extra
		])
	);
	return { config, env: { ...process.env, HOME: root, XDG_DATA_HOME: join(root, 'data'), XDG_CONFIG_HOME: join(root, 'config') } };
}

/**
 * An nginx prefix under `root` for a site file from deploy/nginx: the main file (nginxMain) and the site
 * with its listen ports and certificate files swapped for the test's, plus `extra` swaps. Answers the
 * arguments that point nginx at it.
 */
export function nginxConfig(
	root: string,
	site: string,
	ports: { https: number; http: number },
	certificate: { cert: string; key: string },
	extra: [string | RegExp, string][] = []
): string[] {
	for (const sub of ['log', 'sites', 'conf.d']) mkdirSync(join(root, sub), { recursive: true });
	writeFileSync(join(root, 'nginx.conf'), nginxMain(root));
	writeFileSync(
		join(root, 'sites', 'klasakkoord'),
		substitute(readFileSync(site, 'utf8'), site, [
			[/listen 80 /g, `listen 127.0.0.1:${ports.http} `],
			[/listen 443 /g, `listen 127.0.0.1:${ports.https} `],
			['/etc/ssl/klasakkoord/fullchain.pem', certificate.cert],
			['/etc/ssl/klasakkoord/privkey.pem', certificate.key],
			...extra
		])
	);
	return ['-p', `${root}/`, '-c', join(root, 'nginx.conf')];
}

export function nginxMain(root: string): string {
	const file = 'deploy/nginx/nginx.conf';
	return substitute(readFileSync(file, 'utf8'), file, [
		['pid /run/nginx.pid;', `pid ${root}/nginx.pid;`],
		['/var/log/nginx/', `${root}/log/`],
		['include /etc/nginx/conf.d/*.conf;', `include ${root}/conf.d/*.conf;`],
		['include /etc/nginx/sites-enabled/*;', `include ${root}/sites/*;`]
	]);
}

export interface Started {
	child: ChildProcess;
	exited: Promise<number | null>;
	output: () => string;
}

/** Starts a long-running process (a proxy) and waits until `port` answers HTTP. */
export async function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, port: number): Promise<Started> {
	let output = '';
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	for (let attempt = 0; attempt < 100; attempt++) {
		const up = await new Promise<boolean>((resolve) => {
			const probe = httpRequest({ host: '127.0.0.1', port, method: 'HEAD', path: '/' }, () => resolve(true));
			probe.on('error', () => resolve(false));
			probe.end();
		});
		if (up) return { child, exited, output: () => output };
		if (child.exitCode !== null) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	if (child.exitCode === null) child.kill('SIGKILL');
	throw new Error(`${command} did not start:\n${output}`);
}

/**
 * An HTTP/2 client for tests that go through the real proxies (tests/deploy.e2e.ts): it connects to
 * 127.0.0.1 but speaks to the server by its public name, checking the test certificate.
 */
export class H2Client {
	readonly session: ClientHttp2Session;
	readonly authority: string;

	constructor(
		readonly port: number,
		readonly name: string,
		ca: string,
		/** Another loopback address (127.0.0.2) looks like another phone to the proxy. */
		localAddress = '127.0.0.1'
	) {
		this.authority = `${name}:${port}`;
		// No SNI for an address (RFC 6066), as a browser sends none.
		this.session = http2.connect(`https://127.0.0.1:${port}`, {
			createConnection: () =>
				tls.connect({
					socket: connect({ host: '127.0.0.1', port, localAddress }),
					host: '127.0.0.1',
					ca,
					ALPNProtocols: ['h2'],
					...(isIP(name) ? {} : { servername: name })
				})
		});
		this.session.on('error', () => {});
	}

	get origin() {
		return `https://${this.authority}`;
	}

	request(
		path: string,
		options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}
	): Promise<{ status: number; headers: http2.IncomingHttpHeaders; text: string; json: () => Record<string, unknown> }> {
		return new Promise((resolve, reject) => {
			const body = options.body === undefined ? undefined : JSON.stringify(options.body);
			const stream = this.session.request({
				':method': options.method ?? 'GET',
				':path': path,
				':authority': this.authority,
				...(body ? { 'content-type': 'application/json' } : {}),
				...options.headers
			});
			let headers: http2.IncomingHttpHeaders = {};
			let text = '';
			stream.setEncoding('utf8');
			stream.on('response', (h) => (headers = h));
			stream.on('data', (chunk: string) => (text += chunk));
			stream.on('end', () => resolve({ status: Number(headers[':status']), headers, text, json: () => JSON.parse(text) }));
			stream.on('error', reject);
			stream.end(body);
		});
	}

	/** An event stream on this connection; `received` grows as messages come in. */
	events(path: string, headers: Record<string, string>) {
		const stream = this.session.request({ ':path': path, ':authority': this.authority, accept: 'text/event-stream', ...headers });
		const state = { status: 0, received: '', stream };
		stream.setEncoding('utf8');
		stream.on('response', (h) => (state.status = Number(h[':status'])));
		stream.on('data', (chunk: string) => (state.received += chunk));
		stream.on('error', () => {});
		return state;
	}

	close() {
		this.session.close();
	}
}

/** Waits until `read()` contains `text`. */
export async function eventually(read: () => string, text: string, what: string, timeout = 5_000) {
	await expect.poll(read, { message: what, timeout }).toContain(text);
}
