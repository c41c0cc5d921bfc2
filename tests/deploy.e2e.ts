import { expect, test } from '@playwright/test';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { makeRelease } from './release';
import {
	CADDY,
	nginxConfig,
	caddyConfig,
	eventually,
	H2Client,
	makeCertificate,
	NAME,
	NGINX,
	nginxMain,
	startProcess as startProxy,
	substitute
} from './proxy';
import { freePort, startServer, stopServer, type TestServer } from './server';

// docs/deploy.md, executed: every config it shows is a file in deploy/, and here each runs for real
// with the proxies Debian 12 ships (nginx 1.22, Caddy 2.6), on loopback ports of its own, in front of
// the built app. A test changes only ports, paths and certificate files in them, and checks that each
// of those strings is in the file, so the files cannot drift from what is tested.

const SQLITE3 = '/usr/bin/sqlite3';
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';

let dir: string;
let cert: string;
let key: string;
let ca: string;
const processes: ChildProcess[] = [];
const servers: TestServer[] = [];

test.beforeAll(() => {
	const missing = [NGINX, CADDY, SQLITE3].filter((bin) => !existsSync(bin));
	// npm test installs them first (scripts/ensure-proxies.js); a direct Playwright run says how.
	expect(
		missing,
		'missing: run `node scripts/ensure-proxies.js` (as root on Debian it installs them; it prints the command otherwise)'
	).toEqual([]);
	dir = mkdtempSync(join(tmpdir(), 'klasakkoord-deploy-'));
	({ cert, key, ca } = makeCertificate(dir));
});

test.afterAll(async () => {
	for (const child of processes) {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	}
	for (const server of servers) await stopServer(server);
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts a proxy and waits until `port` answers; afterAll ends it. */
async function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, port: number) {
	const started = await startProxy(command, args, env, port);
	processes.push(started.child);
	return started;
}

/** The app as the unit starts it behind a proxy: its environment, with the test's port, data and origin. */
async function appBehind(publicPort: number) {
	const unit = serviceSettings(readFileSync('deploy/klasakkoord.service', 'utf8'));
	const env = environment(unit);
	expect(env).toMatchObject({ HOST: '127.0.0.1', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
	const { PORT: _port, DATA_DIR: _data, ...rest } = env;
	const server = await startServer({ env: { ...rest, ORIGIN: `https://${NAME}:${publicPort}`, CLIENT_LIMIT_FACTOR: '1' } });
	servers.push(server);
	return server;
}

/** The unit's Environment= assignments. */
function environment(unit: Map<string, string[]>): Record<string, string> {
	const env: Record<string, string> = {};
	for (const assignment of (unit.get('Environment') ?? []).join(' ').split(/\s+/)) {
		const at = assignment.indexOf('=');
		env[assignment.slice(0, at)] = assignment.slice(at + 1);
	}
	return env;
}

/** A plain-http request to the proxy's http port, as a browser typing the bare name sends it. */
function plainHttp(port: number, host: string, path: string): Promise<{ status: number; location: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
			res.resume();
			resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? '') });
		});
		req.on('error', reject);
		req.end();
	});
}

/** Everything a school needs from its proxy, checked through it over HTTP/2. */
async function checkThroughProxy(httpsPort: number, httpPort: number) {
	const client = new H2Client(httpsPort, NAME, ca);
	const origin = { origin: client.origin };
	try {
		await test.step('pages and a built file over HTTP/2', async () => {
			for (const path of ['/', '/host', '/join', '/en', '/robots.txt', '/healthz', '/readyz']) {
				expect((await client.request(path)).status, path).toBe(200);
			}
			const page = await client.request('/host');
			const asset = page.text.match(/\/_app\/immutable\/[^"']+\.js/)![0];
			const built = await client.request(asset, { headers: { 'accept-encoding': 'br, gzip' } });
			expect(built.status).toBe(200);
			expect(built.headers['cache-control']).toContain('immutable');
		});

		const { code, hostKey } = await test.step('POST /api/sessions: 201 without a redirect, a Secure host cookie, https links', async () => {
			const created = await client.request('/api/sessions', { method: 'POST', body: {}, headers: origin });
			expect(created.status, created.text).toBe(201);
			const json = created.json();
			const code = String(json.code);
			expect(String(created.headers['set-cookie'])).toMatch(new RegExp(`^__Host-kk_host_${code}=[^;]+;.*Secure`, 'i'));
			expect(String(json.join)).toBe(`https://${NAME}:${httpsPort}/s/${code}`);
			return { code, hostKey: String(json.hostKey) };
		});
		const host = { authorization: `Bearer ${hostKey}` };

		await test.step('a request from another site is refused (403)', async () => {
			for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: `https://127.0.0.1:${httpsPort}` }]) {
				const refused = await client.request('/api/sessions', { method: 'POST', body: {}, headers });
				expect(refused.status, headers.origin).toBe(403);
			}
		});

		await test.step('ten phones and the mentor hold eleven event streams on one connection; an approval reaches every phone', async () => {
			const phones: string[] = [];
			for (let i = 0; i < 10; i++) {
				const joined = await client.request(`/api/sessions/${code}/join`, { method: 'POST', headers: origin });
				expect(joined.status).toBe(200);
				const cookie = String(joined.headers['set-cookie']);
				expect(cookie).toMatch(new RegExp(`^__Host-kk_dev_${code}=[^;]+;.*Secure`, 'i'));
				phones.push(cookie.split(';')[0]!);
			}
			const hostStream = client.events(`/api/sessions/${code}/events?role=host`, host);
			const streams = phones.map((cookie) => client.events(`/api/sessions/${code}/events?role=student`, { cookie }));
			for (const [i, stream] of [hostStream, ...streams].entries()) {
				await eventually(() => stream.received, 'event: snapshot', `stream ${i} got its snapshot`);
			}
			// All eleven are open at once, on this one connection (more than HTTP/1.1's six per site).
			expect([hostStream, ...streams].filter((s) => s.status === 200 && !s.stream.closed)).toHaveLength(11);

			const text = 'Wij vragen eerst toestemming voor een foto';
			const proposal = await client.request(`/api/sessions/${code}/proposals`, {
				method: 'POST',
				body: { text },
				headers: { ...origin, cookie: phones[0]! }
			});
			expect(proposal.status).toBe(201);
			await eventually(() => hostStream.received, text, 'the mentor sees the proposal');
			const approved = await client.request(`/api/sessions/${code}/host`, {
				method: 'POST',
				body: { type: 'approve', id: proposal.json().id },
				headers: { ...origin, ...host }
			});
			expect(approved.status).toBe(200);
			for (const [i, stream] of streams.entries()) await eventually(() => stream.received, text, `phone ${i} got the approval`);
			for (const stream of [hostStream, ...streams]) stream.stream.close();
		});

		await test.step('flood limits see each phone, not the proxy, and a forged X-Forwarded-For changes nothing', async () => {
			// New sessions per address: a burst of 30. This client forges a new address on every request;
			// the proxy replaces it with the real one, so the app counts them all as one client.
			let refused = 0;
			for (let i = 0; i < 40 && refused === 0; i++) {
				const answer = await client.request('/api/sessions', { method: 'POST', body: {}, headers: { 'x-forwarded-for': `10.9.${i}.1` } });
				if (answer.status === 429) refused = i;
				else expect(answer.status).toBe(201);
			}
			expect(refused, 'the 31st new session from one client is refused').toBeGreaterThan(25);
			// Another phone (another address, here 127.0.0.2) has a bucket of its own.
			const other = new H2Client(httpsPort, NAME, ca, '127.0.0.2');
			try {
				expect((await other.request('/api/sessions', { method: 'POST', body: {} })).status).toBe(201);
			} finally {
				other.close();
			}
		});

		await test.step('plain http goes to https', async () => {
			const redirect = await plainHttp(httpPort, NAME, '/join?x=1');
			expect([301, 308]).toContain(redirect.status);
			expect(redirect.location).toMatch(new RegExp(`^https://${NAME.replace(/\./g, '\\.')}(:${httpsPort})?/join\\?x=1$`));
		});
		return { code };
	} finally {
		client.close();
	}
}

test('nginx (Debian 12’s 1.22) with deploy/nginx: HTTP/2, event streams, the API, Secure cookies, origin check, redirects, no access log', async () => {
	test.setTimeout(60_000);
	const version = spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim();
	const [major, minor, patch] = version
		.match(/nginx\/(\d+)\.(\d+)\.(\d+)/)!
		.slice(1)
		.map(Number) as [number, number, number];
	const modern = major > 1 || minor > 25 || (minor === 25 && patch >= 1);
	const siteFile = modern ? 'klasakkoord.conf' : 'klasakkoord-nginx-1.22.conf';

	await test.step('the two site files differ only in how HTTP/2 is switched on', async () => {
		const strip = (file: string) =>
			readFileSync(join('deploy/nginx', file), 'utf8')
				.split('\n')
				.filter((line) => !line.startsWith('#') && line.trim() !== 'http2 on;')
				.map((line) => line.replace(' ssl http2', ' ssl'))
				.join('\n');
		expect(strip('klasakkoord-nginx-1.22.conf')).toBe(strip('klasakkoord.conf'));
	});

	const httpsPort = await freePort();
	const httpPort = await freePort();
	const app = await appBehind(httpsPort);
	const root = join(dir, 'nginx');
	for (const sub of ['log', 'sites', 'conf.d']) mkdirSync(join(root, sub), { recursive: true });
	writeFileSync(join(root, 'nginx.conf'), nginxMain(root));
	const site = join('deploy/nginx', siteFile);
	writeFileSync(
		join(root, 'sites', 'klasakkoord'),
		substitute(readFileSync(site, 'utf8'), site, [
			[/listen 80 /g, `listen 127.0.0.1:${httpPort} `],
			[/listen 443 /g, `listen 127.0.0.1:${httpsPort} `],
			['server 127.0.0.1:3000;', `server 127.0.0.1:${app.port};`],
			['/etc/ssl/klasakkoord/fullchain.pem', cert],
			['/etc/ssl/klasakkoord/privkey.pem', key]
		])
	);
	const args = ['-p', `${root}/`, '-c', join(root, 'nginx.conf')];

	await test.step('nginx -t accepts the files', async () => {
		const checked = spawnSync(NGINX, ['-t', ...args], { encoding: 'utf8' });
		expect(checked.status, checked.stderr).toBe(0);
		expect(checked.stderr).toContain('test is successful');
	});
	if (!modern) {
		await test.step('and this nginx rejects the ≥ 1.25.1 file, as the guide says', async () => {
			const other = join(dir, 'nginx-modern.conf');
			writeFileSync(other, readFileSync(join(root, 'nginx.conf'), 'utf8').replace(`include ${root}/sites/*;`, `include ${root}/modern/*;`));
			mkdirSync(join(root, 'modern'));
			writeFileSync(
				join(root, 'modern', 'klasakkoord'),
				readFileSync(join(root, 'sites', 'klasakkoord'), 'utf8')
					.replace(/ ssl http2/g, ' ssl')
					.replace(/(listen [^;]+ ssl[^;]*;)/g, '$1\n\thttp2 on;')
			);
			const rejected = spawnSync(NGINX, ['-t', '-p', `${root}/`, '-c', other], { encoding: 'utf8' });
			expect(rejected.status).not.toBe(0);
			expect(rejected.stderr).toContain('unknown directive "http2"');
		});
	}

	const accessLog = '/var/log/nginx/access.log';
	const systemLogBefore = existsSync(accessLog) ? statSync(accessLog).size : -1;
	const nginx = await startProcess(NGINX, [...args, '-g', 'daemon off;'], process.env, httpPort);
	try {
		await test.step('a request by address (the catch-all server) goes to the real name', async () => {
			const byAddress = new H2Client(httpsPort, '127.0.0.1', ca);
			try {
				const answer = await byAddress.request('/join');
				expect(answer.status).toBe(301);
				expect(answer.headers.location).toBe(`https://${NAME}/join`);
			} finally {
				byAddress.close();
			}
		});
		const { code } = await checkThroughProxy(httpsPort, httpPort);

		await test.step('no access log: nothing written with addresses or session codes', async () => {
			const logs = readdirSync(join(root, 'log'));
			for (const file of logs.filter((name) => name.includes('access'))) expect(statSync(join(root, 'log', file)).size, file).toBe(0);
			expect(existsSync(accessLog) ? statSync(accessLog).size : -1, 'Debian’s /var/log/nginx/access.log did not grow').toBe(
				systemLogBefore
			);
			const errors = logs.includes('error.log') ? readFileSync(join(root, 'log', 'error.log'), 'utf8') : '';
			expect(errors).not.toContain(code);
		});
	} finally {
		nginx.child.kill('SIGQUIT');
		expect(await nginx.exited).toBe(0);
	}
	expect(app.process.exitCode).toBeNull();
});

test('Caddy (Debian 12’s 2.6) with deploy/Caddyfile and a certificate from files: the same checks, no request log', async () => {
	test.setTimeout(60_000);
	const httpsPort = await freePort();
	const httpPort = await freePort();
	const adminPort = await freePort();
	const app = await appBehind(httpsPort);
	const { config, env } = caddyConfig(
		'deploy/Caddyfile',
		join(dir, 'caddy'),
		{ https: httpsPort, http: httpPort, admin: adminPort },
		{ cert, key },
		[['reverse_proxy 127.0.0.1:3000', `reverse_proxy 127.0.0.1:${app.port}`]]
	);
	const validated = spawnSync(CADDY, ['validate', '--adapter', 'caddyfile', '--config', config], { encoding: 'utf8', env });
	expect(validated.status, validated.stderr).toBe(0);
	const caddy = await startProcess(CADDY, ['run', '--adapter', 'caddyfile', '--config', config], env, httpPort);
	try {
		const { code } = await checkThroughProxy(httpsPort, httpPort);
		await test.step('no request log: Caddy wrote no access entry, no address and no session code', async () => {
			const output = caddy.output();
			expect(output).not.toContain('http.log.access');
			expect(output).not.toContain('remote_ip');
			expect(output).not.toContain(code);
		});
	} finally {
		caddy.child.kill('SIGTERM');
		await caddy.exited;
	}
	expect(app.process.exitCode).toBeNull();
});

/** The [Service] settings of the unit file, each key with its values in order. */
function serviceSettings(text: string): Map<string, string[]> {
	const settings = new Map<string, string[]>();
	let section = '';
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (!line || line.startsWith('#')) continue;
		if (line.startsWith('[')) section = line;
		else if (section === '[Service]') {
			const at = line.indexOf('=');
			const name = line.slice(0, at);
			settings.set(name, [...(settings.get(name) ?? []), line.slice(at + 1)]);
		}
	}
	return settings;
}

test('the systemd unit verifies, rates as hardened, and runs as systemd would run it: its user, a 0700 state directory, 0600 files, a clean stop', async () => {
	test.setTimeout(60_000);
	const unitFile = 'deploy/klasakkoord.service';
	const text = readFileSync(unitFile, 'utf8');
	const unitDir = join(dir, 'unit');
	mkdirSync(unitDir, { recursive: true });
	writeFileSync(join(unitDir, 'klasakkoord.service'), text);

	await test.step('systemd-analyze verify and security (offline: this container has no systemd as PID 1)', async () => {
		const verify = spawnSync(SYSTEMD_ANALYZE, ['verify', join(unitDir, 'klasakkoord.service')], { encoding: 'utf8', cwd: unitDir });
		expect(verify.status, verify.stderr).toBe(0);
		expect(verify.stderr.trim()).toBe('');
		const security = spawnSync(SYSTEMD_ANALYZE, ['security', '--offline=yes', '--threshold=30', join(unitDir, 'klasakkoord.service')], {
			encoding: 'utf8',
			cwd: unitDir
		});
		expect(security.status, security.stdout.split('\n').slice(-3).join('\n')).toBe(0);
		expect(security.stdout).toMatch(/Overall exposure level for klasakkoord\.service: [0-2]\.\d OK/);
	});

	const service = serviceSettings(text);
	const one = (name: string) => {
		const values = service.get(name);
		expect(values, `${unitFile} sets ${name}`).toBeDefined();
		return values!.at(-1)!;
	};
	const user = one('User');
	expect(one('StateDirectory')).toBe('klasakkoord');
	expect(one('StateDirectoryMode')).toBe('0700');
	expect(one('UMask')).toBe('0077');
	for (const hardening of ['NoNewPrivileges', 'ProtectSystem', 'ProtectHome', 'PrivateTmp'])
		expect(service.has(hardening), hardening).toBe(true);

	await test.step('the guide’s useradd creates the service’s user', async () => {
		const useradd = ['--system', '--home-dir', '/var/lib/klasakkoord', '--shell', '/usr/sbin/nologin', user];
		const guide = readFileSync('docs/deploy.md', 'utf8');
		expect(guide).toContain(`useradd ${useradd.join(' ')}`);
		if (spawnSync('id', ['-u', user]).status !== 0) {
			const isRoot = process.getuid?.() === 0;
			expect(isRoot, `the user ${user} is missing: run  sudo useradd ${useradd.join(' ')}`).toBe(true);
			execFileSync('useradd', useradd);
		}
	});

	await test.step('run ExecStart as the unit says: its user, umask, environment, state directory', async () => {
		// systemd's part, done by hand: the state directory with its mode and owner, the umask, the user,
		// no new privileges. Only paths and the port are the test's own.
		const base = join(dir, 'srv');
		const release = makeRelease(join(base, 'releases', 'v1'));
		chmodSync(dir, 0o755);
		const stateDir = join(dir, 'state', one('StateDirectory'));
		mkdirSync(stateDir, { recursive: true });
		chmodSync(join(dir, 'state'), 0o755);
		chmodSync(stateDir, Number.parseInt(one('StateDirectoryMode'), 8));
		execFileSync('chown', [`${user}:${user}`, stateDir]);
		const port = await freePort();
		const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...environment(service) };
		expect(env).toMatchObject({ HOST: '127.0.0.1', DATA_DIR: '/var/lib/klasakkoord' });
		Object.assign(env, { PORT: String(port), DATA_DIR: stateDir });
		expect(one('WorkingDirectory')).toBe('/srv/klasakkoord/current');
		const [node, ...args] = one('ExecStart').split(' ');
		expect(existsSync(node!), `${node} exists`).toBe(true);
		const child = spawn(
			'setpriv',
			[
				'--reuid',
				user,
				'--regid',
				user,
				'--init-groups',
				'--no-new-privs',
				'sh',
				'-c',
				`umask ${one('UMask')} && exec "$@"`,
				'unit',
				node!,
				...args
			],
			{ cwd: release, env, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		processes.push(child);
		let output = '';
		child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
		child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		let status = 0;
		for (let attempt = 0; attempt < 100 && status !== 200 && child.exitCode === null; attempt++) {
			status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
				(r) => r.status,
				() => 0
			);
			if (status !== 200) await new Promise((r) => setTimeout(r, 100));
		}
		expect(status, `the unit's service answers /readyz; its output:\n${output}`).toBe(200);
		expect((await fetch(`http://127.0.0.1:${port}/api/sessions`, { method: 'POST' })).status).toBe(201);
		const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
		expect(statSync(stateDir).mode & 0o777).toBe(0o700);
		for (const name of readdirSync(stateDir)) {
			const stats = statSync(join(stateDir, name));
			expect(stats.mode & 0o777, name).toBe(0o600);
			expect(stats.uid, name).toBe(uid);
		}
		expect(readdirSync(stateDir)).toContain('klasakkoord.db');
		const stoppedAt = Date.now();
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(Date.now() - stoppedAt).toBeLessThan(Number(one('TimeoutStopSec')) * 1000);
	});
});

test('the backup cron line, run as cron runs it, writes a 0600 copy that holds the live session', async () => {
	const server = await startServer({ env: { CLIENT_LIMIT_FACTOR: '100' } });
	servers.push(server);
	const created = await fetch(`${server.url}/api/sessions`, { method: 'POST' });
	const { code } = (await created.json()) as { code: string };
	const line = readFileSync('deploy/klasakkoord.cron', 'utf8')
		.split('\n')
		.find((l) => l.trim() && !l.startsWith('#'))!;
	const fields = line.split(/\s+/);
	expect(fields.slice(0, 5).join(' ')).toBe('30 2 * * *');
	expect(fields[5]).toBe('klasakkoord');
	let command = fields.slice(6).join(' ');
	// Cron turns a bare % into a line break; \% is a literal %. Every % here must be escaped.
	expect(command.replace(/\\%/g, '')).not.toContain('%');
	command = command.replace(/\\%/g, '%');
	const backups = join(dir, 'backups');
	mkdirSync(backups, { mode: 0o700 });
	command = substitute(command, 'deploy/klasakkoord.cron', [
		['/var/lib/klasakkoord', server.dataDir],
		['/var/backups/klasakkoord', backups]
	]);
	execFileSync('sh', ['-c', command]);
	const today = new Date().toISOString().slice(0, 10);
	const copy = join(backups, `klasakkoord-${today}.db`);
	expect(statSync(copy).mode & 0o777).toBe(0o600);
	expect(execFileSync(SQLITE3, [copy, 'PRAGMA integrity_check'], { encoding: 'utf8' }).trim()).toBe('ok');
	expect(execFileSync(SQLITE3, [copy, `SELECT count(*) FROM sessions WHERE code = '${code}'`], { encoding: 'utf8' }).trim()).toBe('1');
	expect(resolve(copy).startsWith(backups)).toBe(true);
});

/** The first object with `handler: name` anywhere in Caddy's JSON config. */
function findHandler(value: unknown, name: string): Record<string, unknown> | undefined {
	if (!value || typeof value !== 'object') return undefined;
	if ((value as Record<string, unknown>).handler === name) return value as Record<string, unknown>;
	for (const child of Object.values(value)) {
		const found = findHandler(child, name);
		if (found) return found;
	}
	return undefined;
}

test('the files for several instances: nginx -t and caddy validate accept them, the templated unit verifies and keeps the hardening, compose.yaml says what the guide says', async () => {
	// tests/multi.e2e.ts runs nginx's and Caddy's files for real, in front of three instances.
	await test.step('klasakkoord-multi.conf is the 1.22 site file with an upstream of three and a short connect timeout', async () => {
		const body = (file: string) =>
			readFileSync(join('deploy/nginx', file), 'utf8')
				.split('\n')
				.filter((line) => !line.trim().startsWith('#'))
				.join('\n')
				.replace(/upstream klasakkoord \{[^}]*\}/, 'upstream')
				.replace('\n\t\tproxy_connect_timeout 2s;', '');
		expect(body('klasakkoord-multi.conf')).toBe(body('klasakkoord-nginx-1.22.conf'));
		const upstream = /upstream klasakkoord \{([^}]*)\}/.exec(readFileSync('deploy/nginx/klasakkoord-multi.conf', 'utf8'))![1]!;
		const servers = upstream.split('\n').filter((line) => line.trim().startsWith('server '));
		expect(servers.map((line) => line.trim())).toEqual(['server 127.0.0.1:3001;', 'server 127.0.0.1:3002;', 'server 127.0.0.1:3003;']);
		expect(upstream).toContain('keepalive 32;');
	});

	await test.step('nginx -t accepts it', async () => {
		const args = nginxConfig(
			join(dir, 'nginx-multi'),
			'deploy/nginx/klasakkoord-multi.conf',
			{ https: await freePort(), http: await freePort() },
			{ cert, key }
		);
		const checked = spawnSync(NGINX, ['-t', ...args], { encoding: 'utf8' });
		expect(checked.status, checked.stderr).toBe(0);
		expect(checked.stderr).toContain('test is successful');
	});

	const compose = parseYaml(readFileSync('deploy/compose.yaml', 'utf8'), { merge: true }) as {
		services: Record<
			string,
			{ image: string; command?: string[]; environment?: Record<string, string>; volumes?: string[]; stop_grace_period?: string }
		>;
		volumes: Record<string, unknown>;
	};

	await test.step('caddy validate accepts Caddyfile.multi, and it balances round robin over the three, unbuffered, with or without compose.yaml’s upstreams', async () => {
		const root = join(dir, 'caddy-multi');
		mkdirSync(root, { recursive: true });
		const file = 'deploy/Caddyfile.multi';
		const config = join(root, 'Caddyfile');
		writeFileSync(
			config,
			substitute(readFileSync(file, 'utf8'), file, [
				['/etc/caddy/klasakkoord/fullchain.pem', cert],
				['/etc/caddy/klasakkoord/privkey.pem', key]
			])
		);
		const env: NodeJS.ProcessEnv = { ...process.env, HOME: root, XDG_DATA_HOME: join(root, 'data'), XDG_CONFIG_HOME: join(root, 'config') };
		delete env.KLASAKKOORD_UPSTREAMS;
		const validated = spawnSync(CADDY, ['validate', '--adapter', 'caddyfile', '--config', config], { encoding: 'utf8', env });
		expect(validated.status, validated.stderr).toBe(0);
		const fromCompose = compose.services.caddy!.environment!.KLASAKKOORD_UPSTREAMS!;
		for (const [upstreams, dials] of [
			[undefined, ['127.0.0.1:3001', '127.0.0.1:3002', '127.0.0.1:3003']],
			[fromCompose, ['app1:3000', 'app2:3000', 'app3:3000']]
		] as const) {
			const adapted = spawnSync(CADDY, ['adapt', '--adapter', 'caddyfile', '--config', config], {
				encoding: 'utf8',
				env: upstreams ? { ...env, KLASAKKOORD_UPSTREAMS: upstreams } : env
			});
			expect(adapted.status, adapted.stderr).toBe(0);
			const handler = findHandler(JSON.parse(adapted.stdout), 'reverse_proxy') as {
				flush_interval: number;
				load_balancing: { selection_policy: { policy: string }; try_duration: number };
				health_checks: { active: { uri: string } };
				upstreams: Array<{ dial: string }>;
			};
			expect(handler, 'a reverse_proxy handler').toBeDefined();
			expect(handler.flush_interval).toBe(-1);
			expect(handler.load_balancing.selection_policy.policy).toBe('round_robin');
			expect(handler.load_balancing.try_duration).toBeGreaterThan(0);
			expect(handler.health_checks.active.uri).toBe('/readyz');
			expect(handler.upstreams.map((upstream) => upstream.dial)).toEqual(dials);
		}
	});

	await test.step('klasakkoord@.service verifies as an instance, rates as hardened, and differs from klasakkoord.service only where an instance must', async () => {
		const unitDir = join(dir, 'unit-multi');
		mkdirSync(unitDir, { recursive: true });
		const text = readFileSync('deploy/klasakkoord@.service', 'utf8');
		writeFileSync(join(unitDir, 'klasakkoord@.service'), text);
		const verify = spawnSync(SYSTEMD_ANALYZE, ['verify', 'klasakkoord@3001.service'], { encoding: 'utf8', cwd: unitDir });
		expect(verify.status, verify.stderr).toBe(0);
		expect(verify.stderr.trim()).toBe('');
		const security = spawnSync(SYSTEMD_ANALYZE, ['security', '--offline=yes', '--threshold=30', join(unitDir, 'klasakkoord@.service')], {
			encoding: 'utf8',
			cwd: unitDir
		});
		expect(security.status, security.stdout.split('\n').slice(-3).join('\n')).toBe(0);
		expect(security.stdout).toMatch(/Overall exposure level for klasakkoord@\S*\.service: [0-2]\.\d OK/);
		const template = serviceSettings(text);
		const single = serviceSettings(readFileSync('deploy/klasakkoord.service', 'utf8'));
		const own = ['Environment', 'EnvironmentFile', 'StateDirectory', 'TimeoutStopSec'];
		for (const [name, values] of single) if (!own.includes(name)) expect(template.get(name), name).toEqual(values);
		expect([...template.keys()].filter((name) => !single.has(name))).toEqual(['EnvironmentFile']);
		const env = environment(template);
		expect(env).toMatchObject({
			PORT: '%i',
			HOST: '127.0.0.1',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			DATA_DIR: '/var/lib/klasakkoord/%i'
		});
		expect(env).not.toHaveProperty('DATABASE_URL');
		expect(template.get('EnvironmentFile')).toEqual(['/etc/klasakkoord/database.env']);
		expect(template.get('StateDirectory')).toEqual(['klasakkoord/%i']);
		// SIGTERM ends an instance within 10 s (tests/multi.e2e.ts): systemd waits a little longer.
		expect(Number(template.get('TimeoutStopSec')![0])).toBeGreaterThan(10);
	});

	await test.step('compose.yaml: PostgreSQL 15 with a volume, three `node server` with DATABASE_URL, Caddy with Caddyfile.multi, no secret', async () => {
		const { services } = compose;
		expect(Object.keys(services).sort()).toEqual(['app1', 'app2', 'app3', 'caddy', 'db']);
		expect(services.db!.image).toBe('postgres:15');
		const [volume] = services.db!.volumes!;
		expect(volume).toMatch(/^(\w+):\/var\/lib\/postgresql\/data$/);
		expect(compose.volumes).toHaveProperty(volume!.split(':')[0]!);
		for (const name of ['app1', 'app2', 'app3']) {
			const app = services[name]!;
			expect(app.command).toEqual(['node', 'server']);
			expect(app.environment!.DATABASE_URL).toMatch(/^postgres:\/\/klasakkoord:\$\{POSTGRES_PASSWORD:\?[^}]*\}@db:5432\/klasakkoord$/);
			expect(app.environment).toMatchObject({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', ORIGIN: 'https://klasakkoord.school.nl' });
			expect(Number.parseInt(app.stop_grace_period!, 10)).toBeGreaterThan(10);
		}
		expect(services.db!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
		expect(services.caddy!.volumes).toContain('/srv/klasakkoord/current/deploy/Caddyfile.multi:/etc/caddy/Caddyfile:ro');
		// The only password is the one Compose reads from .env: none is written in the file.
		expect(readFileSync('deploy/compose.yaml', 'utf8')).not.toMatch(/PASSWORD[^$\n]*=\s*\w/);
	});
});

test('docs/deploy.md shows every configuration file in deploy/ in full, and no configuration that is not one', () => {
	const guide = readFileSync('docs/deploy.md', 'utf8');
	const configs = [
		'deploy/nginx/nginx.conf',
		'deploy/nginx/klasakkoord-nginx-1.22.conf',
		'deploy/nginx/klasakkoord.conf',
		'deploy/Caddyfile',
		'deploy/klasakkoord.service',
		'deploy/klasakkoord.cron',
		'deploy/nginx/klasakkoord-multi.conf',
		'deploy/Caddyfile.multi',
		'deploy/klasakkoord@.service',
		'deploy/klasakkoord-postgres.cron',
		'deploy/compose.yaml'
	];
	const files = configs.map((file) => readFileSync(file, 'utf8'));
	const blocks = [...guide.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, lang, body]) => ({ lang: lang!, body: body! }));
	for (const [i, file] of configs.entries()) {
		expect(
			blocks.some((block) => block.body === files[i]),
			`${file} is shown in full`
		).toBe(true);
	}
	for (const block of blocks.filter((b) => b.lang !== 'sh')) {
		expect(files, `a ${block.lang} block in the guide is a file in deploy/:\n${block.body.slice(0, 200)}`).toContain(block.body);
	}
	// Every file in deploy/ is either one of those or the upgrade script (tests/upgrade.e2e.ts runs it).
	const all = readdirSync('deploy', { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
	expect(all.sort()).toEqual([...configs, 'deploy/upgrade.sh'].sort());
});
