import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.js';
import { findPostgres, startPostgres } from '../scripts/postgres.js';
import { PROPOSALS } from './class';
import { card, expectLive, joinByCode, propose, voteRow } from './live';
import { CADDY, caddyConfig, H2Client, nginxConfig, makeCertificate, NAME, NGINX, startProcess, substitute, type Started } from './proxy';
import { firstMessage, freePort, snapshot, startServer, type TestServer } from './server';

// Several instances on one PostgreSQL (issue 14, docs/deploy.md "Several instances on PostgreSQL"), for
// real: a PostgreSQL of the file's own (scripts/postgres.js), three `node server` with DATABASE_URL, each
// with its own port and an empty DATA_DIR, and a round-robin nginx in front, built from
// deploy/nginx/klasakkoord-multi.conf. Browsers talk to an instance directly (so the test knows which
// one) or through the proxy (as a school's phones do). The tests run in order on the same database:
// a class spread over the instances, a SIGKILL mid-round, retried writes, and a stop of every instance
// followed by a fresh one, a restore of the nightly dump and a restart of PostgreSQL under instances.

test.describe.configure({ mode: 'serial' });

/** The role the app connects as: it owns its database and is no superuser (the guide's setup). */
const ROLE = 'kk_app';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

interface Instance {
	name: string;
	server: TestServer;
}

let dir: string;
let pg: Awaited<ReturnType<typeof startPostgres>>;
let databaseUrl: string;
let certificate: ReturnType<typeof makeCertificate>;
let nginx: Started;
let proxyPort: number;
let browser: Browser;
const instances: Instance[] = [];
/** Every instance this file started, also those it stopped, for their DATA_DIR and for afterAll. */
const started: Instance[] = [];
/** What each test leaves for the last one to compare after the restart: code and host key per session. */
const sessionsMade: Array<{ code: string; hostKey: string }> = [];
let fileStarted = Date.now();

const proxyURL = () => `https://${NAME}:${proxyPort}`;

async function startInstance(name: string, port?: number): Promise<Instance> {
	const dataDir = join(dir, `data-${name}`);
	mkdirSync(dataDir);
	const server = await startServer({
		port,
		dataDir,
		// Every test client shares 127.0.0.1: per-address limits are raised as for the shared server.
		env: { DATABASE_URL: databaseUrl, CLIENT_LIMIT_FACTOR: '100' }
	});
	const instance = { name, server };
	started.push(instance);
	await expect
		.poll(
			() =>
				fetch(`${server.url}/readyz`).then(
					(r) => r.status,
					() => 0
				),
			{ message: `instance ${name} is ready`, timeout: 15_000 }
		)
		.toBe(200);
	return instance;
}

test.beforeAll(async () => {
	test.setTimeout(90_000);
	const missing = [NGINX, CADDY].filter((bin) => !existsSync(bin));
	expect(
		missing,
		'missing: run `node scripts/ensure-proxies.js` (as root on Debian it installs them; it prints the command otherwise)'
	).toEqual([]);
	// A fresh start for each run of the file in this worker (--repeat-each runs it again).
	fileStarted = Date.now();
	instances.length = 0;
	started.length = 0;
	sessionsMade.length = 0;
	dir = mkdtempSync(join(tmpdir(), 'klasakkoord-multi-'));
	// No PostgreSQL installed: startPostgres throws with the command to run (never a skip).
	pg = await startPostgres({ settings: { fsync: 'off' } });
	const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`CREATE ROLE ${ROLE} LOGIN`);
		await admin.unsafe(`CREATE DATABASE klasakkoord OWNER ${ROLE}`);
	} finally {
		await admin.end();
	}
	databaseUrl = `postgres://${ROLE}@127.0.0.1:${pg.port}/klasakkoord`;

	// Three instances start at the same moment on the empty database: they migrate it once between them.
	instances.push(...(await Promise.all(['A', 'B', 'C'].map((name) => startInstance(name)))));
	const schema = postgres(pg.url.replace(/\/postgres$/, '/klasakkoord'), { max: 1, onnotice: () => {} });
	try {
		expect(await schema`SELECT count(*)::int AS n FROM klasakkoord_schema`).toEqual([{ n: 1 }]);
	} finally {
		await schema.end();
	}

	certificate = makeCertificate(dir);
	proxyPort = await freePort();
	const httpPort = await freePort();
	const args = nginxConfig(join(dir, 'nginx'), 'deploy/nginx/klasakkoord-multi.conf', { https: proxyPort, http: httpPort }, certificate, [
		['server 127.0.0.1:3001;', `server 127.0.0.1:${instances[0]!.server.port};`],
		['server 127.0.0.1:3002;', `server 127.0.0.1:${instances[1]!.server.port};`],
		['server 127.0.0.1:3003;', `server 127.0.0.1:${instances[2]!.server.port};`],
		// The proxy listens on a test port rather than 443, so the Host it passes on keeps that port, as
		// the browser's Origin does (the app compares the two hosts). The instances have no ORIGIN, so
		// the same instance also serves the browsers that talk to it directly.
		['proxy_set_header Host $host;', `proxy_set_header Host $host:${proxyPort};`],
		// The test's own addition: which instance answered, so it knows whose streams a kill cuts.
		['proxy_connect_timeout 2s;', 'proxy_connect_timeout 2s;\n\t\tadd_header X-Upstream $upstream_addr always;']
	]);
	const checked = execFileSync(NGINX, ['-t', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	expect(checked).toBe('');
	nginx = await startProcess(NGINX, [...args, '-g', 'daemon off;'], process.env, httpPort);

	const chromiumPath = findChromium();
	if (!chromiumPath) throw new Error('No Chromium found: run `node scripts/ensure-chromium.js` (npm run test:e2e does).');
	// Browsers reach the proxy by the name in its certificate and server_name, on loopback.
	browser = await chromium.launch({
		executablePath: chromiumPath.path,
		args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${NAME} 127.0.0.1`]
	});
	console.log(`multi: PostgreSQL, three instances, nginx and Chromium up in ${Date.now() - fileStarted} ms`);
});

test.afterAll(async () => {
	await browser?.close();
	if (nginx && nginx.child.exitCode === null) {
		nginx.child.kill('SIGQUIT');
		await nginx.exited;
	}
	for (const { server } of started) {
		if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL');
		await server.exited;
	}
	// A test that failed while PostgreSQL was stopped leaves nothing to stop: the files go all the same.
	try {
		pg?.stop();
	} catch (error) {
		console.error(error);
	}
	if (dir) rmSync(dir, { recursive: true, force: true });
	console.log(`multi: the whole file took ${((Date.now() - fileStarted) / 1000).toFixed(1)} s`);
});

/** A browser context that talks to one instance directly. */
function direct(instance: Instance, options: Parameters<Browser['newContext']>[0] = {}) {
	return browser.newContext({ baseURL: instance.server.url, ...options });
}

/** A browser context that goes through the round-robin proxy, over HTTP/2, as phones at a school do. */
function viaProxy(options: Parameters<Browser['newContext']>[0] = {}) {
	return browser.newContext({ baseURL: proxyURL(), ignoreHTTPSErrors: true, ...options });
}

interface Answer {
	status: number;
	text: string;
	json: Record<string, unknown>;
	cookie: string | undefined;
}

/** One JSON API request: the device's cookie or the mentor's key, and an Idempotency-Key if given. */
async function send(
	base: string,
	path: string,
	options: { method?: string; body?: unknown; cookie?: string; hostKey?: string; key?: string; lang?: 'en' } = {}
): Promise<Answer> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (options.cookie) headers.cookie = options.cookie;
	if (options.hostKey) headers.authorization = `Bearer ${options.hostKey}`;
	if (options.key !== undefined) headers['idempotency-key'] = options.key;
	if (options.lang) headers['accept-language'] = options.lang;
	const response = await fetch(`${base}${path}`, {
		method: options.method ?? 'POST',
		headers,
		body: options.method === 'GET' ? undefined : JSON.stringify(options.body ?? {})
	});
	const text = await response.text();
	let json: Record<string, unknown> = {};
	try {
		json = JSON.parse(text) as Record<string, unknown>;
	} catch {
		// Not JSON (an export is, every API answer is): the text is kept for the message.
	}
	const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
	return { status: response.status, text, json, cookie };
}

interface Exported {
	participants: number;
	rules: Array<{ position: number; text: string }>;
	proposals: Array<{ id: string; text: string; status: string; tally: { agree: number; disagree: number; pass: number } }>;
	activities?: Array<{ id: string; responses: Array<{ answer: string; count: number }> | null }>;
	exportedAt: string;
}

async function exportJson(base: string, code: string, hostKey: string): Promise<Exported> {
	const answer = await send(base, `/api/sessions/${code}/export/json`, { method: 'GET', hostKey });
	expect(answer.status, answer.text).toBe(200);
	return answer.json as unknown as Exported;
}

/** The mentor's view of the session, read from an event stream of `base`. */
async function hostView(base: string, code: string, hostKey: string) {
	return snapshot(`${base}/api/sessions/${code}/events?role=host`, { authorization: `Bearer ${hostKey}` });
}

function expectEmptyDataDirs(which: Instance[]) {
	for (const { name, server } of which) expect(readdirSync(server.dataDir), `DATA_DIR of instance ${name} stays empty`).toEqual([]);
}

/** Starts a session from /host in the context's browser; answers its code and the console page. */
async function startSession(context: BrowserContext) {
	const page = await context.newPage();
	await page.goto('/host');
	await page.getByRole('button', { name: 'Live sessie starten' }).click();
	await page.waitForURL(/\/host\/[A-Z0-9]{6}$/);
	const code = page.url().split('/').pop()!;
	await expectLive(page);
	const cookie = (await context.cookies()).find((c) => c.name.endsWith(`kk_host_${code}`));
	expect(cookie, 'the console holds a host cookie').toBeDefined();
	sessionsMade.push({ code, hostKey: cookie!.value });
	return { page, code, hostKey: cookie!.value };
}

test('a class spread over three instances and the proxy: every page sees every change, device numbers stay distinct', async () => {
	test.setTimeout(120_000);
	const [A, B, C] = instances as [Instance, Instance, Instance];
	const contexts: BrowserContext[] = [];
	const open = async (context: Promise<BrowserContext>) => {
		contexts.push(await context);
		return contexts.at(-1)!;
	};

	// The mentor's console on A; the projector, a second window with the mentor's cookie, on B.
	const mentor = await open(direct(A, { viewport: { width: 1366, height: 900 } }));
	const { page: console_, code, hostKey } = await startSession(mentor);
	const projector = await (
		await open(direct(B, { storageState: await mentor.storageState(), viewport: { width: 1280, height: 800 } }))
	).newPage();
	await projector.goto(`/host/${code}/projector`);
	await expectLive(projector);

	// Students on A, B and C directly, and two through the round-robin proxy.
	const places = ['A', 'B', 'C', 'proxy', 'proxy'] as const;
	const students: Page[] = [];
	for (const place of places) {
		const context = await open(place === 'proxy' ? viaProxy(PHONE) : direct(instances['ABC'.indexOf(place)]!, PHONE));
		const page = await joinByCode(context, code);
		await expectLive(page);
		students.push(page);
	}
	await expect(console_.getByText('5 deelnemers')).toBeVisible();

	const texts = [
		'Wij vragen eerst toestemming voordat we iemand filmen.',
		'Wij sturen geen foto’s van klasgenoten door.',
		'Wij verwijderen een foto als iemand dat vraagt.'
	];
	await test.step('proposals sent to B, C and the proxy, approved on A', async () => {
		await propose(students[1]!, texts[0]!);
		await propose(students[2]!, texts[1]!);
		await propose(students[3]!, texts[2]!);
		for (const text of texts) {
			await card(console_, text).getByRole('button', { name: 'Goedkeuren' }).click();
			await expect(card(console_, text).getByRole('button', { name: 'Goedkeuren' })).toHaveCount(0);
		}
		await console_.getByRole('button', { name: 'Voorstellen', exact: true }).click();
		for (const text of texts) await expect(projector.getByText(text)).toBeVisible();
	});

	await test.step('votes from every instance, counted on the console', async () => {
		await console_.getByRole('button', { name: 'Stemmen', exact: true }).click();
		for (const [i, student] of students.entries()) {
			await expect(student.getByRole('heading', { name: 'Stem op de voorstellen' })).toBeVisible();
			for (const text of texts) await expect(voteRow(student, text), `student ${i} (${places[i]}) can vote on “${text}”`).toBeVisible();
		}
		for (const [i, student] of students.entries()) {
			const choices = [['Eens'], [i < 2 ? 'Oneens' : 'Eens'], [i === 4 ? 'Sla over' : 'Eens']].flat();
			for (const [t, choice] of choices.entries()) {
				const button = voteRow(student, texts[t]!).getByRole('button', { name: choice, exact: true });
				await button.click();
				await expect(button).toHaveAttribute('aria-pressed', 'true');
			}
		}
		await expect(card(console_, texts[0]!)).toContainText('5 eens, 0 oneens, 0 overgeslagen');
		await expect(card(console_, texts[1]!)).toContainText('3 eens, 2 oneens, 0 overgeslagen');
		await expect(card(console_, texts[2]!)).toContainText('4 eens, 0 oneens, 1 overgeslagen');
	});

	await test.step('the reveal reaches the projector on B and every phone', async () => {
		await console_.getByRole('button', { name: 'Uitslag', exact: true }).click();
		await console_.getByRole('button', { name: 'Uitslag tonen aan de klas' }).click();
		const row = (text: string) => projector.getByRole('listitem').filter({ has: projector.getByText(text, { exact: true }) });
		await expect(row(texts[0]!).locator('.tally')).toContainText('5 eens, 0 oneens, 0 overgeslagen');
		await expect(row(texts[1]!).locator('.tally')).toContainText('3 eens, 2 oneens, 0 overgeslagen');
		await console_.getByRole('button', { name: 'Uitkomst bespreken', exact: true }).click();
		for (const student of students) {
			await expect(student.getByRole('heading', { name: 'We bespreken de uitkomst' })).toBeVisible();
			await expect(student.getByText('3 eens, 2 oneens, 0 overgeslagen')).toBeVisible();
		}
	});

	await test.step('thirty more phones join at once, ten on each instance: every device number is distinct', async () => {
		const joins = await Promise.all(Array.from({ length: 30 }, (_, i) => send(instances[i % 3]!.server.url, `/api/sessions/${code}/join`)));
		for (const answer of joins) expect(answer.status, answer.text).toBe(200);
		const devices = joins.map((answer) => answer.json.device);
		for (const device of devices) expect(Number.isInteger(device), `device number ${String(device)}`).toBe(true);
		expect(new Set(devices).size).toBe(30);
		await expect(console_.getByText('35 deelnemers')).toBeVisible();
		for (const instance of instances) expect((await hostView(instance.server.url, code, hostKey)).view).toMatchObject({ participants: 35 });
	});

	expectEmptyDataDirs([A, B, C]);
	await Promise.all(contexts.map((context) => context.close()));
});

/** Records, in every page of the context, when an event stream failed and when a snapshot came. */
async function watchStreams(context: BrowserContext) {
	await context.addInitScript(() => {
		const log: Array<{ type: string; at: number }> = [];
		(window as unknown as { __streams: typeof log }).__streams = log;
		const Native = window.EventSource;
		window.EventSource = class extends Native {
			constructor(url: string | URL, init?: EventSourceInit) {
				super(url, init);
				this.addEventListener('error', () => log.push({ type: 'error', at: Date.now() }));
				this.addEventListener('snapshot', () => log.push({ type: 'snapshot', at: Date.now() }));
			}
		};
	});
}

/** A browser page through the proxy, with the instance that serves its event stream. */
class ProxiedClient {
	page!: Page;
	/** The instance (host:port, from the test's X-Upstream) that answered the latest event stream. */
	upstream: string | undefined;
	/** Last-Event-ID headers the browser sent when it reopened the stream. */
	readonly lastEventIds: string[] = [];

	constructor(
		readonly name: string,
		readonly context: BrowserContext
	) {
		context.on('response', (response) => {
			if (/\/api\/sessions\/[A-Z0-9]+\/events\?/.test(response.url())) this.upstream = response.headers()['x-upstream'];
		});
		context.on('request', (request) => {
			if (!/\/api\/sessions\/[A-Z0-9]+\/events\?/.test(request.url())) return;
			void request.allHeaders().then((headers) => {
				if (headers['last-event-id'] !== undefined) this.lastEventIds.push(headers['last-event-id']);
			});
		});
	}

	static async open(name: string, options: Parameters<Browser['newContext']>[0] = {}) {
		const context = await viaProxy(options);
		await watchStreams(context);
		return new ProxiedClient(name, context);
	}

	streams(): Promise<Array<{ type: string; at: number }>> {
		return this.page.evaluate(() => (window as unknown as { __streams: Array<{ type: string; at: number }> }).__streams);
	}
}

/** The instance listening on `address` (`127.0.0.1:<port>`; nginx lists every one it tried, the last answered). */
function instanceAt(address: string | undefined): Instance | undefined {
	const last = address?.split(', ').at(-1);
	return instances.find((instance) => last === `127.0.0.1:${instance.server.port}`);
}

const CHOICES = ['agree', 'disagree', 'pass'] as const;

test('SIGKILL of one instance mid-round: every acknowledged write is kept, its clients reconnect through the proxy and carry on', async () => {
	test.setTimeout(150_000);
	const mentor = await ProxiedClient.open('console', { viewport: { width: 1366, height: 900 } });
	const { page: console_, code, hostKey } = await startSession(mentor.context);
	mentor.page = console_;
	const projector = await ProxiedClient.open('projector', { storageState: await mentor.context.storageState() });
	projector.page = await projector.context.newPage();
	await projector.page.goto(`/host/${code}/projector`);
	await expectLive(projector.page);
	const phones: ProxiedClient[] = [];
	for (let i = 0; i < 4; i++) {
		const phone = await ProxiedClient.open(`phone ${i + 1}`, PHONE);
		phone.page = await joinByCode(phone.context, code);
		await expectLive(phone.page);
		phones.push(phone);
	}
	const clients = [mentor, projector, ...phones];

	// Twelve more phones through the API, each on one instance directly; eight of them propose.
	const devices = await Promise.all(
		Array.from({ length: 12 }, async (_, i) => {
			const instance = instances[i % 3]!;
			const joined = await send(instance.server.url, `/api/sessions/${code}/join`);
			expect(joined.status, joined.text).toBe(200);
			return { instance, cookie: joined.cookie! };
		})
	);
	const texts = PROPOSALS.slice(0, 8);
	const ids: string[] = [];
	for (const [k, text] of texts.entries()) {
		const device = devices[k]!;
		const proposed = await send(device.instance.server.url, `/api/sessions/${code}/proposals`, { cookie: device.cookie, body: { text } });
		expect(proposed.status, proposed.text).toBe(201);
		ids.push(String(proposed.json.id));
		// Approved through another instance than the one that took it.
		const approved = await send(instances[(k + 1) % 3]!.server.url, `/api/sessions/${code}/host`, {
			hostKey,
			body: { type: 'approve', id: proposed.json.id }
		});
		expect(approved.status, approved.text).toBe(200);
	}
	expect(
		(await send(instances[2]!.server.url, `/api/sessions/${code}/host`, { hostKey, body: { type: 'phase', phase: 'vote' } })).status
	).toBe(200);
	for (const phone of phones) await expect(phone.page.getByRole('heading', { name: 'Stem op de voorstellen' })).toBeVisible();
	await expect(console_.getByText('16 deelnemers')).toBeVisible();

	// The instance that serves the most of these pages' event streams is the one to go.
	for (const client of clients) expect(instanceAt(client.upstream), `${client.name}'s stream is on one of the three`).toBeDefined();
	const load = instances.map((instance) => clients.filter((client) => instanceAt(client.upstream) === instance).length);
	const victim = instances[load.indexOf(Math.max(...load))]!;
	const cut = clients.filter((client) => instanceAt(client.upstream) === victim);
	const kept = clients.filter((client) => !cut.includes(client));
	const survivor = instances.find((instance) => instance !== victim)!;
	console.log(`multi: streams per instance ${instances.map((x, i) => `${x.name} ${load[i]}`).join(', ')}; killing ${victim.name}`);

	const proxy = new H2Client(proxyPort, NAME, certificate.ca);
	let killedAt = 0;
	let victimAcks = 0;
	const KILL_AFTER = 12;
	/** Writes that failed at their instance and were sent again through the proxy. */
	const retries: Array<{ key: string; status: number; inFlight: boolean; afterKill: number; badGateway: number }> = [];
	/**
	 * A write as a careful client sends it: to its instance; when that fails (the instance is gone, or
	 * the proxy answers 502), again through the proxy with the same Idempotency-Key until it is answered.
	 */
	async function write(target: Instance, path: string, body: unknown, auth: { cookie?: string; hostKey?: string }, key: string) {
		const sentAt = Date.now();
		try {
			const answer = await send(target.server.url, path, { body, key, ...auth });
			if (target === victim && ++victimAcks === KILL_AFTER) {
				victim.server.process.kill('SIGKILL');
				killedAt = Date.now();
			}
			return answer.status;
		} catch {
			const headers: Record<string, string> = { 'idempotency-key': key };
			if (auth.cookie) headers.cookie = auth.cookie;
			if (auth.hostKey) headers.authorization = `Bearer ${auth.hostKey}`;
			let badGateway = 0;
			for (;;) {
				const answer = await proxy.request(path, { method: 'POST', headers, body });
				if (answer.status === 502 && badGateway < 20) {
					badGateway++;
					await new Promise((resolve) => setTimeout(resolve, 100));
					continue;
				}
				retries.push({ key, status: answer.status, inFlight: sentAt <= killedAt, afterKill: Date.now() - killedAt, badGateway });
				return answer.status;
			}
		}
	}
	const pause = () => new Promise((resolve) => setTimeout(resolve, 40));

	const adoptTexts = Array.from({ length: 24 }, (_, n) => `Afspraak ${n + 1}: wij vragen het eerst.`);
	const statuses = await test.step('votes on every instance and rules through the victim, killed after its 12th answer', async () => {
		const voting = devices.map(async (device, i) => {
			const done: number[] = [];
			for (const [k, id] of ids.entries()) {
				const choice = CHOICES[(i + k) % 3]!;
				done.push(
					await write(device.instance, `/api/sessions/${code}/votes`, { proposal: id, choice }, { cookie: device.cookie }, `vote-${i}-${k}`)
				);
				await pause();
			}
			return done;
		});
		const adopting = (async () => {
			const done: number[] = [];
			for (const [n, text] of adoptTexts.entries()) {
				done.push(await write(victim, `/api/sessions/${code}/host`, { type: 'adopt', text, from: [] }, { hostKey }, `adopt-${n}`));
				await pause();
			}
			return done;
		})();
		return [...(await Promise.all(voting)).flat(), ...(await adopting)];
	});
	expect(killedAt, 'the instance was killed while the writes went on').toBeGreaterThan(0);
	expect(victim.server.process.signalCode).toBe('SIGKILL');
	expect(
		statuses.filter((status) => status < 200 || status > 299),
		'every write was answered 2xx in the end'
	).toEqual([]);
	const inFlight = retries.filter((retry) => retry.inFlight);
	console.log(
		`multi: ${inFlight.length} writes in flight at the kill, answered through the proxy ${inFlight.map((r) => r.afterKill).join(', ')} ms after it; ` +
			`${retries.length - inFlight.length} later ones sent through the proxy; 502 answers from nginx: ${retries.reduce((n, r) => n + r.badGateway, 0)}`
	);

	await test.step('every write is in the record exactly once, read through the others', async () => {
		for (const instance of instances.filter((x) => x !== victim)) {
			const record = await exportJson(instance.server.url, code, hostKey);
			expect(record.participants).toBe(16);
			expect(record.rules.map((rule) => rule.text)).toEqual(adoptTexts);
			for (const [k, id] of ids.entries()) {
				const expected = { agree: 0, disagree: 0, pass: 0 };
				for (let i = 0; i < devices.length; i++) expected[CHOICES[(i + k) % 3]!]++;
				expect(record.proposals.find((proposal) => proposal.id === id)?.tally, `the tally of ${id}`).toEqual(expected);
			}
		}
	});

	const reconnected = await test.step('the pages whose stream was on the killed instance reconnect through the proxy', async () => {
		const times: Record<string, number> = {};
		for (const client of cut) {
			await expect
				.poll(async () => (await client.streams()).some((entry) => entry.type === 'snapshot' && entry.at > killedAt), {
					message: `${client.name} got a new snapshot`,
					timeout: 15_000
				})
				.toBe(true);
			const log = await client.streams();
			times[client.name] = log.find((entry) => entry.type === 'snapshot' && entry.at > killedAt)!.at - killedAt;
			expect(log.some((entry) => entry.type === 'error' && entry.at >= killedAt - 50)).toBe(true);
			expect(instanceAt(client.upstream), `${client.name} is served by another instance now`).not.toBe(victim);
			// The browser's own reconnect, with the id of the last message it saw.
			expect(client.lastEventIds.length, `${client.name} reconnected with Last-Event-ID`).toBeGreaterThan(0);
			expect(client.lastEventIds[0]).toMatch(/^\d+$/);
		}
		for (const client of kept) {
			const log = await client.streams();
			expect(
				log.filter((entry) => entry.type === 'error' && entry.at >= killedAt),
				`${client.name}'s stream was not cut`
			).toEqual([]);
		}
		return times;
	});
	const worst = Math.max(...Object.values(reconnected));
	console.log(`multi: failover, stream back after the kill (ms): ${JSON.stringify(reconnected)}; worst ${worst} ms`);
	console.log(`multi: Last-Event-ID sent on reconnect: ${JSON.stringify(Object.fromEntries(cut.map((c) => [c.name, c.lastEventIds])))}`);
	test
		.info()
		.annotations.push({ type: 'failover', description: `streams back ${worst} ms after the SIGKILL (${JSON.stringify(reconnected)})` });

	await test.step('and carry on: one more vote from each phone counts, the reveal reaches the projector', async () => {
		const text = texts[0]!;
		const before = (await exportJson(survivor.server.url, code, hostKey)).proposals.find((p) => p.id === ids[0])!.tally;
		for (const phone of phones) {
			const button = voteRow(phone.page, text).getByRole('button', { name: 'Eens', exact: true });
			await button.click();
			await expect(button).toHaveAttribute('aria-pressed', 'true');
		}
		const after = { ...before, agree: before.agree + phones.length };
		const wording = `${after.agree} eens, ${after.disagree} oneens, ${after.pass} overgeslagen`;
		await expect(card(console_, text)).toContainText(wording);
		expect((await exportJson(survivor.server.url, code, hostKey)).proposals.find((p) => p.id === ids[0])!.tally).toEqual(after);
		await console_.getByRole('button', { name: 'Uitslag', exact: true }).click();
		await console_.getByRole('button', { name: 'Uitslag tonen aan de klas' }).click();
		const row = projector.page.getByRole('listitem').filter({ has: projector.page.getByText(text, { exact: true }) });
		await expect(row.locator('.tally')).toContainText(wording);
	});

	await test.step('Caddy with deploy/Caddyfile.multi in front of the same three, one of them dead: writes and streams go through', async () => {
		const [httpsPort, httpPort, adminPort] = [await freePort(), await freePort(), await freePort()];
		const made = caddyConfig(
			'deploy/Caddyfile.multi',
			join(dir, 'caddy'),
			{ https: httpsPort, http: httpPort, admin: adminPort },
			certificate
		);
		const { config } = made;
		const env = {
			...made.env,
			// The upstreams as compose.yaml names its own: here the three instances, the dead one included.
			KLASAKKOORD_UPSTREAMS: instances.map((instance) => `127.0.0.1:${instance.server.port}`).join(' ')
		};
		const caddy = await startProcess(CADDY, ['run', '--adapter', 'caddyfile', '--config', config], env, httpPort);
		const client = new H2Client(httpsPort, NAME, certificate.ca);
		try {
			const auth = { authorization: `Bearer ${hostKey}` };
			const stream = client.events(`/api/sessions/${code}/events?role=host`, auth);
			await expect.poll(() => stream.received, { timeout: 10_000 }).toContain('event: snapshot');
			for (let n = 1; n <= 6; n++) {
				const text = `Via Caddy ${n}: wij helpen elkaar.`;
				const answer = await client.request(`/api/sessions/${code}/host`, {
					method: 'POST',
					headers: { ...auth, 'idempotency-key': `caddy-${n}` },
					body: { type: 'adopt', text, from: [] }
				});
				expect(answer.status, answer.text).toBe(200);
				await expect.poll(() => stream.received, { message: `the stream through Caddy shows rule ${n}` }).toContain(text);
			}
			stream.stream.close();
		} finally {
			// Caddy waits for open connections on SIGTERM: end this one first.
			client.session.destroy();
			caddy.child.kill('SIGTERM');
			await caddy.exited;
		}
	});

	proxy.close();
	expectEmptyDataDirs(instances.filter((instance) => instance !== victim));
	await Promise.all(clients.map((client) => client.context.close()));
	// The killed instance comes back on its port, as systemd's Restart= would bring it, for the next tests.
	instances[instances.indexOf(victim)] = await startInstance(`${victim.name}2`, victim.server.port);
	expectEmptyDataDirs([victim]);
});

/** An export without the moment it was made, for comparing two exports. */
function record(exported: Exported) {
	return { ...exported, exportedAt: undefined };
}

const BAD_KEYS: Array<[string, string]> = [
	['empty', ''],
	['129 characters', 'k'.repeat(129)],
	['a space', 'retry 1'],
	['a slash', 'retry/1'],
	['a comma', 'retry,1'],
	['a letter outside ASCII', 'herhaling-é']
];

test('a retried write with the same Idempotency-Key, sent to another instance, answers the same and is stored once', async () => {
	test.setTimeout(90_000);
	const [A, B, C] = instances.map((instance) => instance.server.url) as [string, string, string];
	const created = await send(A, '/api/sessions', { body: {} });
	expect(created.status, created.text).toBe(201);
	const code = String(created.json.code);
	const hostKey = String(created.json.hostKey);
	sessionsMade.push({ code, hostKey });
	const path = (what: string) => `/api/sessions/${code}/${what}`;
	const same = (answer: Answer) => ({ status: answer.status, body: answer.text });

	const { phone1, phone2, lost } =
		await test.step('join: the retry on B gives the same device; another key makes another device', async () => {
			const first = await send(A, path('join'), { key: 'join-1' });
			expect(first.status, first.text).toBe(200);
			expect(first.cookie).toBeDefined();
			const retry = await send(B, path('join'), { key: 'join-1' });
			expect(same(retry)).toEqual(same(first));
			expect((await hostView(C, code, hostKey)).view).toMatchObject({ participants: 1 });
			// The first answer's cookie was lost (that is why a phone sends again): the retry's cookie must be
			// the same device, or the phone could never act as the device it became.
			expect(retry.cookie, 'the retry hands out the device cookie again').toBeDefined();
			const other = await send(C, path('join'), { key: 'join-2' });
			expect(other.status, other.text).toBe(200);
			expect(other.json.device).not.toBe(first.json.device);
			expect((await hostView(A, code, hostKey)).view).toMatchObject({ participants: 2 });
			return { phone1: retry.cookie!, phone2: other.cookie!, lost: first.cookie! };
		});

	const text = 'Wij vragen eerst toestemming voordat we iemand filmen.';
	const id =
		await test.step('proposals: the retry on B answers the first answer; a new key, or another phone, makes a new one', async () => {
			const first = await send(A, path('proposals'), { cookie: lost, key: 'proposal-1', body: { text } });
			expect(first.status, first.text).toBe(201);
			expect(same(await send(B, path('proposals'), { cookie: lost, key: 'proposal-1', body: { text } }))).toEqual(same(first));
			// The cookie of the lost first answer and the retry's are one device: the proposal is the retry's too.
			const mine = (await snapshot(`${C}${path('events')}?role=student`, { cookie: phone1 })) as { me?: unknown };
			expect(JSON.stringify(mine.me)).toContain(`"${String(first.json.id)}"`);
			let exported = await exportJson(C, code, hostKey);
			expect(exported.proposals.filter((proposal) => proposal.text === text)).toHaveLength(1);
			const again = await send(C, path('proposals'), { cookie: phone1, key: 'proposal-2', body: { text } });
			expect(again.status, again.text).toBe(201);
			expect(again.json.id).not.toBe(first.json.id);
			// A key is the sender's own: the same key from another phone is another write.
			const other = await send(A, path('proposals'), {
				cookie: phone2,
				key: 'proposal-1',
				body: { text: 'Wij taggen niemand zonder te vragen.' }
			});
			expect(other.status, other.text).toBe(201);
			exported = await exportJson(B, code, hostKey);
			expect(exported.proposals.filter((proposal) => proposal.text === text)).toHaveLength(2);
			expect(exported.proposals).toHaveLength(3);
			return String(first.json.id);
		});

	await test.step('mentor commands: a retried edit does not undo a later one; a retried adopt adopts once', async () => {
		const host = (base: string, key: string, body: unknown) => send(base, path('host'), { hostKey, key, body });
		expect((await host(A, 'approve-1', { type: 'approve', id })).status).toBe(200);
		const editA = await host(A, 'edit-1', { type: 'edit', id, text: 'Wij vragen het eerst.' });
		expect(editA.status, editA.text).toBe(200);
		expect((await host(B, 'edit-2', { type: 'edit', id, text: 'Wij vragen het altijd eerst.' })).status).toBe(200);
		expect(same(await host(C, 'edit-1', { type: 'edit', id, text: 'Wij vragen het eerst.' }))).toEqual(same(editA));
		const adopt = await host(A, 'adopt-1', { type: 'adopt', text: 'Wij vragen het altijd eerst.', from: [id] });
		expect(adopt.status, adopt.text).toBe(200);
		expect(same(await host(B, 'adopt-1', { type: 'adopt', text: 'Wij vragen het altijd eerst.', from: [id] }))).toEqual(same(adopt));
		const exported = await exportJson(C, code, hostKey);
		expect(exported.proposals.find((proposal) => proposal.id === id)?.text).toBe('Wij vragen het altijd eerst.');
		expect(exported.rules.map((rule) => rule.text)).toEqual(['Wij vragen het altijd eerst.']);
	});

	await test.step('votes: a refused write is not remembered; a retried vote does not undo a later one', async () => {
		const vote = (base: string, cookie: string, key: string, choice: string) =>
			send(base, path('votes'), { cookie, key, body: { proposal: id, choice } });
		const early = await vote(A, phone2, 'vote-0', 'agree');
		expect(early.status, early.text).toBe(409);
		expect(early.json.error).toBe('voting_closed');
		expect((await send(B, path('host'), { hostKey, key: 'phase-1', body: { type: 'phase', phase: 'vote' } })).status).toBe(200);
		// Evaluated again, now that voting is open.
		expect((await vote(C, phone2, 'vote-0', 'agree')).status).toBe(200);
		const agree = await vote(A, phone1, 'vote-1', 'agree');
		expect(agree.status, agree.text).toBe(200);
		expect((await vote(B, phone1, 'vote-2', 'disagree')).status).toBe(200);
		expect(same(await vote(C, phone1, 'vote-1', 'agree'))).toEqual(same(agree));
		// The body of a repeat is not compared: the key decides, and the first answer comes back.
		expect(same(await vote(B, phone1, 'vote-1', 'pass'))).toEqual(same(agree));
		const exported = await exportJson(A, code, hostKey);
		expect(exported.proposals.find((proposal) => proposal.id === id)?.tally).toEqual({ agree: 1, disagree: 1, pass: 0 });
	});

	await test.step('responses in a lesson: a retried answer does not undo a later one', async () => {
		const lesson = await send(B, '/api/sessions', { body: { module: 'klasafspraken' } });
		expect(lesson.status, lesson.text).toBe(201);
		const lessonCode = String(lesson.json.code);
		const lessonKey = String(lesson.json.hostKey);
		sessionsMade.push({ code: lessonCode, hostKey: lessonKey });
		const joined = await send(C, `/api/sessions/${lessonCode}/join`, { key: 'join-1' });
		expect(joined.status, joined.text).toBe(200);
		expect((await send(A, `/api/sessions/${lessonCode}/host`, { hostKey: lessonKey, body: { type: 'slide', index: 1 } })).status).toBe(200);
		const respond = (base: string, key: string, choice: string) =>
			send(base, `/api/sessions/${lessonCode}/responses`, { cookie: joined.cookie, key, body: { activity: 'step-2-a1', choice } });
		const first = await respond(A, 'answer-1', 'agree');
		expect(first.status, first.text).toBe(200);
		expect((await respond(B, 'answer-2', 'disagree')).status).toBe(200);
		expect(same(await respond(C, 'answer-1', 'agree'))).toEqual(same(first));
		const activity = (await exportJson(A, lessonCode, lessonKey)).activities?.find((a) => a.id === 'step-2-a1');
		const counts = Object.fromEntries((activity?.responses ?? []).map((r) => [r.answer, r.count]));
		expect(counts).toEqual({ eens: 0, oneens: 1, 'weet niet': 0 });
	});

	await test.step('a bad key is refused with 400 in the user’s language and changes nothing; 128 allowed characters pass', async () => {
		const before = { view: await hostView(A, code, hostKey), record: record(await exportJson(A, code, hostKey)) };
		const writes: Array<[string, { cookie?: string; hostKey?: string; body?: unknown }]> = [
			['join', {}],
			['proposals', { cookie: phone1, body: { text: 'Wij delen niets zonder te vragen.' } }],
			['votes', { cookie: phone1, body: { proposal: id, choice: 'pass' } }],
			['responses', { cookie: phone1, body: { activity: 'step-2-a1', choice: 'agree' } }],
			['host', { hostKey, body: { type: 'adopt', text: 'Wij vragen het eerst.', from: [] } }]
		];
		for (const [name, key] of BAD_KEYS) {
			for (const [what, options] of writes) {
				const nl = await send(B, path(what), { ...options, key });
				expect(nl.status, `${what} with ${name}: ${nl.text}`).toBe(400);
				expect(nl.json).toMatchObject({ ok: false, error: expect.any(String), message: expect.any(String) });
				expect(nl.cookie, `${what} with ${name} sets no cookie`).toBeUndefined();
				const en = await send(C, path(what), { ...options, key, lang: 'en' });
				expect(en.status).toBe(400);
				expect(en.json.error).toBe(nl.json.error);
				expect(en.json.message, 'the English answer is in English').not.toBe(nl.json.message);
			}
		}
		const after = { view: await hostView(A, code, hostKey), record: record(await exportJson(A, code, hostKey)) };
		expect(after).toEqual(before);
		const longest = 'Az09_.:-'.repeat(16);
		expect(longest).toHaveLength(128);
		expect((await send(B, path('votes'), { cookie: phone1, key: longest, body: { proposal: id, choice: 'pass' } })).status).toBe(200);
		expect((await send(C, path('votes'), { cookie: phone1, key: 'x', body: { proposal: id, choice: 'disagree' } })).status).toBe(200);
	});

	await test.step('event numbers: each message carries its id; a reconnect with Last-Event-ID on another instance resumes with a snapshot', async () => {
		const auth = { authorization: `Bearer ${hostKey}` };
		const first = await firstMessage(`${A}${path('events')}?role=host`, auth);
		expect(first.event).toBe('snapshot');
		expect(first.id).toBe(first.data.v);
		expect((await send(B, path('host'), { hostKey, body: { type: 'reveal', on: true } })).status).toBe(200);
		const resumed = await firstMessage(`${C}${path('events')}?role=host`, { ...auth, 'last-event-id': String(first.id) });
		expect(resumed.event).toBe('snapshot');
		expect(resumed.id).toBeGreaterThan(first.id);
		expect(resumed.id).toBe(resumed.data.v);
		// An id from nowhere (ahead of the log, or not a number) also gets a snapshot, never an error.
		for (const id of [String(resumed.id + 1000), 'x']) {
			expect(await firstMessage(`${B}${path('events')}?role=host`, { ...auth, 'last-event-id': id })).toMatchObject({
				event: 'snapshot',
				id: resumed.id
			});
		}
	});
	expectEmptyDataDirs(instances);
});

/** Runs the test cluster's pg_ctl, as the postgres user when root (as scripts/postgres.js does). */
function pgCtl(args: string[]) {
	const bin = join(findPostgres()!, 'pg_ctl');
	const all = ['-D', join(pg.dir, 'data'), '-l', join(pg.dir, 'log'), ...args];
	if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...all], { cwd: pg.dir, stdio: 'ignore' });
	else execFileSync(bin, all, { cwd: pg.dir, stdio: 'ignore' });
}

/** The settings scripts/postgres.js started the cluster with, to start it again the same way. */
function pgFlags() {
	const settings = { listen_addresses: "'127.0.0.1'", port: String(pg.port), unix_socket_directories: `'${pg.dir}'`, fsync: 'off' };
	return Object.entries(settings)
		.map(([key, value]) => `-c ${key}=${value}`)
		.join(' ');
}

/** An open event stream of `base`; `ended` settles when the server ends it. */
async function openStream(url: string, headers: Record<string, string>) {
	const response = await fetch(url, { headers });
	expect(response.status).toBe(200);
	const reader = response.body!.getReader();
	let received = '';
	const ended = (async () => {
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return;
				received += new TextDecoder().decode(value);
			}
		} catch {
			// Cut rather than ended: also the end of the stream.
		}
	})();
	await expect.poll(() => received).toContain('event: snapshot');
	return { ended };
}

test('every instance stopped by SIGTERM with streams open exits within 10 s; a fresh instance, and a restore of the nightly dump, see everything; PostgreSQL restarted under them', async () => {
	test.setTimeout(120_000);
	expect(sessionsMade.length, 'the tests before made sessions').toBeGreaterThan(0);
	const before = new Map<string, ReturnType<typeof record>>();
	for (const { code, hostKey } of sessionsMade) before.set(code, record(await exportJson(instances[0]!.server.url, code, hostKey)));

	const dump = await test.step('the nightly dump, run as deploy/klasakkoord-postgres.cron runs it, while the instances serve', async () => {
		const file = 'deploy/klasakkoord-postgres.cron';
		const line = readFileSync(file, 'utf8')
			.split('\n')
			.find((l) => l.trim() && !l.startsWith('#'))!;
		const fields = line.split(/\s+/);
		expect(fields.slice(0, 6).join(' ')).toBe('30 2 * * * postgres');
		let command = fields.slice(6).join(' ');
		expect(command.replace(/\\%/g, ''), 'every % is escaped for cron').not.toContain('%');
		command = command.replace(/\\%/g, '%');
		const backups = join(dir, 'backups');
		mkdirSync(backups, { mode: 0o700 });
		command = substitute(command, file, [['/var/backups/klasakkoord', backups]]);
		// As the postgres user on the database server; here the test cluster's own superuser, by TCP.
		execFileSync('sh', ['-c', command], { env: { ...process.env, PGHOST: '127.0.0.1', PGPORT: String(pg.port), PGUSER: 'klasakkoord' } });
		const copy = join(backups, `klasakkoord-${new Date().toISOString().slice(0, 10)}.dump`);
		expect(statSync(copy).mode & 0o777).toBe(0o600);
		return copy;
	});

	await test.step('SIGTERM to all three at once, each with open event streams: each exits within 10 s and ends its streams', async () => {
		const { code, hostKey } = sessionsMade[0]!;
		const streams = [];
		for (const { server } of instances) {
			for (const role of ['host', 'projector']) {
				streams.push(await openStream(`${server.url}/api/sessions/${code}/events?role=${role}`, { authorization: `Bearer ${hostKey}` }));
			}
		}
		const stops = await Promise.all(
			instances.map(async ({ name, server }) => {
				const at = Date.now();
				server.process.kill('SIGTERM');
				const exitCode = await server.exited;
				return { name, exitCode, ms: Date.now() - at };
			})
		);
		console.log(`multi: SIGTERM to exit: ${stops.map((stop) => `${stop.name} ${stop.ms} ms`).join(', ')}`);
		for (const stop of stops) {
			expect(stop.exitCode, `instance ${stop.name} exits cleanly`).toBe(0);
			expect(stop.ms, `instance ${stop.name} exits within 10 s`).toBeLessThan(10_000);
		}
		await Promise.all(streams.map((stream) => stream.ended));
	});

	await test.step('a fresh instance on the same database sees every session as it was', async () => {
		const fresh = await startInstance('D');
		for (const { code, hostKey } of sessionsMade)
			expect(record(await exportJson(fresh.server.url, code, hostKey)), code).toEqual(before.get(code));
		fresh.server.process.kill('SIGTERM');
		expect(await fresh.server.exited).toBe(0);
	});

	const restored = await test.step('the dump restored as the guide says (drop, create, pg_restore) gives the same sessions', async () => {
		const env = { ...process.env, PGHOST: '127.0.0.1', PGPORT: String(pg.port), PGUSER: 'klasakkoord' };
		execFileSync('dropdb', ['klasakkoord'], { env });
		execFileSync('createdb', ['--owner', ROLE, 'klasakkoord'], { env });
		execFileSync('pg_restore', ['--no-owner', '--role', ROLE, '--dbname', 'klasakkoord', dump], { env });
		const restored = await startInstance('E');
		for (const { code, hostKey } of sessionsMade)
			expect(record(await exportJson(restored.server.url, code, hostKey)), code).toEqual(before.get(code));
		// And it takes new writes: the restored sequences and keys work.
		const created = await send(restored.server.url, '/api/sessions', { body: {} });
		expect(created.status, created.text).toBe(201);
		return restored;
	});

	await test.step('PostgreSQL restarted under three instances: /readyz says so meanwhile; one stopped as soon as it is back exits; a write on another reaches the third’s stream', async () => {
		const [other, third] = await Promise.all([startInstance('F'), startInstance('G')]);
		const pair = [restored, other];
		pgCtl(['-m', 'fast', '-w', 'stop']);
		for (const { server } of [...pair, third]) {
			await expect
				.poll(() => fetch(`${server.url}/readyz`).then(async (r) => `${r.status} ${await r.text()}`), { timeout: 10_000 })
				.toBe('503 database unavailable');
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		}
		// A write meanwhile: 503 in the user's language, so the client knows to send it again.
		const { code: downCode, hostKey: downKey } = sessionsMade[0]!;
		for (const lang of [undefined, 'en'] as const) {
			const down = await send(restored.server.url, `/api/sessions/${downCode}/host`, {
				hostKey: downKey,
				body: { type: 'reveal', on: false },
				lang
			});
			expect(down.status, down.text).toBe(503);
			expect(JSON.parse(down.text)).toMatchObject({
				ok: false,
				error: 'unavailable',
				message: lang ? expect.stringMatching(/^The server cannot reach its database/) : expect.stringMatching(/^De server kan nu niet/)
			});
		}
		pgCtl(['-w', '-t', '30', '-o', pgFlags(), 'start']);
		for (const { server } of [...pair, third]) {
			await expect.poll(() => fetch(`${server.url}/readyz`).then((r) => r.status), { timeout: 15_000 }).toBe(200);
		}
		// One is stopped as soon as the database is back, as `systemctl restart postgresql 'klasakkoord@*'` does.
		const stoppedAt = Date.now();
		third.server.process.kill('SIGTERM');
		const thirdExit = await Promise.race([
			third.server.exited,
			new Promise((resolve) => setTimeout(() => resolve('still running'), 12_000))
		]);
		if (thirdExit === 'still running') third.server.process.kill('SIGKILL');
		expect(thirdExit, 'an instance stopped right after PostgreSQL came back exits cleanly').toBe(0);
		expect(Date.now() - stoppedAt, 'and within 10 s').toBeLessThan(10_000);
		const { code, hostKey } = sessionsMade[0]!;
		const controller = new AbortController();
		const response = await fetch(`${other.server.url}/api/sessions/${code}/events?role=host`, {
			headers: { authorization: `Bearer ${hostKey}` },
			signal: controller.signal
		});
		const reader = response.body!.getReader();
		let received = '';
		void (async () => {
			for (;;) {
				const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
				if (done) return;
				received += new TextDecoder().decode(value);
			}
		})();
		await expect.poll(() => received).toContain('event: snapshot');
		const text = 'Na de herstart: wij vragen het eerst.';
		const adopted = await send(restored.server.url, `/api/sessions/${code}/host`, { hostKey, body: { type: 'adopt', text, from: [] } });
		expect(adopted.status, adopted.text).toBe(200);
		await expect
			.poll(() => received, { message: 'the other instance heard of the write after the restart', timeout: 10_000 })
			.toContain(text);
		controller.abort();
		// And they still stop as they should.
		const stops = await Promise.all(
			pair.map(async ({ name, server }) => {
				const at = Date.now();
				server.process.kill('SIGTERM');
				const exitCode = await Promise.race([server.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 12_000))]);
				return { name, exitCode, ms: Date.now() - at };
			})
		);
		expect(stops.map(({ name, exitCode }) => ({ name, exitCode }))).toEqual(pair.map(({ name }) => ({ name, exitCode: 0 })));
		for (const stop of stops) expect(stop.ms, `instance ${stop.name} exits within 10 s`).toBeLessThan(10_000);
	});

	expectEmptyDataDirs(started);
});
