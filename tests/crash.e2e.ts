import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRelease } from './release';
import { ApiClient, startServer, stopServer, type TestServer } from './server';

// No request can end the process: a built file that disappears while the server runs (a build in the
// live folder did exactly that), a request whose body never arrives, a stream whose client vanishes.
// Each test runs its own server from a release folder of its own, so deleting files touches no other test.

let server: TestServer;
let release: string;

test.beforeEach(async () => {
	release = makeRelease(join(mkdtempSync(join(tmpdir(), 'klasakkoord-crash-')), 'release'));
	// Every request comes from 127.0.0.1: the per-address limits are raised as for the shared server.
	server = await startServer({ cwd: release, env: { CLIENT_LIMIT_FACTOR: '100' } });
});

test.afterEach(async () => {
	await stopServer(server);
	rmSync(join(release, '..'), { recursive: true, force: true });
});

/** The server is still up and still does real work: a page, the health check and a new session. */
async function expectAlive() {
	expect(server.process.exitCode, 'the server process exited').toBeNull();
	expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	expect((await fetch(`${server.url}/`)).status).toBe(200);
	expect((await new ApiClient(server.url).post('/api/sessions', {})).status).toBe(201);
	expect(server.process.exitCode, 'the server process exited').toBeNull();
}

/** A raw HTTP/1.1 request on its own socket, so the test can cut it off wherever it likes. */
function rawRequest(head: string): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const socket = connect(server.port, '127.0.0.1', () => {
			socket.write(head);
			resolve(socket);
		});
		socket.on('error', reject);
	});
}

test('a built file deleted while the server runs answers 404, in every encoding, and the server goes on', async () => {
	const dir = join(release, 'build', 'client', '_app', 'immutable', 'entry');
	const file = readdirSync(dir).find((name) => name.endsWith('.js'))!;
	const url = `${server.url}/_app/immutable/entry/${file}`;
	const variants = { identity: 'identity', gzip: 'gzip', br: 'br, gzip' };

	for (const [name, encoding] of Object.entries(variants)) {
		const response = await fetch(url, { headers: { 'accept-encoding': encoding } });
		expect(response.status, `${name} before`).toBe(200);
		await response.arrayBuffer();
	}

	for (const name of [file, `${file}.gz`, `${file}.br`]) rmSync(join(dir, name));
	for (const [name, encoding] of Object.entries(variants)) {
		const response = await fetch(url, { headers: { 'accept-encoding': encoding } });
		expect(response.status, `${name} after the delete`).toBe(404);
		await expectAlive();
	}
	// Other methods and a HEAD on the missing file: an answer, never an exit.
	expect((await fetch(url, { method: 'HEAD' })).status).toBe(404);
	expect((await fetch(url, { method: 'POST', body: 'x' })).status).toBe(405);

	// A file replaced by a directory (a half-finished copy) is not served either.
	const css = readdirSync(join(release, 'build', 'client', '_app', 'immutable', 'assets')).find((name) => name.endsWith('.css'))!;
	const cssPath = join(release, 'build', 'client', '_app', 'immutable', 'assets', css);
	rmSync(cssPath);
	mkdirSync(cssPath);
	expect((await fetch(`${server.url}/_app/immutable/assets/${css}`, { headers: { 'accept-encoding': 'identity' } })).status).toBe(404);

	// The whole client folder gone, as `npm run build` in place leaves it for a few seconds.
	rmSync(join(release, 'build', 'client'), { recursive: true });
	for (const path of ['/favicon.svg', '/robots.txt', `/_app/immutable/entry/${file}`]) {
		expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
	}
	await expectAlive();
});

test('requests cut off half-way through their body leave the server running', async () => {
	const api = new ApiClient(server.url);
	const code = String((await api.post('/api/sessions', {})).json.code);
	const student = new ApiClient(server.url);
	expect((await student.post(`/api/sessions/${code}/join`, null)).status).toBe(200);

	const cuts = [
		{ path: `/api/sessions/${code}/proposals`, type: 'application/json', body: '{"text":"Wij vragen eerst' },
		{ path: '/api/sessions', type: 'application/json', body: '{"lang":' },
		{ path: '/host', type: 'application/x-www-form-urlencoded', body: 'lang=nl&theme=' }
	];
	for (const cut of cuts) {
		for (const how of ['end', 'reset'] as const) {
			const socket = await rawRequest(
				`POST ${cut.path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: ${cut.type}\r\n` +
					`Cookie: ${student.cookie}\r\nContent-Length: 4000\r\n\r\n${cut.body}`
			);
			await new Promise((resolve) => setTimeout(resolve, 100));
			if (how === 'reset') socket.resetAndDestroy();
			else socket.destroy();
			await new Promise((resolve) => setTimeout(resolve, 100));
			await expectAlive();
		}
	}
	// The cut-off proposal was never stored.
	expect((await student.post(`/api/sessions/${code}/proposals`, { text: 'Wij vragen eerst toestemming' })).json).toMatchObject({
		id: 'p1'
	});
});

test('event streams dropped abruptly, before and after their first message, leave the server running', async () => {
	const api = new ApiClient(server.url);
	const created = await api.post('/api/sessions', {});
	const code = String(created.json.code);
	const hostKey = String(created.json.hostKey);
	const student = new ApiClient(server.url);
	expect((await student.post(`/api/sessions/${code}/join`, null)).status).toBe(200);

	const streams = [
		`GET /api/sessions/${code}/events?role=host HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${hostKey}\r\n\r\n`,
		`GET /api/sessions/${code}/events?role=student HTTP/1.1\r\nHost: x\r\nCookie: ${student.cookie}\r\n\r\n`,
		`GET /api/sessions/${code}/events?role=projector HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${hostKey}\r\n\r\n`
	];
	const texts = ['Wij vragen eerst toestemming', 'Niemand filmt zonder te vragen', 'Wij delen geen fotos van anderen'];
	for (const head of streams) {
		for (const when of ['at once', 'after the snapshot', 'while a message goes out'] as const) {
			const socket = await rawRequest(head);
			if (when !== 'at once') {
				await new Promise<void>((resolve) => {
					let text = '';
					socket.on('data', (chunk: Buffer) => {
						text += chunk.toString();
						if (text.includes('event: snapshot')) resolve();
					});
				});
			}
			if (when === 'while a message goes out') {
				// The student proposes and the host approves as the stream's socket is reset under it.
				const proposal = await student.post(`/api/sessions/${code}/proposals`, { text: texts.shift() });
				socket.resetAndDestroy();
				await api.post(`/api/sessions/${code}/host`, { type: 'approve', id: proposal.json.id }, { authorization: `Bearer ${hostKey}` });
			} else {
				socket.resetAndDestroy();
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
			await expectAlive();
		}
	}
});

test('health checks: /healthz while the process runs, /readyz only while the database can be read', async () => {
	const get = async (path: string) => {
		const response = await fetch(`${server.url}${path}`);
		return { status: response.status, text: await response.text(), cache: response.headers.get('cache-control') };
	};
	expect(await get('/healthz')).toEqual({ status: 200, text: 'ok', cache: 'no-store' });
	expect(await get('/readyz')).toEqual({ status: 200, text: 'ready', cache: 'no-store' });

	// The database file gone from under the server (a full or unmounted disk looks the same to a check).
	const db = join(server.dataDir, 'klasakkoord.db');
	renameSync(db, `${db}.away`);
	expect(await get('/readyz')).toEqual({ status: 503, text: 'database unavailable', cache: 'no-store' });
	expect((await get('/healthz')).status).toBe(200);
	renameSync(`${db}.away`, db);
	expect((await get('/readyz')).status).toBe(200);
	await expectAlive();
});
