import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { card, expectLive, propose, studentContext, voteRow } from './live';
import { ApiClient, snapshot, startServer, stopServer } from './server';

test('a server killed mid-round loses nothing acknowledged, and open pages catch up by themselves', async ({ browser }) => {
	test.setTimeout(90_000);
	let server = await startServer();
	const api = new ApiClient(server.url);
	const created = await api.post('/api/sessions', {});
	const code = String(created.json.code);
	const hostKey = String(created.json.hostKey);
	const auth = { authorization: `Bearer ${hostKey}` };

	const host = await browser.newContext({ baseURL: server.url });
	await host.addCookies([{ name: `kk_host_${code}`, value: hostKey, url: server.url }]);
	const console_ = await host.newPage();
	await console_.goto(`/host/${code}`);
	await expectLive(console_);

	const phone = await studentContext(browser);
	const student = await phone.newPage();
	await student.goto(`${server.url}/s/${code}`);
	await student.getByRole('button', { name: 'Doe mee' }).click();
	await expectLive(student);
	await propose(student, 'Wij vragen eerst toestemming');
	await card(console_, 'Wij vragen eerst toestemming').getByRole('button', { name: 'Goedkeuren' }).click();
	await expect(console_.getByRole('heading', { name: /Op het bord \(1\)/ })).toBeVisible();
	await console_.getByRole('button', { name: 'Stemmen', exact: true }).click();
	await voteRow(student, 'Wij vragen eerst toestemming').getByRole('button', { name: 'Eens', exact: true }).click();
	await expect(student.getByText('Je stem is opgeslagen.')).toBeVisible();

	const before = await test.step('More acknowledged writes from another device through the API, right before the kill', async () => {
		const other = new ApiClient(server.url);
		await other.post(`/api/sessions/${code}/join`, null);
		expect((await other.post(`/api/sessions/${code}/votes`, { proposal: 'p1', choice: 'disagree' })).status).toBe(200);
		expect(
			(await api.post(`/api/sessions/${code}/host`, { type: 'adopt', text: 'We vragen eerst toestemming', from: ['p1'] }, auth)).status
		).toBe(200);
		return snapshot(`${server.url}/api/sessions/${code}/events?role=host`, auth);
	});

	await test.step('SIGKILL mid-round: the open pages see the connection go', async () => {
		server.process.kill('SIGKILL');
		await server.exited;
		await expect(console_.getByRole('status').filter({ hasText: 'Geen verbinding' })).toBeVisible();
	});

	await test.step('A restart on the same data has every acknowledged write', async () => {
		server = await startServer({ port: server.port, dataDir: server.dataDir });
		const after = await snapshot(`${server.url}/api/sessions/${code}/events?role=host`, auth);
		expect(after).toEqual(before);
		expect(after.view).toMatchObject({ phase: 'vote', participants: 2, votes: 2 });
	});

	await test.step('The open pages reconnect by themselves and show the same state within 5 seconds', async () => {
		await expect(console_.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 5_000 });
		await expect(card(console_, 'Wij vragen eerst toestemming')).toContainText('1 eens, 1 oneens, 0 overgeslagen', { timeout: 5_000 });
		await expect(student.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 5_000 });
		await expect(voteRow(student, 'Wij vragen eerst toestemming').getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await voteRow(student, 'Wij vragen eerst toestemming').getByRole('button', { name: 'Oneens' }).click();
		await expect(card(console_, 'Wij vragen eerst toestemming')).toContainText('0 eens, 2 oneens');
	});
	await stopServer(server);
});

test('a server killed during a burst of group commits has every acknowledged write after a restart', async () => {
	test.setTimeout(90_000);
	let server = await startServer({ env: { JOIN_CAP: '200', CLIENT_LIMIT_FACTOR: '100' } });
	const api = new ApiClient(server.url);
	const created = await api.post('/api/sessions', {});
	const code = String(created.json.code);
	const auth = { authorization: `Bearer ${String(created.json.hostKey)}` };
	expect((await api.post(`/api/sessions/${code}/host`, { type: 'premoderation', on: false }, auth)).status).toBe(200);

	// 100 phones at once, each joining and then sending three proposals: writes arrive many per turn of
	// the server's event loop, so they commit in groups. The kill comes once 150 were acknowledged.
	const joined: Array<{ client: ApiClient; device: number }> = [];
	const proposals: string[] = [];
	let acknowledged = 0;
	let sent = 0;
	let killed = false;
	const kill = () => {
		if (killed) return;
		killed = true;
		server.process.kill('SIGKILL');
	};
	const phone = async (index: number) => {
		const client = new ApiClient(server.url);
		try {
			sent++;
			const join = await client.post(`/api/sessions/${code}/join`, null);
			if (join.status !== 200) return;
			joined.push({ client, device: Number(join.json.device) });
			if (++acknowledged >= 150) kill();
			for (let n = 0; n < 3 && !killed; n++) {
				sent++;
				const answer = await client.post(`/api/sessions/${code}/proposals`, { text: `Voorstel ${index}-${n} eerst vragen` });
				if (answer.status !== 201) return;
				proposals.push(String(answer.json.id));
				if (++acknowledged >= 150) kill();
			}
		} catch {
			// The connection died with the server: this write was not acknowledged.
		}
	};
	await Promise.all(Array.from({ length: 100 }, (_, index) => phone(index)));
	await server.exited;
	expect(killed).toBe(true);
	expect(acknowledged).toBeGreaterThanOrEqual(150);
	expect(sent).toBeGreaterThan(acknowledged);

	server = await startServer({ port: server.port, dataDir: server.dataDir, env: { JOIN_CAP: '200', CLIENT_LIMIT_FACTOR: '100' } });
	const after = await snapshot(`${server.url}/api/sessions/${code}/events?role=host`, auth);
	const stored = Object.keys(after.view.proposals as Record<string, unknown>);
	for (const id of proposals) expect(stored, `acknowledged proposal ${id}`).toContain(id);
	expect(Number(after.view.participants)).toBeGreaterThanOrEqual(joined.length);
	await test.step('Every acknowledged device is still known: its cookie joins as the same device', async () => {
		for (const { client, device } of joined.slice(0, 20)) {
			const again = await client.post(`/api/sessions/${code}/join`, null);
			expect(again.json.device).toBe(device);
		}
	});
	await stopServer(server);
});

test('SIGTERM closes the event streams and the database and exits within 3 seconds', async () => {
	const server = await startServer();
	const api = new ApiClient(server.url);
	const created = await api.post('/api/sessions', {});
	const code = String(created.json.code);
	await api.post(`/api/sessions/${code}/join`, null);
	const streams = await Promise.all(
		Array.from({ length: 5 }, async () => {
			const response = await fetch(`${server.url}/api/sessions/${code}/events?role=student`, { headers: { cookie: api.cookie } });
			const reader = response.body!.getReader();
			await reader.read();
			// Wrapped, or the async function would wait for the stream to end before resolving.
			return {
				ended: (async () => {
					for (;;) if ((await reader.read()).done) return 'ended';
				})()
			};
		})
	);
	expect(existsSync(join(server.dataDir, 'klasakkoord.db-wal'))).toBe(true);

	const start = Date.now();
	server.process.kill('SIGTERM');
	const code_ = await server.exited;
	const took = Date.now() - start;
	expect(took).toBeLessThan(3_000);
	expect(code_).toBe(0);
	expect(await Promise.all(streams.map((stream) => stream.ended))).toEqual(Array(5).fill('ended'));
	// SQLite removes the write-ahead log when the last connection closes cleanly.
	expect(existsSync(join(server.dataDir, 'klasakkoord.db-wal'))).toBe(false);
	expect(existsSync(join(server.dataDir, 'klasakkoord.db'))).toBe(true);
});
