import { expect } from '@playwright/test';
import http2, { type ClientHttp2Session } from 'node:http2';
import { connect, isIP } from 'node:net';
import tls from 'node:tls';

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
