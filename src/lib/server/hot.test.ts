import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The fast path runs the app's real service: a database of its own, opened from DATA_DIR on first use.
const dataDir = mkdtempSync(join(tmpdir(), 'kk-hot-'));
process.env.DATA_DIR = dataDir;
const { hot } = await import('./hot');
const { sessions, shutdown } = await import('./app');

/** Requests the fast path does not take get 599 from this stand-in for SvelteKit. */
const FALLBACK = 599;
let server: Server;
let base = '';

beforeAll(async () => {
	server = createServer((req, res) => {
		if (!hot(req, res)) res.writeHead(FALLBACK).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	shutdown();
	rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

function call(method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = request(`${base}${path}`, { method, headers: options.headers }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end(options.body);
	});
}

const json = { 'content-type': 'application/json' };

function newSession() {
	return sessions().create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
}

describe('the fast path of the custom server', () => {
	it('joins a device with an httpOnly cookie and no token in the body, then takes its proposal', async () => {
		const { code } = await newSession();
		const joined = await call('POST', `/api/sessions/${code}/join`);
		expect(joined.status).toBe(200);
		expect(JSON.parse(joined.body)).toEqual({ ok: true, device: 1 });
		const cookie = String(joined.headers['set-cookie']);
		expect(cookie).toMatch(new RegExp(`^kk_dev_${code}=[\\w-]+; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax$`));
		expect(joined.headers['x-content-type-options']).toBe('nosniff');
		const proposed = await call('POST', `/api/sessions/${code}/proposals`, {
			headers: { ...json, cookie: cookie.split(';')[0]! },
			body: JSON.stringify({ text: 'Eerst vragen of het mag' })
		});
		expect(proposed.status).toBe(201);
		expect(JSON.parse(proposed.body)).toMatchObject({ ok: true, id: 'p1' });
		expect((await sessions().get(code))!.state.proposals.get('p1')?.text).toBe('Eerst vragen of het mag');
	});

	it('answers refusals in the API error shape, in the language asked for, and changes nothing', async () => {
		const { code } = await newSession();
		const unknown = await call('POST', '/api/sessions/ZZZZZZ/votes?lang=en', { headers: json, body: '{}' });
		expect(unknown.status).toBe(404);
		expect(JSON.parse(unknown.body)).toEqual({
			ok: false,
			error: 'unknown_session',
			message: expect.stringMatching(/^There is no session/)
		});
		const foreign = await call('POST', `/api/sessions/${code}/join`, { headers: { origin: 'http://elders.example' } });
		expect(foreign.status).toBe(403);
		expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: 'cross_site' });
		const notJoined = await call('POST', `/api/sessions/${code}/votes`, {
			headers: json,
			body: JSON.stringify({ proposal: 'p1', choice: 'agree' })
		});
		expect(JSON.parse(notJoined.body)).toMatchObject({ ok: false, error: 'not_joined' });
		const text = await call('POST', `/api/sessions/${code}/host`, { headers: { 'content-type': 'text/plain' }, body: '{}' });
		expect(text.status).toBe(403);
		expect((await sessions().get(code))!.state.devices.size).toBe(0);
	});

	it('refuses a body over its limit with 413 and closes that connection', async () => {
		const { code } = await newSession();
		const big = await call('POST', `/api/sessions/${code}/proposals`, { headers: json, body: Buffer.alloc(600 * 1024, 'a') });
		expect(big.status).toBe(413);
		expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: 'payload_too_large' });
		expect(big.headers.connection).toBe('close');
	});

	it('opens an event stream with a snapshot for a joined phone, and refuses the console without the host key', async () => {
		const { code, hostKey } = await newSession();
		const joined = await call('POST', `/api/sessions/${code}/join`);
		const cookie = String(joined.headers['set-cookie']).split(';')[0]!;
		const forbidden = await call('GET', `/api/sessions/${code}/events?role=host`);
		expect(forbidden.status).toBe(403);
		expect(JSON.parse(forbidden.body)).toMatchObject({ ok: false, error: 'forbidden' });
		const first = await new Promise<{ type: string; text: string }>((resolve, reject) => {
			const req = request(`${base}/api/sessions/${code}/events?role=student`, { headers: { cookie } }, (res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					text += chunk;
					if (text.includes('event: snapshot')) {
						resolve({ type: String(res.headers['content-type']), text });
						req.destroy();
					}
				});
			});
			req.on('error', reject);
			req.end();
		});
		expect(first.type).toBe('text/event-stream; charset=utf-8');
		expect(first.text).toMatch(/^retry: 1000\n\nid: \d+\nevent: snapshot\ndata: \{"v":\d+,"view":/);
		expect(first.text).toContain('"me":');
		// The phone went away: its stream is released.
		const live = (await sessions().get(code))!;
		await expect.poll(() => live.streams.size).toBe(0);
		const console_ = await call('GET', `/api/sessions/${code}/events?role=nobody`, { headers: { authorization: `Bearer ${hostKey}` } });
		expect(console_.status).toBe(400);
	});

	it('leaves every other request to SvelteKit', async () => {
		const { code } = await newSession();
		for (const [method, path] of [
			['GET', `/api/sessions/${code}`],
			['DELETE', `/api/sessions/${code}/host`],
			['GET', `/api/sessions/${code}/votes`],
			['POST', '/api/sessions'],
			['GET', `/s/${code}`],
			['GET', `/api/sessions/${code}/events/extra`]
		] as const) {
			expect((await call(method, path)).status, `${method} ${path}`).toBe(FALLBACK);
		}
	});
});
