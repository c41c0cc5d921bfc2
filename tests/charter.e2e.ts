import { expect, request as playwrightRequest, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { agree, agreeAndSave, RULES } from './charter';
import { startServer, stopServer, type TestServer } from './server';

/**
 * The class charter outlives its session: saved from the console, kept by the retention sweep that
 * deletes the session (on a server of its own with a test clock), read and printed by the class
 * through a link that cannot change anything, and listed for the school's coordinator behind a key.
 */
test.describe.configure({ mode: 'serial' });

let server: TestServer;
const ADMIN_KEY = 'coordinator-key-for-tests-only';

test.beforeAll(async () => {
	server = await startServer({ env: { KLASAKKOORD_TEST_CLOCK: '1', CLIENT_LIMIT_FACTOR: '100', ADMIN_KEY } });
});

test.afterAll(async () => {
	await stopServer(server);
});

test('a charter survives the sweep that deletes its session; the read-only link changes nothing', async ({ browser }) => {
	test.setTimeout(120_000);
	const saved = await agreeAndSave(browser, server.url);
	const { page, id, code } = saved;

	const readLink =
		await test.step('The mentor’s charter page: version 1, its rules with support, exports, a link for the class', async () => {
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Klasafspraken 3B');
			const rules = page.getByRole('region', { name: /Versie 1/ }).getByRole('listitem');
			await expect(rules).toHaveCount(3);
			for (const [index, text] of RULES.entries()) {
				await expect(rules.nth(index)).toContainText(text);
				await expect(rules.nth(index)).toContainText('breed gedragen');
			}
			await expect(page.getByRole('img', { name: /QR-code naar http/ })).toBeVisible();
			await expectNoAxeViolations(page);
			const json = await page.request.get(`/api/charters/${id}/export/json`);
			expect(json.status()).toBe(200);
			const record = (await json.json()) as { className: string; version: number; rules: Array<{ text: string; support: string }> };
			expect(record).toMatchObject({ className: '3B', version: 1 });
			expect(record.rules.map((rule) => rule.text)).toEqual(RULES);
			// Nothing of the session comes along: no proposals, votes, devices or codes.
			expect(JSON.stringify(record)).not.toMatch(/proposal|vote|device|tally|"p\d"/i);
			expect(JSON.stringify(record)).not.toContain(code);
			return (await page.getByRole('region', { name: 'Link voor de klas' }).getByRole('link').getAttribute('href'))!;
		});

	await test.step('The start page lists the charters this browser holds', async () => {
		await page.goto('/host');
		const list = page.getByRole('region', { name: 'Jouw klasafspraken' });
		await expect(list.getByRole('link', { name: '3B openen' })).toBeVisible();
		await expect(list.getByText('Tijd om terug te kijken')).toHaveCount(0);
		await expectNoAxeViolations(page);
	});

	await test.step('The class’s read-only link shows the rules and a poster, and every write with it is refused', async () => {
		const classContext = await browser.newContext({ baseURL: server.url });
		const classPage = await classContext.newPage();
		await classPage.goto(readLink);
		await expect(classPage.getByRole('heading', { level: 1 })).toHaveText('3B');
		for (const text of RULES) await expect(classPage.getByText(text)).toBeVisible();
		await expect(classPage.getByRole('button')).toHaveCount(0);
		await expectNoAxeViolations(classPage);
		await classPage.getByRole('link', { name: 'Poster' }).click();
		await expect(classPage.getByRole('button', { name: 'Afdrukken' })).toBeVisible();
		await expect(classPage.locator('.poster').first()).toContainText(RULES[0]!);
		await expectNoAxeViolations(classPage);

		// The link opens only reading: the mentor's actions, exports and pages answer 403, and the
		// read-only page itself takes no POST.
		const token = new URL(readLink).pathname.split('/').pop()!;
		const client = classContext.request;
		const form = { headers: { origin: server.url }, form: { agreedOn: '2026-12-01', reviewOn: '2026-12-02' } };
		for (const action of ['checkin', 'delete', 'recovery', 'signout']) {
			expect((await client.post(`/charter/${id}?/${action}`, form)).status()).toBe(403);
		}
		expect((await client.get(`/api/charters/${id}/export/json`)).status()).toBe(403);
		expect((await client.get(`/charter/${id}`)).status()).toBe(403);
		expect((await client.get(`/charter/${id}/poster`)).status()).toBe(403);
		expect((await client.post(`/c/${token}`, form)).status()).toBe(405);
		expect((await client.post(`/c/${token}/poster`, form)).status()).toBe(405);
		expect((await client.get(`/c/${'x'.repeat(43)}`)).status()).toBe(404);
		// Nothing changed: still one version with the same rules, and the mentor's key still works.
		const after = (await (await page.request.get(`/api/charters/${id}/export/json`)).json()) as {
			version: number;
			rules: Array<{ text: string }>;
		};
		expect(after.version).toBe(1);
		expect(after.rules.map((rule) => rule.text)).toEqual(RULES);
		await classContext.close();
	});

	await test.step('A one-time recovery link moves the charter to another browser; the old key stops working', async () => {
		await page.goto(`/charter/${id}`);
		await page.locator('summary', { hasText: 'Openen op een ander apparaat' }).click();
		await page.getByRole('button', { name: 'Herstellink maken' }).click();
		const link = (await page.locator('.link code').textContent())!;
		expect(link).toMatch(new RegExp(`/charter/recover/${id}/[A-Za-z0-9_-]{43}$`));
		const other = await browser.newContext({ baseURL: server.url });
		const otherPage = await other.newPage();
		await otherPage.goto(link);
		await expectNoAxeViolations(otherPage);
		await otherPage.getByRole('button', { name: 'Openen op dit apparaat' }).click();
		await otherPage.waitForURL(new RegExp(`/charter/${id}$`));
		await expect(otherPage.getByText(RULES[0]!)).toBeVisible();
		expect((await page.request.get(`/api/charters/${id}/export/json`)).status()).toBe(403);
		// Spent: a second use is refused.
		const again = await (await browser.newContext({ baseURL: server.url })).newPage();
		await again.goto(link);
		await again.getByRole('button', { name: 'Openen op dit apparaat' }).click();
		await expect(again.getByRole('alert')).toHaveText('Deze herstellink is al gebruikt, verlopen of klopt niet.');
		await again.context().close();
		// And back to the first browser, the same way, for the steps below.
		await otherPage.locator('summary', { hasText: 'Openen op een ander apparaat' }).click();
		await otherPage.getByRole('button', { name: 'Herstellink maken' }).click();
		await page.goto((await otherPage.locator('.link code').textContent())!);
		await page.getByRole('button', { name: 'Openen op dit apparaat' }).click();
		await page.waitForURL(new RegExp(`/charter/${id}$`));
		await other.close();
	});

	await test.step('In English: the class’s page and the mentor’s page', async () => {
		const english = await (await browser.newContext({ baseURL: server.url })).newPage();
		await english.goto(`/en${new URL(readLink).pathname}`);
		await expect(english.getByText('You can read and print these agreements. Only your mentor can change them.')).toBeVisible();
		await expect(english.getByRole('heading', { name: 'Version 1 · Current version' })).toBeVisible();
		await expectNoAxeViolations(english);
		await english.context().close();
		await page.goto(`/en/charter/${id}`);
		await expect(page.getByRole('button', { name: 'Start a check-in' })).toBeVisible();
		await expectNoAxeViolations(page);
	});

	await test.step('After 31 days the sweep deletes the session, but the charter is still there, review due', async () => {
		const clock = await playwrightRequest.newContext({ baseURL: server.url });
		const moved = await clock.post('/api/test/clock', { data: { days: 31 } });
		expect(moved.status()).toBe(200);
		const swept = (await moved.json()) as { sessions: string[]; charters: string[] };
		expect(swept.sessions).toContain(code);
		expect(swept.charters).toEqual([]);
		expect((await clock.get(`/s/${code}`)).status()).toBe(404);
		await page.goto(`/charter/${id}`);
		for (const text of RULES) await expect(page.getByText(text)).toBeVisible();
		await expect(page.getByText('Tijd om terug te kijken')).toBeVisible();
		await page.goto('/host');
		await expect(page.getByRole('region', { name: 'Jouw klasafspraken' }).getByText('Tijd om terug te kijken')).toBeVisible();
		const classPage = await (await browser.newContext({ baseURL: server.url })).newPage();
		await classPage.goto(readLink);
		await expect(classPage.getByText(RULES[1]!)).toBeVisible();
		await classPage.context().close();
		await clock.dispose();
	});

	await saved.room.close();
	await saved.context.close();
});

test('bad input when saving gets a clear message and saves nothing', async ({ browser }) => {
	const { room, context, page } = await agree(browser, server.url);
	const save = page.getByRole('button', { name: 'Bewaren als klasafspraken' });
	await page.getByRole('textbox', { name: 'Naam van de klas' }).fill('2A');
	await page.getByRole('textbox', { name: 'Schooljaar' }).fill('dit jaar');
	await save.click();
	await expect(page.getByRole('alert').filter({ hasText: 'Vul het schooljaar in zoals 2026-2027.' })).toBeVisible();
	await page.getByRole('textbox', { name: 'Schooljaar' }).fill('2026/27');
	await page.getByLabel('Afgesproken op').fill('2026-12-02');
	await page.getByLabel('Weer bekijken op').fill('2026-11-30');
	await save.click();
	await expect(page.getByRole('alert').filter({ hasText: 'De datum om terug te kijken ligt vóór de afspraakdatum.' })).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`/host/${room.code}\\?/charter$`));
	// Nothing was kept: this browser holds no charter.
	await page.goto('/host');
	await expect(page.getByRole('region', { name: 'Jouw klasafspraken' })).toHaveCount(0);
	await room.close();
	await context.close();
});

test('the school overview: 403 without the key, every charter and an export with it', async ({ browser }) => {
	const context = await browser.newContext({ baseURL: server.url });
	const page = await context.newPage();
	expect((await page.goto('/admin'))?.status()).toBe(403);
	expect((await context.request.get('/api/admin/charters/csv')).status()).toBe(403);
	expect((await context.request.get('/api/admin/charters/csv', { headers: { authorization: 'Bearer wrong' } })).status()).toBe(403);

	await page.goto('/admin/login');
	await expectNoAxeViolations(page);
	await page.getByLabel('Sleutel van de coördinator').fill('not the key');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Die sleutel klopt niet.');
	expect((await context.request.get('/admin')).status()).toBe(403);

	await page.getByLabel('Sleutel van de coördinator').fill(ADMIN_KEY);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL(/\/admin$/);
	const table = page.getByRole('table', { name: 'Klasafspraken op deze server' });
	const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '3B' }) });
	await expect(row).toHaveCount(1);
	// The class whose save was refused is not there: one charter on this server.
	await expect(table.getByRole('row')).toHaveCount(2);
	await expect(row.getByRole('cell').nth(1)).toHaveText('3');
	await expectNoAxeViolations(page);

	const csv = await context.request.get('/api/admin/charters/csv');
	expect(csv.status()).toBe(200);
	const text = await csv.text();
	for (const rule of RULES) expect(text).toContain(rule);
	// The overview carries what classes agreed and nothing else: a header and one row per rule.
	const lines = text
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split('\r\n');
	expect(lines[0]).toBe('"klas","schooljaar","versie","afgesproken op","weer bekijken op","nummer","tekst","draagvlak"');
	expect(lines).toHaveLength(1 + RULES.length);

	await page.getByRole('button', { name: 'Uitloggen' }).click();
	expect((await context.request.get('/admin')).status()).toBe(403);
	await context.close();
});

test('without ADMIN_KEY the overview does not exist, and the test clock is off on a normal server', async ({ request }) => {
	expect((await request.get('/admin')).status()).toBe(404);
	expect((await request.get('/admin/login')).status()).toBe(404);
	expect((await request.get('/api/admin/charters/json')).status()).toBe(404);
	expect((await request.post('/api/test/clock', { data: { days: 31 } })).status()).toBe(404);
});
