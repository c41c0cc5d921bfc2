import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { card } from './live';
import { ApiClient } from './server';

/**
 * The mentor's console on a school laptop: the main loop above the fold, phases that follow the
 * lesson, rules filled from ticked proposals, merges that can be undone, a closed session without
 * moderation, and a page that stays small whatever a class (or a script) sends.
 */

const TEXTS = [
	'Wij vragen toestemming voordat we iemand filmen',
	'We sturen geen screenshots door van privégesprekken',
	'Wij zetten niemand in de groepsapp voor gek',
	'Als iemand vraagt een foto weg te halen, doen we dat meteen',
	'We plaatsen geen foto van een ander zonder te vragen',
	'Wij lachen niemand uit om een filmpje',
	'We melden het bij de mentor als iets uit de hand loopt',
	'We filmen niet in de kleedkamer',
	'Wij delen geen adressen of telefoonnummers',
	'We steunen wie op een foto staat die rondgaat',
	'We vragen eerst of iemand het goed vindt',
	'Niemand wordt buitengesloten in de klassenapp',
	'We sturen geen nepaccounts rond',
	'Wij praten erover als iets niet goed voelt',
	'We houden de groepsapp gezellig',
	'Wij maken geen memes van klasgenoten'
];

/** A session made through the JSON API, its mentor's commands, and students as API clients. */
async function apiSession(base: string, body: Record<string, unknown> = {}) {
	const mentor = new ApiClient(base);
	const created = await mentor.post('/api/sessions', { lang: 'nl', ...body });
	expect(created.status).toBe(201);
	const code = created.json.code as string;
	const key = created.json.hostKey as string;
	const students: ApiClient[] = [];
	return {
		code,
		key,
		students,
		async command(command: Record<string, unknown>) {
			const outcome = await mentor.post(`/api/sessions/${code}/host`, command, { authorization: `Bearer ${key}` });
			expect(outcome.status, JSON.stringify(outcome.json)).toBe(200);
		},
		async join() {
			const student = new ApiClient(base);
			expect((await student.post(`/api/sessions/${code}/join`, {})).status).toBeLessThan(300);
			students.push(student);
			return student;
		},
		/** One proposal from each of `texts.length` new devices; their ids in order. */
		async propose(texts: string[]) {
			const ids: string[] = [];
			for (const text of texts) {
				const outcome = await (await this.join()).post(`/api/sessions/${code}/proposals`, { text });
				expect(outcome.status).toBe(201);
				ids.push(outcome.json.id as string);
			}
			return ids;
		},
		async vote(student: ApiClient, proposal: string, choice: 'agree' | 'disagree' | 'pass') {
			expect((await student.post(`/api/sessions/${code}/votes`, { proposal, choice })).status).toBe(200);
		}
	};
}

/** The mentor's console in a browser with the session's host cookie. */
async function openConsole(
	browser: Browser,
	base: string,
	session: { code: string; key: string },
	viewport = { width: 1440, height: 900 }
) {
	const context = await browser.newContext({ viewport });
	await context.addCookies([{ name: `kk_host_${session.code}`, value: session.key, url: base }]);
	const page = await context.newPage();
	await page.goto(`/host/${session.code}`);
	// On a busy test machine the first snapshot may take a while.
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 20_000 });
	return page;
}

/** Whether an element lies wholly inside the window, without scrolling. */
async function expectInView(page: Page, locator: Locator, what: string) {
	const box = await locator.boundingBox();
	const viewport = page.viewportSize()!;
	expect(box, `${what} is on the page`).not.toBeNull();
	expect(box!.y, `${what} starts inside the window`).toBeGreaterThanOrEqual(0);
	expect(box!.y + box!.height, `${what} ends above the fold`).toBeLessThanOrEqual(viewport.height);
	expect(box!.x + box!.width, `${what} ends inside the window's width`).toBeLessThanOrEqual(viewport.width);
}

test('a lesson on a statement slide with 16 waiting proposals: the main loop fits 1366×768 and 1440×900', async ({ browser, baseURL }) => {
	const session = await apiSession(baseURL!, { module: 'klasafspraken' });
	await session.command({ type: 'slide', index: 3 });
	await session.propose(TEXTS);
	await session.command({ type: 'slide', index: 1 });

	for (const viewport of [
		{ width: 1366, height: 768 },
		{ width: 1440, height: 900 }
	]) {
		const page = await openConsole(browser, baseURL!, session, viewport);
		await expect(page.getByRole('heading', { name: /Wacht op goedkeuring \(16\)/ })).toBeVisible();
		const first = page
			.getByRole('region', { name: /Wacht op goedkeuring/ })
			.getByRole('article')
			.first();
		await expect(first).toContainText(TEXTS[0]!);
		await expectInView(page, page.getByRole('button', { name: 'Volgende →' }), 'next step');
		await expectInView(page, page.getByRole('button', { name: '← Vorige' }), 'previous step');
		await expectInView(page, first.getByRole('button', { name: 'Goedkeuren' }), 'approve');
		await expectInView(page, first.getByRole('button', { name: 'Verbergen' }), 'hide');
		await expectInView(page, page.getByRole('button', { name: 'Uitslag tonen aan de klas' }), 'reveal');
		await expect(page.getByText('Stap 2: Waarom afspraken? · Stelling').first()).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
		await page.context().close();
	}
});

test('a lesson shows no phase buttons and marks the step and what phones show; a bare round keeps its phase buttons', async ({
	browser,
	baseURL
}) => {
	const lesson = await apiSession(baseURL!, { module: 'klasafspraken' });
	await lesson.command({ type: 'slide', index: 1 });
	const page = await openConsole(browser, baseURL!, lesson);
	await expect(page.getByRole('group', { name: 'Fase voor de klas' })).toHaveCount(0);
	for (const phase of ['Voorstellen doen', 'Stemmen', 'Uitkomst bespreken']) {
		await expect(page.getByRole('button', { name: phase, exact: true })).toHaveCount(0);
	}
	const steps = page.getByRole('list', { name: 'Stappen van de les' });
	await expect(steps.getByRole('listitem')).toHaveCount(7);
	await expect(steps.locator('[aria-current="step"]')).toHaveCount(1);
	await expect(steps.locator('[aria-current="step"]')).toContainText('Waarom afspraken?');
	await expect(page.getByText('Telefoons: Kiezen')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Volgende →' }).click();
	await expect(steps.locator('[aria-current="step"]')).toContainText('Een situatie');
	await lesson.command({ type: 'slide', index: 3 });
	await expect(steps.locator('[aria-current="step"]')).toContainText('Voorstellen doen');
	await expect(page.getByText('Telefoons: Voorstellen doen')).toBeVisible();

	// The less-used controls are one disclosure away, by keyboard too.
	await page.locator('summary', { hasText: 'Meer instellingen' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Voorstellen eerst zelf goedkeuren' })).toBeVisible();
	await page.context().close();

	const bare = await apiSession(baseURL!);
	const round = await openConsole(browser, baseURL!, bare);
	const phases = round.getByRole('group', { name: 'Fase voor de klas' });
	await expect(phases.getByRole('button', { name: 'Voorstellen doen' })).toHaveAttribute('aria-pressed', 'true');
	await phases.getByRole('button', { name: 'Stemmen' }).click();
	await expect(phases.getByRole('button', { name: 'Stemmen' })).toHaveAttribute('aria-pressed', 'true');
	await expect(phases.getByRole('button', { name: 'Voorstellen doen' })).toHaveAttribute('aria-pressed', 'false');
	await round.context().close();
});

test('ticking two proposals fills the rule text, which the mentor can change before adopting it', async ({ browser, baseURL }) => {
	const session = await apiSession(baseURL!);
	const [a, b, c] = TEXTS as [string, string, string];
	const ids = await session.propose([a, b, c]);
	for (const id of ids) await session.command({ type: 'approve', id });
	const page = await openConsole(browser, baseURL!, session);
	const ruleBox = page.getByRole('textbox', { name: 'Tekst van de afspraak' });
	const tick = (text: string) => card(page, text).getByRole('checkbox', { name: 'Kies voor een afspraak' });

	await tick(a).check();
	await expect(ruleBox).toHaveValue(a);
	await tick(c).check();
	await expect(ruleBox).toHaveValue(`${a}; ${c}`);
	await tick(a).uncheck();
	await expect(ruleBox).toHaveValue(c);
	await tick(a).check();
	await expect(ruleBox).toHaveValue(`${c}; ${a}`);
	await ruleBox.fill('We zetten niemand voor gek en vragen eerst toestemming');
	await tick(b).check();
	await expect(ruleBox).toHaveValue('We zetten niemand voor gek en vragen eerst toestemming');

	await page.getByRole('button', { name: 'Vastleggen' }).click();
	const rules = page.getByRole('list', { name: /Afspraken van de klas/ });
	await expect(rules.getByRole('listitem')).toHaveCount(1);
	await expect(rules).toContainText('We zetten niemand voor gek en vragen eerst toestemming');
	await expect(ruleBox).toHaveValue('');
	await expect(tick(a)).not.toBeChecked();

	await tick(b).check();
	await expect(ruleBox).toHaveValue(b);
	await page.getByRole('button', { name: 'Vastleggen' }).click();
	await expect(rules.getByRole('listitem')).toHaveCount(2);
	await expect(rules.getByRole('listitem').nth(1)).toContainText(b);
	await page.context().close();
});

test('a merge can be undone: the proposal comes back with its votes', async ({ browser, baseURL }) => {
	const session = await apiSession(baseURL!);
	const [first, second] = TEXTS as [string, string];
	const [p1, p2] = await session.propose([first, second]);
	const third = await session.join();
	await session.command({ type: 'approve', id: p1 });
	await session.command({ type: 'approve', id: p2 });
	await session.command({ type: 'phase', phase: 'vote' });
	const [s1, s2] = session.students as [ApiClient, ApiClient];
	await session.vote(s1, p1!, 'agree');
	await session.vote(s2, p1!, 'disagree');
	await session.vote(third, p2!, 'agree');

	const page = await openConsole(browser, baseURL!, session);
	await expect(card(page, first)).toContainText('1 eens, 1 oneens, 0 overgeslagen');
	const merging = card(page, first);
	await merging.locator('summary', { hasText: 'Samenvoegen' }).click();
	await merging.getByLabel('Samenvoegen met voorstel nummer').fill(p2!.slice(1));
	await merging.getByRole('button', { name: 'Samenvoegen', exact: true }).click();
	await expect(card(page, first)).toHaveCount(0);
	await expect(card(page, second)).toContainText('2 eens, 1 oneens, 0 overgeslagen');

	await page.locator('summary', { hasText: 'Samengevoegd (1)' }).click();
	await page.getByRole('button', { name: 'Ongedaan maken: Voorstel 1' }).click();
	await expect(card(page, first)).toContainText('1 eens, 1 oneens, 0 overgeslagen');
	await expect(card(page, second)).toContainText('1 eens, 0 oneens, 0 overgeslagen');
	await expect(page.getByText('Samengevoegd (1)')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: /Op het bord \(2\)/ })).toBeVisible();
	await page.context().close();
});

test('a closed session shows the results, the rules, exports and delete, and nothing to moderate', async ({ browser, baseURL }) => {
	const session = await apiSession(baseURL!);
	const ids = await session.propose(TEXTS.slice(0, 4));
	await session.command({ type: 'approve', id: ids[0] });
	await session.command({ type: 'approve', id: ids[1] });
	await session.command({ type: 'hide', id: ids[2] });
	await session.command({ type: 'merge', id: ids[1], into: ids[0] });
	await session.command({ type: 'adopt', text: 'Wij vragen toestemming voordat we iemand filmen', from: [ids[0]] });
	await session.command({ type: 'close' });

	const page = await openConsole(browser, baseURL!, session);
	await expect(page.getByText('Deze sessie is afgesloten.')).toBeVisible();
	await expect(page.getByRole('heading', { name: /Uitslag \(1\)/ })).toBeVisible();
	await expect(card(page, TEXTS[0]!)).toBeVisible();
	await expect(page.getByRole('list', { name: /Afspraken van de klas/ })).toContainText('Wij vragen toestemming voordat we iemand filmen');
	for (const name of [
		'Goedkeuren',
		'Verbergen',
		'Vastleggen',
		'Omhoog',
		'Weghalen',
		'Stemmen',
		'Uitslag tonen aan de klas',
		'Sessie afsluiten'
	]) {
		await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
	}
	await expect(page.getByRole('button', { name: /Ongedaan maken|Samenvoegen|dempen/ })).toHaveCount(0);
	await expect(page.getByRole('checkbox')).toHaveCount(0);
	// The one form left keeps the rules as the class charter (class, school year, two dates).
	await expect(page.getByRole('textbox')).toHaveCount(4);
	await expect(page.getByRole('region', { name: 'Klasafspraken bewaren' }).getByRole('textbox')).toHaveCount(4);
	await expect(page.locator('#adopt-form')).toHaveCount(0);
	await expect(page.locator('summary', { hasText: 'Bewerken' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'JSON (volledig verslag)' })).toBeVisible();
	await expect(page.locator('summary', { hasText: 'Sessie verwijderen' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.context().close();
});

test('pages of 20 with “show more”, without JavaScript as a link and with it in place', async ({ browser, baseURL }) => {
	const session = await apiSession(baseURL!);
	const texts = Array.from({ length: 45 }, (_, i) => `${TEXTS[i % TEXTS.length]} (${i + 1})`);
	await session.propose(texts);

	const page = await openConsole(browser, baseURL!, session);
	const queue = page.getByRole('region', { name: /Wacht op goedkeuring/ });
	await expect(queue.getByRole('article')).toHaveCount(20);
	await queue.getByRole('link', { name: 'Toon 20 meer (nog 25)' }).click();
	await expect(queue.getByRole('article')).toHaveCount(40);
	expect(new URL(page.url()).search).toBe('');
	await queue.getByRole('link', { name: 'Toon 5 meer (nog 5)' }).click();
	await expect(queue.getByRole('article')).toHaveCount(45);
	await expect(queue.getByRole('link', { name: /Toon/ })).toHaveCount(0);
	await page.context().close();

	const context = await browser.newContext({ javaScriptEnabled: false });
	await context.addCookies([{ name: `kk_host_${session.code}`, value: session.key, url: baseURL! }]);
	const plain = await context.newPage();
	await plain.goto(`/host/${session.code}`);
	const plainQueue = plain.getByRole('region', { name: /Wacht op goedkeuring \(45\)/ });
	await expect(plainQueue.getByRole('article')).toHaveCount(20);
	await plainQueue.getByRole('link', { name: 'Toon 20 meer (nog 25)' }).click();
	await expect(plain).toHaveURL(/\?show=queue:40$/);
	await expect(plainQueue.getByRole('article')).toHaveCount(40);
	// Approving without JavaScript is a plain form post that lands back on the console.
	await card(plain, texts[0]!).getByRole('button', { name: 'Goedkeuren' }).click();
	await expect(plain.getByRole('heading', { name: /Op het bord \(1\)/ })).toBeVisible();
	await context.close();
});

test('a flood of devices fills the approval queue to its cap: the console page stays under 2 MB and the server keeps answering', async ({
	baseURL
}) => {
	test.setTimeout(300_000);
	const session = await apiSession(baseURL!);
	const consoleSize = async () => {
		const response = await fetch(`${baseURL}/host/${session.code}`, { headers: { authorization: `Bearer ${session.key}` } });
		expect(response.status).toBe(200);
		return (await response.text()).length;
	};
	// Each device may send a burst of 5, then one every 6 seconds; joining is 120 at once, then 2 a second.
	// At most 100 proposals wait for the mentor (409 queue_full, docs/http.md): the flood runs until that
	// refusal. The 2,000-proposal flood past every cap is in hostile.e2e.ts.
	const devices: Array<{ client: ApiClient; next: number }> = [];
	let made = 0;
	let refusal: Record<string, unknown> | undefined;
	while (!refusal && made <= 100) {
		const client = new ApiClient(baseURL!);
		if ((await client.post(`/api/sessions/${session.code}/join`, {})).status < 300) devices.push({ client, next: 0 });
		const ready = devices.filter((device) => device.next <= Date.now());
		for (const device of ready) {
			const outcome = await device.client.post(`/api/sessions/${session.code}/proposals`, {
				text: `Voorstel ${made + 1}: wij vragen altijd eerst toestemming voordat we een foto of filmpje van iemand delen.`
			});
			if (outcome.status === 201) made++;
			else if (outcome.json.error === 'queue_full') {
				refusal = outcome.json;
				break;
			} else device.next = Date.now() + 6000;
		}
		if (ready.length === 0) await new Promise((resolve) => setTimeout(resolve, 300));
	}
	expect(made).toBe(100);
	expect(refusal).toMatchObject({ ok: false, error: 'queue_full', message: expect.any(String) });
	const size = await consoleSize();
	console.log(`console HTML with 100 waiting: ${size} bytes`);
	expect(size).toBeLessThan(2_000_000);
	expect((await fetch(`${baseURL}/robots.txt`)).status).toBe(200);
	expect((await fetch(`${baseURL}/host/${session.code}`, { headers: { authorization: `Bearer ${session.key}` } })).status).toBe(200);
});

test('the console with proposals has no accessibility violations, and works in one column on a narrow screen', async ({
	browser,
	baseURL
}) => {
	const session = await apiSession(baseURL!);
	const ids = await session.propose(TEXTS.slice(0, 6));
	await session.command({ type: 'approve', id: ids[0] });
	await session.command({ type: 'approve', id: ids[1] });
	await session.command({ type: 'merge', id: ids[1], into: ids[0] });
	await session.command({ type: 'hide', id: ids[2] });
	const page = await openConsole(browser, baseURL!, session);
	await page.locator('summary', { hasText: 'Samengevoegd (1)' }).click();
	await page.locator('summary', { hasText: 'Verborgen (1)' }).click();
	await card(page, TEXTS[3]!).locator('summary', { hasText: 'Samenvoegen' }).click();
	await expectNoAxeViolations(page);
	await page.setViewportSize({ width: 800, height: 900 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
	await page.context().close();
});

test('answers to an open question are a wall, not proposals: the mentor highlights and groups them by keyboard, the board shows the clusters, the exports list answers', async ({
	browser,
	baseURL
}) => {
	const session = await apiSession(baseURL!, { module: 'klasafspraken' });
	await session.command({ type: 'premoderation', on: false });
	// Step 7 is the exit question: "Wat neem jij mee uit deze les?"
	await session.command({ type: 'slide', index: 6 });
	const answers = ['Eerst vragen of het mag', 'Niet doorsturen', 'Naar de mentor gaan', 'Vragen voor je filmt'];
	await session.propose(answers);

	const page = await openConsole(browser, baseURL!, session, { width: 1440, height: 900 });
	const wall = page.getByRole('region', { name: /Antwoorden op het bord \(4\)/ });
	await expect(wall.getByRole('article')).toHaveCount(4);
	// Not numbered as proposals, no vote bars, no verdict, no "choose for a rule".
	await expect(wall).not.toContainText('Voorstel');
	await expect(wall).not.toContainText('te weinig stemmen');
	await expect(wall.locator('.tally')).toHaveCount(0);
	await expect(wall.getByRole('checkbox')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: /^Op het bord \(0\)/ })).toBeVisible();

	await test.step('highlight with the keyboard', async () => {
		const highlight = card(page, answers[2]!).getByRole('button', { name: /^Uitlichten/ });
		await highlight.focus();
		await page.keyboard.press('Enter');
		await expect(highlight).toHaveAttribute('aria-pressed', 'true');
		await expect(card(page, answers[2]!)).toContainText('Uitgelicht');
	});

	await test.step('group two answers under one label, typed once and picked again', async () => {
		const first = card(page, answers[0]!).getByRole('combobox', { name: 'Groep' });
		await first.fill('Eerst vragen');
		await first.press('Enter');
		await expect(wall.getByRole('group', { name: 'Eerst vragen' })).toContainText(answers[0]!);
		const second = card(page, answers[3]!).getByRole('combobox', { name: 'Groep' });
		// The same label in other capitals joins the group that is there.
		await second.fill('eerst VRAGEN');
		await second.press('Enter');
		await expect(wall.getByRole('group', { name: 'Eerst vragen' }).getByRole('article')).toHaveCount(2);
		await expect(wall.getByRole('group', { name: 'Zonder groep' }).getByRole('article')).toHaveCount(2);
	});

	await test.step('a label that is too long is refused in words and changes nothing', async () => {
		const field = card(page, answers[1]!).getByRole('combobox', { name: 'Groep' });
		await field.evaluate((input: HTMLInputElement) => input.removeAttribute('maxlength'));
		await field.fill('x'.repeat(60));
		await field.press('Enter');
		await expect(page.getByRole('alert')).toContainText('De naam van een groep is te lang');
		await expect(wall.getByRole('group', { name: 'Zonder groep' }).getByRole('article')).toHaveCount(2);
	});

	await test.step('the board shows the labelled cluster and the highlighted answer, announced', async () => {
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		await context.addCookies([{ name: `kk_host_${session.code}`, value: session.key, url: baseURL! }]);
		const board = await context.newPage();
		await board.goto(`/host/${session.code}/projector`);
		const cluster = board.locator('.cluster').filter({ has: board.locator('h2', { hasText: /^Eerst vragen$/ }) });
		await expect(cluster.locator('li')).toHaveCount(2);
		// The lesson text comes first: the wall may be on later pages of the slide, which the mentor advances.
		const seen = new Set<string>();
		await board.waitForTimeout(500);
		const label = (await board.locator('.stage .pages').count()) ? await board.locator('.stage .pages').textContent() : '';
		const pages = Number(/(\d+)$/.exec(label ?? '')?.[1] ?? 1);
		for (let page = 0; page < pages; page++) {
			await session.command({ type: 'page', page });
			if (pages > 1) await expect(board.locator('.stage .pages')).toContainText(`${page + 1} van`);
			await board.waitForTimeout(200);
			for (const heading of await board.locator('.cluster h2').all()) if (await heading.isVisible()) seen.add(await heading.innerText());
			for (const item of await board.locator('.wall li.highlighted').all()) if (await item.isVisible()) seen.add('highlighted');
		}
		expect([...seen].sort()).toEqual(['Eerst vragen', 'Overige antwoorden', 'highlighted']);
		const highlighted = board.locator('.wall li.highlighted');
		await expect(highlighted).toHaveText(`Uitgelicht:${answers[2]}`);
		const [plain, big] = await Promise.all(
			[board.locator('.wall li:not(.highlighted)').first(), highlighted].map((item) =>
				item.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
			)
		);
		expect(big).toBeGreaterThan(plain! * 1.1);
		await expect(board.locator('.stage')).not.toContainText('stemmen');
		// Ungrouping in the console takes the answer out of the cluster on the board.
		await card(page, answers[3]!)
			.getByRole('button', { name: /^Uit de groep/ })
			.click();
		await expect(cluster.locator('li')).toHaveCount(1);
		await context.close();
	});

	await test.step('the exports carry answers as answers', async () => {
		const csv = await page.request.get(`/api/sessions/${session.code}/export/csv`);
		const text = await csv.text();
		expect(text).toContain('"Antwoorden op open vragen"');
		expect(text).toContain('"Naar de mentor gaan","","goedgekeurd","","","ja"');
		expect(text).not.toContain('te weinig stemmen');
		const json = await (await page.request.get(`/api/sessions/${session.code}/export/json`)).json();
		expect(json.proposals).toEqual([]);
		expect(json.answers.map((answer: { group: string }) => answer.group)).toEqual(['Eerst vragen', '', '', '']);
	});
	await page.context().close();
});
