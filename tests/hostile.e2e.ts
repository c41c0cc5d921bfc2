import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { snapshot, startServer, stopServer, type TestServer } from './server';

/**
 * Hostile input (issue 10): each measurement of the attack, repeated against a server of its own
 * with the limits a school runs with. That server reads the client's address from X-Forwarded-For
 * (as behind a school's proxy), so an attacker, a mentor and students can come from different
 * addresses although every request here leaves from 127.0.0.1.
 */
let server: TestServer;
const contexts: APIRequestContext[] = [];

test.beforeAll(async () => {
	server = await startServer({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', CLIENT_LIMIT_FACTOR: '1' } });
});

test.afterAll(async () => {
	for (const context of contexts.splice(0)) await context.dispose();
	await stopServer(server);
});

/** A client at its own address: a person's phone or laptop, or an attacker's script. */
async function client(address: string, headers: Record<string, string> = {}): Promise<APIRequestContext> {
	const context = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { 'x-forwarded-for': address, ...headers } });
	contexts.push(context);
	return context;
}

async function newSession(mentor: APIRequestContext, body: object = {}) {
	const created = await mentor.post('/api/sessions', { data: body });
	expect(created.status()).toBe(201);
	const json = (await created.json()) as { code: string; hostKey: string };
	return { code: json.code, hostKey: json.hostKey, auth: { authorization: `Bearer ${json.hostKey}` } };
}

/** Sends a probe every 100 ms while `work` runs; returns how long each answer took, in ms. */
async function probeDuring(work: Promise<unknown>, probe: () => Promise<unknown>): Promise<{ latencies: number[] }> {
	let done = false;
	const latencies: number[] = [];
	const loop = (async () => {
		while (!done) {
			const started = performance.now();
			await probe();
			latencies.push(performance.now() - started);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	})();
	await work;
	done = true;
	await loop;
	return { latencies };
}

function expectErrorShape(body: unknown, code?: string) {
	expect(body).toMatchObject({ ok: false, error: expect.any(String), message: expect.any(String) });
	if (code) expect((body as { error: string }).error).toBe(code);
}

test('a 65,388-field form is answered in under a second on every form action while a probe stays under 250 ms', async () => {
	const mentor = await client('10.0.1.1');
	const { code, hostKey } = await newSession(mentor);
	const student = await client('10.0.1.2');
	expect((await student.post(`/api/sessions/${code}/join`)).status()).toBe(200);
	const cookie = (await student.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ');

	const flood = Array.from({ length: 65_388 }, (_, i) => `f${String(i).padStart(5, '0')}=`).join('&');
	expect(flood.length).toBeGreaterThan(500_000);
	const targets: Array<{ path: string; headers: Record<string, string> }> = [
		{ path: '/host?/create', headers: {} },
		{ path: '/join', headers: {} },
		{ path: `/s/${code}?/propose`, headers: { cookie } },
		{ path: `/s/${code}?/vote`, headers: { cookie } },
		{ path: `/host/${code}?/command`, headers: { authorization: `Bearer ${hostKey}` } }
	];
	const post = async (target: (typeof targets)[number], body: string) => {
		const started = performance.now();
		const response = await fetch(`${server.url}${target.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.0.1.66', ...target.headers },
			body
		});
		const text = await response.text();
		return { elapsed: performance.now() - started, status: response.status, text };
	};
	// Each action once with a small body first, so the measurement is not the server loading its code.
	for (const target of targets) await post(target, 'x=1');
	const timings: number[] = [];
	const statuses: number[] = [];
	// Three attackers, each sending the flood to every form action in turn, three times over.
	const attack = Promise.all(
		Array.from({ length: 3 }, async () => {
			for (let round = 0; round < 3; round++) {
				for (const target of targets) {
					const { elapsed, status, text } = await post(target, flood);
					timings.push(elapsed);
					statuses.push(status);
					// Refused by size, before a single field is parsed.
					expect(text).toContain('413');
				}
			}
		})
	);
	const probe = () =>
		fetch(`${server.url}/api/sessions/${code}/events?role=nobody`, { headers: { 'x-forwarded-for': '10.0.1.3' } }).then((r) => r.text());
	const { latencies } = await probeDuring(attack, probe);
	const median = latencies.sort((a, b) => a - b)[Math.floor(latencies.length / 2)]!;
	console.log(
		`flood answers: slowest ${Math.round(Math.max(...timings))} ms; probe: median ${Math.round(median)} ms, slowest ${Math.round(latencies.at(-1)!)} ms of ${latencies.length}`
	);
	// At least one probe ran while the floods were in flight (a fast server leaves room for few).
	expect(latencies.length).toBeGreaterThan(0);
	expect(Math.max(...timings)).toBeLessThan(1000);
	// On a machine shared with other work a single probe can wait for the scheduler, not the server.
	expect(median).toBeLessThan(250);
	expect(latencies.at(-1)!).toBeLessThan(1000);
	expect(statuses.every((status) => status < 500)).toBe(true);
	// The same flood as JSON: refused by size, in the API's one error shape.
	const json = await fetch(`${server.url}/api/sessions/${code}/proposals`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.0.1.66', cookie },
		body: JSON.stringify({ text: flood.slice(0, 400_000) })
	});
	expect(json.status).toBe(413);
	expectErrorShape(await json.json(), 'payload_too_large');
});

test('2,000 proposals from 60 bots are capped; the console stays under 2 MB, the process alive, and the mentor can lock, remove and raise the cap', async () => {
	test.setTimeout(300_000);
	const mentor = await client('10.0.2.1');
	const { code, auth } = await newSession(mentor);
	// A script, not a browser: plain fetch with one device cookie per bot.
	const bots: string[] = [];
	for (let i = 0; i < 60; i++) {
		const joined = await fetch(`${server.url}/api/sessions/${code}/join`, { method: 'POST', headers: { 'x-forwarded-for': '10.0.2.66' } });
		expect(joined.status).toBe(200);
		bots.push(joined.headers.get('set-cookie')!.split(';')[0]!);
	}
	// The class is full: the 61st device is refused with a clear message, not a rate limit.
	const late = await client('10.0.2.66');
	const full = await late.post(`/api/sessions/${code}/join`);
	expect(full.status()).toBe(409);
	expectErrorShape(await full.json(), 'class_full');

	const outcomes = new Map<string, number>();
	let next = 0;
	const worker = async () => {
		while (next < 2_000) {
			const i = next++;
			const response = await fetch(`${server.url}/api/sessions/${code}/proposals`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.0.2.66', cookie: bots[i % bots.length]! },
				body: JSON.stringify({ text: `Spam nummer ${i}` })
			});
			const body = (await response.json()) as { ok: boolean; error?: string; message?: string };
			const key = body.ok ? 'accepted' : body.error!;
			if (!body.ok) expect(body.message).toBeTruthy();
			outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
		}
	};
	const flooding = performance.now();
	await Promise.all(Array.from({ length: 8 }, worker));
	console.log(`2,000 proposal attempts took ${Math.round(performance.now() - flooding)} ms: ${JSON.stringify([...outcomes])}`);
	const accepted = outcomes.get('accepted') ?? 0;
	expect(accepted).toBeGreaterThan(0);
	expect(accepted).toBeLessThanOrEqual(300);
	expect([...outcomes.keys()].every((key) => ['accepted', 'rate_limited', 'proposal_cap', 'queue_full', 'session_cap'].includes(key))).toBe(
		true
	);

	const started = performance.now();
	const page = await mentor.get(`/host/${code}`, { headers: auth });
	const elapsed = performance.now() - started;
	expect(page.status()).toBe(200);
	expect(page.headers()['cache-control']).toContain('no-store');
	const size = (await page.body()).byteLength;
	console.log(`console page: ${size} bytes in ${Math.round(elapsed)} ms`);
	expect(size).toBeLessThan(2 * 1024 * 1024);
	expect((await mentor.get('/join')).status()).toBe(200);
	expect(server.process.exitCode).toBeNull();

	// The console sees every device by a random label (newest first) and removes one with its proposals.
	const events = `${server.url}/api/sessions/${code}/events?role=host`;
	const before = (await snapshot(events, { ...auth, 'x-forwarded-for': '10.0.2.1' })).view as {
		devices: Array<{ label: string; proposals: number }>;
		proposals: Record<string, { device: string }>;
		joining: { locked: boolean; cap: number };
	};
	expect(before.devices).toHaveLength(60);
	expect(before.joining).toEqual({ locked: false, cap: 60 });
	const victim = before.devices.find((device) => device.proposals > 0)!;
	const removed = await mentor.post(`/api/sessions/${code}/host`, { headers: auth, data: { type: 'removeDevice', device: victim.label } });
	expect(removed.status()).toBe(200);
	const after = (await snapshot(events, { ...auth, 'x-forwarded-for': '10.0.2.1' })).view as typeof before;
	expect(after.devices).toHaveLength(59);
	expect(Object.values(after.proposals).filter((proposal) => proposal.device === victim.label)).toEqual([]);

	// Locking stops new devices even with room; unlocking and a higher cap let them in.
	expect((await mentor.post(`/api/sessions/${code}/host`, { headers: auth, data: { type: 'lockJoin', on: true } })).status()).toBe(200);
	const locked = await late.post(`/api/sessions/${code}/join`);
	expect(locked.status()).toBe(409);
	expectErrorShape(await locked.json(), 'joining_locked');
	await mentor.post(`/api/sessions/${code}/host`, { headers: auth, data: { type: 'lockJoin', on: false } });
	await mentor.post(`/api/sessions/${code}/host`, { headers: auth, data: { type: 'joinCap', cap: 61 } });
	expect((await late.post(`/api/sessions/${code}/join`)).status()).toBe(200);
	expect((await (await client('10.0.2.67')).post(`/api/sessions/${code}/join`)).status()).toBe(200);
	const capped = await mentor.post(`/api/sessions/${code}/host`, { headers: auth, data: { type: 'joinCap', cap: 100_000 } });
	expect(capped.status()).toBe(400);
	expectErrorShape(await capped.json());
});

test('code guessing: at least 90 % of guesses after the first 100 are refused, while a real mentor and student get in', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const mentor = await client('10.0.3.1');
	const { code, auth } = await newSession(mentor);
	const alphabet = 'ACDEFHJKMNPQRTUVWXY3479';
	let seed = 7;
	const guess = () =>
		Array.from({ length: 6 }, () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return alphabet[seed % alphabet.length];
		}).join('');

	// One client guesses on every kind of lookup: the event stream, the join API, the student page, the join form.
	const attacker = (path: string, init: RequestInit = {}) =>
		fetch(`${server.url}${path}`, { ...init, headers: { 'x-forwarded-for': '10.0.3.66', ...(init.headers as Record<string, string>) } });
	const kinds = [
		(c: string) => attacker(`/api/sessions/${c}/events?role=student`),
		(c: string) => attacker(`/api/sessions/${c}/join`, { method: 'POST' }),
		(c: string) => attacker(`/s/${c}`),
		(c: string) =>
			attacker('/join', {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: `code=${c}`
			})
	];
	const results: boolean[] = [];
	for (let i = 0; i < 600; i++) {
		// The real code is among the guesses: once throttled, it is refused like any other.
		const candidate = i === 301 ? code : guess();
		const response = await kinds[i % kinds.length]!(candidate);
		results.push(response.status === 429);
		await response.body?.cancel();
	}
	const afterFirst100 = results.slice(100);
	console.log(`guesses refused after the first 100: ${afterFirst100.filter(Boolean).length} of ${afterFirst100.length}`);
	expect(afterFirst100.filter(Boolean).length / afterFirst100.length).toBeGreaterThanOrEqual(0.9);
	expect(results[301]).toBe(true);

	// Many addresses together use up the server's allowance for failed lookups; each of them is then
	// refused, but the real class is not.
	const swarmResults: boolean[] = [];
	for (let round = 0; round < 30; round++) {
		for (let bot = 1; bot <= 20; bot++) {
			const response = await fetch(`${server.url}/api/sessions/${guess()}/join`, {
				method: 'POST',
				headers: { 'x-forwarded-for': `10.0.4.${bot}` }
			});
			swarmResults.push(response.status === 429);
			await response.body?.cancel();
		}
	}
	const lateSwarm = swarmResults.slice(400);
	expect(lateSwarm.filter(Boolean).length / lateSwarm.length).toBeGreaterThanOrEqual(0.9);

	// The mentor starts another session and a student joins it by typing the code, both from their own address.
	const second = await newSession(mentor);
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.0.3.2' } });
	const phone = await context.newPage();
	await phone.goto(`${server.url}/join`);
	await phone.getByRole('textbox').fill(second.code.toLowerCase());
	await phone.getByRole('button', { name: 'Doe mee' }).click();
	await phone.waitForURL(new RegExp(`/s/${second.code}$`));
	// The student's own phone keeps its way in.
	expect((await phone.request.get(`${server.url}/s/${second.code}`)).status()).toBe(200);
	const view = (
		await snapshot(`${server.url}/api/sessions/${second.code}/events?role=host`, { ...second.auth, 'x-forwarded-for': '10.0.3.1' })
	).view as {
		participants: number;
	};
	expect(view.participants).toBe(1);
	expect((await mentor.get(`/host/${code}`, { headers: auth })).status()).toBe(200);
	await context.close();
});

test('a closed session refuses new devices, by the API and by the join form', async ({ browser }) => {
	const mentor = await client('10.0.5.1');
	const { code, auth } = await newSession(mentor);
	const early = await client('10.0.5.2');
	expect((await early.post(`/api/sessions/${code}/join`)).status()).toBe(200);
	expect((await mentor.post(`/api/sessions/${code}/host`, { headers: auth, data: { type: 'close' } })).status()).toBe(200);
	const late = await client('10.0.5.3');
	const refused = await late.post(`/api/sessions/${code}/join`);
	expect(refused.status()).toBe(409);
	expectErrorShape(await refused.json(), 'closed');
	// A device that joined before keeps seeing the final rules.
	expect((await early.get(`/s/${code}`)).status()).toBe(200);

	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.0.5.4' } });
	const page = await context.newPage();
	await page.goto(`${server.url}/join`);
	await page.getByRole('textbox').fill(code);
	await page.getByRole('button', { name: 'Doe mee' }).click();
	await expect(page.getByText('Deze sessie is afgesloten.')).toBeVisible();
	await context.close();
});

test('deleted and removed data is gone from every database file', async () => {
	const mentor = await client('10.0.6.1');
	const { code, auth } = await newSession(mentor);
	const { code: other, auth: otherAuth } = await newSession(mentor);
	const student = await client('10.0.6.2');
	const bot = await client('10.0.6.3');
	await student.post(`/api/sessions/${code}/join`);
	await bot.post(`/api/sessions/${other}/join`);
	await student.post(`/api/sessions/${code}/proposals`, { data: { text: 'Bel DELETEMARKER 0612345678' } });
	await bot.post(`/api/sessions/${other}/proposals`, { data: { text: 'REMOVEMARKER spam' } });
	const files = () => readdirSync(server.dataDir).map((file) => join(server.dataDir, file));
	const holding = (marker: string) => files().filter((file) => readFileSync(file).includes(Buffer.from(marker)));
	expect(holding('DELETEMARKER').length).toBeGreaterThan(0);

	expect((await mentor.delete(`/api/sessions/${code}`, { headers: auth })).status()).toBe(204);
	const hostView = (await snapshot(`${server.url}/api/sessions/${other}/events?role=host`, { ...otherAuth, 'x-forwarded-for': '10.0.6.1' }))
		.view as {
		devices: Array<{ label: string }>;
	};
	await mentor.post(`/api/sessions/${other}/host`, {
		headers: otherAuth,
		data: { type: 'removeDevice', device: hostView.devices[0]!.label }
	});

	expect(files().length).toBeGreaterThan(0);
	expect(holding('DELETEMARKER')).toEqual([]);
	expect(holding('REMOVEMARKER')).toEqual([]);
	// The removed device's token no longer works.
	const stale = await bot.post(`/api/sessions/${other}/proposals`, { data: { text: 'nog eens' } });
	expect(stale.status()).toBe(400);
	expectErrorShape(await stale.json(), 'not_joined');
});

test('no cell of the CSV exports starts a formula when split on , or ;, and the rules are in it', async () => {
	const mentor = await client('10.0.7.1');
	const { code, auth } = await newSession(mentor);
	const student = await client('10.0.7.2');
	await student.post(`/api/sessions/${code}/join`);
	await mentor.post(`/api/sessions/${code}/host`, { headers: auth, data: { type: 'premoderation', on: false } });
	const hostile = ['ok;=1+1;', 'ok,=1+1,', '@SUM(A1)', '-2+3', 'x; +31 6 1234'];
	for (const text of hostile) expect((await student.post(`/api/sessions/${code}/proposals`, { data: { text } })).status()).toBe(201);
	await mentor.post(`/api/sessions/${code}/host`, { headers: auth, data: { type: 'adopt', text: 'Eerst vragen', from: ['p1'] } });
	await mentor.post(`/api/sessions/${code}/host`, {
		headers: auth,
		data: { type: 'editRule', id: 'r1', text: 'We vragen altijd eerst (herschreven)' }
	});
	for (const format of ['csv', 'csv-nl']) {
		const response = await mentor.get(`/api/sessions/${code}/export/${format}`, { headers: auth });
		expect(response.status()).toBe(200);
		const csv = await response.text();
		expect(csv).toContain('We vragen altijd eerst (herschreven)');
		for (const separator of [',', ';']) {
			const cells = csv
				.replace(/^\uFEFF/, '')
				.split(/\r\n/)
				.flatMap((line) => line.split(separator))
				.map((cell) => cell.replace(/^"+/, '').trimStart());
			expect(
				cells.filter((cell) => /^[=+\-@]/.test(cell)),
				`${format} split on ${separator}`
			).toEqual([]);
		}
	}
	const dutch = await (await mentor.get(`/api/sessions/${code}/export/csv-nl`, { headers: auth })).text();
	expect(dutch.startsWith('\uFEFF"')).toBe(true);
	expect(dutch.split('\r\n')[0]).toContain('";"');
});

test('per-address limits: one client cannot use up session creation for the school', async () => {
	const flooder = await client('10.0.8.66');
	const statuses: number[] = [];
	for (let i = 0; i < 40; i++) statuses.push((await flooder.post('/api/sessions', { data: {} })).status());
	expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(31);
	expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(9);
	const refused = await flooder.post('/api/sessions', { data: {} });
	expectErrorShape(await refused.json(), 'rate_limited');
	// The next mentor, at another address, still starts a session.
	expect((await (await client('10.0.8.1')).post('/api/sessions', { data: {} })).status()).toBe(201);
});

test('one error shape for every API error, sign-out, and no-store on the mentor’s pages', async () => {
	const mentor = await client('10.0.9.1');
	const { code, hostKey, auth } = await newSession(mentor);
	const other = await client('10.0.9.2');
	const cases: Array<[Promise<import('@playwright/test').APIResponse>, number, string]> = [
		[other.post('/api/sessions/ACDEFH/join'), 404, 'unknown_session'],
		[other.post(`/api/sessions/${code}/host`, { data: { type: 'close' } }), 403, 'forbidden'],
		[other.get(`/api/sessions/${code}/events?role=admin`), 400, 'invalid'],
		[other.get(`/api/sessions/${code}/export/__proto__`, { headers: auth }), 404, 'not_found'],
		[other.get(`/api/sessions/${code}/export/constructor`, { headers: auth }), 404, 'not_found'],
		[other.post(`/api/sessions/${code}/proposals`, { data: { text: 'x'.repeat(5000) } }), 413, 'payload_too_large'],
		[other.post('/api/sessions', { data: '{}', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_type'],
		[other.post('/api/sessions', { data: {}, headers: { origin: 'https://evil.example' } }), 403, 'cross_site'],
		[other.get('/api/nothing-here'), 404, 'not_found']
	];
	for (const [pending, status, error] of cases) {
		const response = await pending;
		expect(response.status(), error).toBe(status);
		expect(response.headers()['content-type']).toContain('application/json');
		expectErrorShape(await response.json(), error);
	}

	for (const path of [`/host/${code}`, `/host/${code}/projector`, `/host/${code}/poster`, `/en/host/${code}`]) {
		const response = await mentor.get(path, { headers: auth });
		expect(response.status(), path).toBe(200);
		expect(response.headers()['cache-control'], path).toContain('no-store');
	}

	// Signing out revokes that key at once.
	expect((await mentor.delete(`/api/sessions/${code}/host`, { headers: auth })).status()).toBe(204);
	const after = await mentor.post(`/api/sessions/${code}/host`, {
		headers: { authorization: `Bearer ${hostKey}` },
		data: { type: 'close' }
	});
	expect(after.status()).toBe(403);
	expectErrorShape(await after.json(), 'forbidden');
});
