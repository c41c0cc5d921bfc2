import { expect, test, type Page } from '@playwright/test';
import { execFile, execFileSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	realpathSync,
	rmSync,
	statSync,
	symlinkSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { card, expectLive, propose, studentContext, voteRow } from './live';
import { makeRelease } from './release';
import { ApiClient, freePort, snapshot } from './server';

// docs/deploy.md's upgrade, run for real: releases/v1 serves a live round (a mentor's console and three
// phones), deploy/upgrade.sh switches to releases/v2 (a second copy of the build that says "v2" in
// /release.txt) with a backup first, and the round goes on: nothing lost, and one more vote after.
// Only systemctl is the test's own: stop is SIGTERM and a wait, start is `node server` in `current`.

const SQLITE3 = '/usr/bin/sqlite3';

test('an upgrade by deploy/upgrade.sh mid-round: backup, stop, switch, start; the phones reconnect and the round goes on', async ({
	browser
}) => {
	test.setTimeout(90_000);
	expect(existsSync(SQLITE3), 'sqlite3 is missing: run `node scripts/ensure-proxies.js`').toBe(true);
	const base = mkdtempSync(join(tmpdir(), 'klasakkoord-upgrade-'));
	const v1 = makeRelease(join(base, 'releases', 'v1'), 'v1');
	const v2 = makeRelease(join(base, 'releases', 'v2'), 'v2');
	symlinkSync(v1, join(base, 'current'));
	const dataDir = join(base, 'state');
	const backups = join(base, 'backups');
	mkdirSync(backups, { mode: 0o700 });
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const pidFile = join(base, 'server.pid');
	const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_LIMIT_FACTOR: '100' };
	const pids: number[] = [];
	const readPid = () => Number(readFileSync(pidFile, 'utf8').trim());
	const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^\d+ \([^)]*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

	// systemctl's part: start `node server` in current, detached, its pid in a file; stop by SIGTERM and
	// wait until the process is gone (a zombie counts as gone: this container's PID 1 may not reap it).
	const start = `cd "${base}/current" && { node server >> "${base}/server.log" 2>&1 & echo $! > "${pidFile}"; }`;
	const stop = `pid=$(cat "${pidFile}") && kill -TERM "$pid" && while [ -e /proc/$pid ] && [ "$(cut -d' ' -f3 /proc/$pid/stat)" != Z ]; do sleep 0.05; done`;
	const ready = async () =>
		expect
			.poll(
				() =>
					fetch(`${url}/readyz`).then(
						(r) => r.status,
						() => 0
					),
				{ timeout: 15_000 }
			)
			.toBe(200);

	try {
		execFileSync('sh', ['-c', start], { env });
		pids.push(readPid());
		await ready();
		expect(await (await fetch(`${url}/release.txt`)).text()).toBe('v1');

		const api = new ApiClient(url);
		const created = await api.post('/api/sessions', {});
		const code = String(created.json.code);
		const hostKey = String(created.json.hostKey);
		const auth = { authorization: `Bearer ${hostKey}` };
		const host = await browser.newContext({ baseURL: url });
		await host.addCookies([{ name: `kk_host_${code}`, value: hostKey, url }]);
		const console_ = await host.newPage();
		await console_.goto(`/host/${code}`);
		await expectLive(console_);

		const phones: Page[] = [];
		for (let i = 0; i < 3; i++) {
			const page = await (await studentContext(browser)).newPage();
			await page.goto(`${url}/s/${code}`);
			await page.getByRole('button', { name: 'Doe mee' }).click();
			await expectLive(page);
			phones.push(page);
		}
		const [first, second, third] = phones as [Page, Page, Page];
		const texts = ['Wij vragen eerst toestemming', 'Niemand filmt zonder te vragen'];
		await propose(first, texts[0]!);
		await propose(second, texts[1]!);
		for (const text of texts) await card(console_, text).getByRole('button', { name: 'Goedkeuren' }).click();
		await expect(console_.getByRole('heading', { name: /Op het bord \(2\)/ })).toBeVisible();
		await console_.getByRole('button', { name: 'Stemmen', exact: true }).click();
		await voteRow(first, texts[0]!).getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(first.getByText('Je stem is opgeslagen.')).toBeVisible();
		await voteRow(second, texts[0]!).getByRole('button', { name: 'Oneens', exact: true }).click();
		await expect(second.getByText('Je stem is opgeslagen.')).toBeVisible();
		await expect(card(console_, texts[0]!)).toContainText('1 eens, 1 oneens');
		const before = await snapshot(`${url}/api/sessions/${code}/events?role=host`, auth);
		expect(before.view).toMatchObject({ phase: 'vote', participants: 3, votes: 2 });

		const upgrade = await test.step('deploy/upgrade.sh releases/v2', async () => {
			const { stdout } = await promisify(execFile)('sh', [join(v2, 'deploy', 'upgrade.sh'), v2], {
				env: {
					...env,
					KLASAKKOORD_BASE: base,
					BACKUP_DIR: backups,
					SERVICE_USER: '',
					STOP_COMMAND: stop,
					START_COMMAND: start,
					READY_URL: `${url}/readyz`
				}
			});
			pids.push(readPid());
			return stdout;
		});
		expect(upgrade).toContain(`upgrade: ${v2} is running`);

		await test.step('v1 stopped, v2 runs from releases/v2 through the current link', async () => {
			expect(alive(pids[0]!)).toBe(false);
			expect(pids[1]).not.toBe(pids[0]);
			expect(readlinkSync(join(base, 'current'))).toBe(v2);
			expect(realpathSync(`/proc/${pids[1]}/cwd`)).toBe(realpathSync(v2));
			expect(await (await fetch(`${url}/release.txt`)).text()).toBe('v2');
		});

		await test.step('the backup was made first, is 0600, and holds every event of the round', async () => {
			const copies = readdirSync(backups);
			expect(copies).toHaveLength(1);
			expect(copies[0]).toMatch(/^klasakkoord-before-v2-\d{8}-\d{6}\.db$/);
			const copy = join(backups, copies[0]!);
			expect(statSync(copy).mode & 0o777).toBe(0o600);
			const count = (file: string) => execFileSync(SQLITE3, [file, 'SELECT count(*) FROM events'], { encoding: 'utf8' }).trim();
			expect(execFileSync(SQLITE3, [copy, 'PRAGMA integrity_check'], { encoding: 'utf8' }).trim()).toBe('ok');
			expect(count(copy)).toBe(count(join(dataDir, 'klasakkoord.db')));
		});

		await test.step('nothing lost: the mentor’s view after the upgrade is the view before', async () => {
			expect(await snapshot(`${url}/api/sessions/${code}/events?role=host`, auth)).toEqual(before);
		});

		await test.step('the open pages reconnect by themselves, and the round goes on with one more vote', async () => {
			for (const page of [console_, ...phones]) {
				await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 10_000 });
			}
			await expect(voteRow(first, texts[0]!).getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute('aria-pressed', 'true');
			await voteRow(third, texts[0]!).getByRole('button', { name: 'Eens', exact: true }).click();
			await expect(third.getByText('Je stem is opgeslagen.')).toBeVisible();
			await expect(card(console_, texts[0]!)).toContainText('2 eens, 1 oneens');
			const after = await snapshot(`${url}/api/sessions/${code}/events?role=host`, auth);
			expect(after.view).toMatchObject({ phase: 'vote', participants: 3, votes: 3 });
		});
	} finally {
		for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
		rmSync(base, { recursive: true, force: true });
	}
});
