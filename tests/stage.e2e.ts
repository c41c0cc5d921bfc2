import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { expectNoAxeViolations } from './axe';
import { ANSWERS, classroom, PROPOSALS, studentModules, type Classroom } from './class';

/**
 * The stage as the back row sees it: every slide of every student module, at the three projector
 * sizes, with a full class's input, fits the screen, keeps its type large and the code in view, and
 * throws no error. Screenshots land in test-results/stage (docs/screens with SCREENSHOTS=docs).
 */
const SIZES = [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 },
	{ width: 1024, height: 768 }
];
const SHOTS = process.env.SCREENSHOTS === 'docs' ? 'docs/screens' : 'test-results/stage';

interface Board {
	page: Page;
	size: { width: number; height: number };
	errors: string[];
}

async function openBoards(browser: Browser, room: Classroom, baseURL: string): Promise<Board[]> {
	return Promise.all(
		SIZES.map(async (size) => {
			const context = await browser.newContext({ viewport: size });
			await context.addCookies([{ name: `kk_host_${room.code}`, value: room.hostKey, url: baseURL }]);
			const page = await context.newPage();
			const errors: string[] = [];
			page.on('pageerror', (error) => errors.push(error.message));
			page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
			await page.goto(`/host/${room.code}/projector`);
			await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
			return { page, size, errors };
		})
	);
}

/** What the stage shows right now, measured in the page. */
function measure(page: Page) {
	return page.evaluate(() => {
		const stage = document.querySelector<HTMLElement>('.stage')!;
		const body = stage.querySelector<HTMLElement>('.body')!;
		const bodyBox = body.getBoundingClientRect();
		const cut: string[] = [];
		for (const unit of body.querySelectorAll<HTMLElement>('[data-unit], [data-unit] > *')) {
			if (unit.getClientRects().length === 0) continue;
			const box = unit.getBoundingClientRect();
			if (box.bottom > bodyBox.bottom + 1 || box.right > bodyBox.right + 1) cut.push(unit.textContent!.trim().slice(0, 40));
		}
		let smallest = Infinity;
		let smallestText = '';
		let slideText = Infinity;
		const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const element = node.parentElement!;
			if (
				!node.textContent!.trim() ||
				element.getClientRects().length === 0 ||
				element.closest('.visually-hidden, details:not([open]) > :not(summary), [aria-hidden="true"]')
			)
				continue;
			if (element.closest('.deck, .menu')) continue;
			const size = parseFloat(getComputedStyle(element).fontSize);
			if (size < smallest) [smallest, smallestText] = [size, node.textContent!.trim().slice(0, 40)];
			if (element.closest('.text') && size < slideText) slideText = size;
		}
		return {
			scroll: { height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth },
			overflow: body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1,
			overflowPx: Math.max(0, body.scrollHeight - body.clientHeight, body.scrollWidth - body.clientWidth),
			cut,
			smallest,
			smallestText,
			slideText,
			pages: /(\d+) (?:van|of) (\d+)/
				.exec(stage.querySelector('.pages')?.textContent ?? '')
				?.slice(1)
				.map(Number) ?? [1, 1]
		};
	});
}

async function expectFits(board: Board, label: string, code: string | null) {
	const { page, size } = board;
	const where = `${label} at ${size.width}×${size.height}`;
	// The stage lays out again in the animation frame after each change the event stream brings: the
	// checks below read one settled measurement.
	let m = await measure(page);
	await expect
		.poll(async () => (m = await measure(page)).overflow || m.cut.length > 0, { message: `${where}: the slide overflows`, timeout: 3000 })
		.toBe(false);
	expect(m.scroll, `${where}: the page scrolls`).toEqual({ height: size.height, width: size.width });
	expect(m.overflow, `${where}: the slide overflows`).toBe(false);
	expect(m.cut, `${where}: cut off`).toEqual([]);
	if (size.height === 1080) {
		expect(m.smallest, `${where}: "${m.smallestText}" is too small`).toBeGreaterThanOrEqual(32);
		if (m.slideText !== Infinity) expect(m.slideText, `${where}: slide text`).toBeGreaterThanOrEqual(40);
	}
	if (code) await expect(page.locator('.stage .bottom').getByText(code)).toBeInViewport();
	record(board.size, m);
	return m;
}

/** The figures the walk measured, per screen size: for the report (printed at the end of each walk). */
const figures = new Map<string, { slides: number; overflowPx: number; smallest: number; slideText: number }>();

function record(size: { width: number; height: number }, m: { overflowPx: number; smallest: number; slideText: number }) {
	const key = `${size.width}x${size.height}`;
	const seen = figures.get(key) ?? { slides: 0, overflowPx: 0, smallest: Infinity, slideText: Infinity };
	figures.set(key, {
		slides: seen.slides + 1,
		overflowPx: Math.max(seen.overflowPx, m.overflowPx),
		smallest: Math.min(seen.smallest, m.smallest),
		slideText: Math.min(seen.slideText, m.slideText)
	});
}

test.describe.configure({ timeout: 300_000 });

for (const module of studentModules()) {
	test(`every slide of ${module} fits 1920×1080, 1280×720 and 1024×768 with a full class`, async ({ browser, baseURL }) => {
		const room = await classroom(baseURL!, { module, lang: 'nl' });
		await room.host({ type: 'premoderation', on: false });
		const boards = await openBoards(browser, room, baseURL!);

		await test.step('the board before the lesson starts: how to join', async () => {
			for (const board of boards) await expectFits(board, 'join', null);
		});

		let proposalsMade = false;
		for (let index = 0; ; index++) {
			const moved = await boards[0]!.page.request.post(`/api/sessions/${room.code}/host`, {
				data: { type: 'slide', index },
				headers: { authorization: `Bearer ${room.hostKey}` }
			});
			if (!moved.ok()) break;
			await test.step(`slide ${index + 1}`, async () => {
				const kind = await slideKind(boards[0]!.page, room.code);
				await classInput(room, kind, proposalsMade);
				if (kind === 'proposals') proposalsMade = true;
				for (const board of boards) {
					let m = await expectFits(board, `${module} slide ${index + 1}`, room.code);
					for (let page = 1; page < m.pages[1]!; page++) {
						await room.host({ type: 'page', page });
						await expect(board.page.locator('.stage .pages')).toHaveText(new RegExp(`\\b${page + 1} (van|of) `));
						m = await expectFits(board, `${module} slide ${index + 1} page ${page + 1}`, room.code);
					}
					if (m.pages[1]! > 1) await room.host({ type: 'page', page: 0 });
				}
				if (index === 2) await shoot(boards, `${module}-slide-${index + 1}`);
			});
		}

		await test.step('the agreed rules', async () => {
			for (const text of PROPOSALS.slice(0, 8)) await room.host({ type: 'adopt', text, from: [] });
			await room.host({ type: 'projector', view: 'rules' });
			for (const board of boards) await expectFits(board, 'rules', room.code);
		});

		for (const board of boards) expect(board.errors, `${board.size.width}: browser errors`).toEqual([]);
		for (const [size, figure] of figures) console.log(`stage figures ${module} ${size}: ${JSON.stringify(figure)}`);
		figures.clear();
		await Promise.all(boards.map((board) => board.page.context().close()));
		await room.close();
	});
}

test('the stage in dark and high-contrast themes has no accessibility violations, 7:1 contrast included', async ({ browser, baseURL }) => {
	const room = await classroom(baseURL!, { module: 'klasafspraken', lang: 'nl' }, 8);
	const boards = await openBoards(browser, room, baseURL!);
	await room.host({ type: 'slide', index: 1 });
	for (const [i, phone] of room.phones.entries())
		await phone.post(`/api/sessions/${room.code}/responses`, {
			data: { activity: 'step-2-a1', choice: ['agree', 'disagree', 'unsure'][i % 3] }
		});
	await room.host({ type: 'reveal', on: true });
	// The last page of the slide, with the results (a page past the end shows the last one).
	await room.host({ type: 'page', page: 5 });
	for (const theme of ['light', 'dark', 'contrast']) {
		for (const { page } of boards) {
			await themed(page, theme);
			await expect(page.locator('.stage')).toHaveAttribute('data-theme', theme);
		}
		await boards[0]!.page.waitForTimeout(1200);
		for (const { page } of boards) await expectNoAxeViolations(page, ['color-contrast-enhanced']);
		await shoot(boards, `stage-${theme}`);
	}
	for (const board of boards) expect(board.errors).toEqual([]);
	await room.close();
});

/**
 * The kind of the activity on the slide the server is on now, from the console's own page (the board
 * may still show the slide before for a moment).
 */
async function slideKind(page: Page, code: string): Promise<string | null> {
	const html = await (await page.request.get(`/host/${code}`)).text();
	const where = /class="where[^"]*">([^<]*)</.exec(html)?.[1] ?? '';
	const kinds: Record<string, string> = {
		Stelling: 'statement',
		Situatie: 'scenario',
		Vraag: 'question',
		Voorstellen: 'proposals',
		Stemmen: 'vote'
	};
	return kinds[where.split('·')[1]?.trim().split(' ')[0] ?? ''] ?? null;
}

/**
 * A phone's write. A client that reuses a keep-alive connection the server has just closed gets
 * ECONNRESET before the request is read (Node's keep-alive race); a phone would simply send again.
 */
async function send(phone: APIRequestContext, url: string, data: object) {
	try {
		return await phone.post(url, { data });
	} catch (error) {
		if (!String(error).includes('ECONNRESET')) throw error;
		return phone.post(url, { data });
	}
}

/** What a class of thirty does on a slide: answer, write, vote; then the mentor reveals. */
async function classInput(room: Classroom, kind: string | null, proposalsMade: boolean) {
	const { code, phones } = room;
	if (kind === 'statement' || kind === 'scenario') {
		const activity = await currentActivity(room);
		const choices = kind === 'statement' ? ['agree', 'disagree', 'unsure'] : ['0', '1', '2'];
		await Promise.all(
			phones.map((phone, i) => send(phone, `/api/sessions/${code}/responses`, { activity, choice: choices[(i * 7) % choices.length] }))
		);
		await room.host({ type: 'reveal', on: true });
	} else if (kind === 'question') {
		const sent = await Promise.all(
			phones.slice(0, 22).map((phone, i) => send(phone, `/api/sessions/${code}/proposals`, { text: ANSWERS[i % ANSWERS.length] }))
		);
		// The mentor sorts the wall: two answers highlighted, most of them in three labelled groups.
		const ids = await Promise.all(sent.map(async (response) => ((await response.json()) as { id: string }).id));
		expect(ids.filter(Boolean), 'every answer is accepted').toHaveLength(sent.length);
		for (const id of ids.slice(0, 2)) await room.host({ type: 'highlight', id, on: true });
		const groups = ['Eerst vragen', 'Hulp zoeken', 'Niet doorsturen'];
		for (const [i, id] of ids.slice(0, 16).entries()) await room.host({ type: 'group', id, group: groups[i % groups.length] });
	} else if (kind === 'proposals' && !proposalsMade) {
		await Promise.all(phones.slice(0, 16).map((phone, i) => send(phone, `/api/sessions/${code}/proposals`, { text: PROPOSALS[i]! })));
	} else if (kind === 'vote') {
		const ids = Array.from({ length: 40 }, (_, i) => `p${i + 1}`);
		await Promise.all(
			phones.map(async (phone, i) => {
				for (const proposal of ids)
					await send(phone, `/api/sessions/${code}/votes`, {
						proposal,
						choice: ['agree', 'agree', 'disagree', 'pass'][(i + proposal.length) % 4]
					});
			})
		);
		await room.host({ type: 'reveal', on: true });
	}
}

async function currentActivity(room: Classroom): Promise<string> {
	const html = await (await room.phones[0]!.get(`/s/${room.code}`)).text();
	return /name="activity" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

/** A screenshot of each board once the reveal's count-in is over and the bars have grown. */
async function shoot(boards: Board[], name: string) {
	mkdirSync(SHOTS, { recursive: true });
	for (const board of boards) {
		await expect(board.page.locator('.count-in')).toHaveCount(0, { timeout: 5000 });
		await board.page.waitForTimeout(700);
		await board.page.screenshot({ path: `${SHOTS}/${name}-${board.size.width}x${board.size.height}.png` });
	}
}

test('what the mentor and a student see beside the board: the console on a laptop and a phone', async ({ browser, baseURL }) => {
	const room = await classroom(baseURL!, { module: 'klasafspraken', lang: 'nl' }, 27);
	await room.host({ type: 'slide', index: 1 });
	await Promise.all(
		room.phones.slice(0, 18).map((phone, i) =>
			phone.post(`/api/sessions/${room.code}/responses`, {
				data: { activity: 'step-2-a1', choice: ['agree', 'disagree', 'unsure'][i % 3] }
			})
		)
	);
	const errors: string[] = [];
	for (const size of [
		{ width: 1366, height: 768 },
		{ width: 1440, height: 900 }
	]) {
		const context = await browser.newContext({ viewport: size });
		await context.addCookies([{ name: `kk_host_${room.code}`, value: room.hostKey, url: baseURL! }]);
		const page = await context.newPage();
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`/host/${room.code}`);
		await expect(page.getByRole('status').filter({ hasText: 'Live' }).first()).toBeVisible();
		await expect(page.getByText('18 van 27')).toBeVisible();
		mkdirSync(SHOTS, { recursive: true });
		await page.screenshot({ path: `${SHOTS}/console-${size.width}x${size.height}.png` });
		await context.close();
	}
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const student = await phone.newPage();
	student.on('pageerror', (error) => errors.push(error.message));
	await student.goto(`/join?code=${room.code}`);
	await student.getByRole('button', { name: 'Doe mee' }).click();
	await expect(student.getByRole('button', { name: 'Eens', exact: true })).toBeVisible();
	await student.screenshot({ path: `${SHOTS}/phone-statement-390x844.png` });
	expect(errors).toEqual([]);
	await phone.close();
	await room.close();
});

/** A page where the stored board theme is `theme` from its first paint. */
async function themed(page: Page, theme: string) {
	await page.evaluate((theme) => {
		localStorage.setItem('klasakkoord-stage-theme', theme);
		window.dispatchEvent(new StorageEvent('storage', { key: 'klasakkoord-stage-theme' }));
	}, theme);
}

/** Shows the page of a long slide that holds `locator`, by the mentor's page command. */
async function pageTo(room: Classroom, board: Page, locator: ReturnType<Page['locator']>) {
	for (let page = 0; page < 6; page++) {
		await room.host({ type: 'page', page });
		await board.waitForTimeout(400);
		if (await locator.isVisible()) return;
	}
	throw new Error('not on any page of the slide');
}

test('themes beyond the board: the console picks and remembers the theme; console, remote, presenter and board have no accessibility violations in light and dark', async ({
	browser,
	baseURL
}) => {
	const room = await classroom(baseURL!, { module: 'klasafspraken', lang: 'nl' }, 27);
	await room.host({ type: 'premoderation', on: false });
	// Step 7: the exit question, with a class's answers, two highlighted and three groups.
	await room.host({ type: 'slide', index: 6 });
	await classInput(room, 'question', true);
	const errors: string[] = [];
	const watch = (page: Page) => {
		page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
		page.on('console', (message) => message.type() === 'error' && errors.push(`${page.url()}: ${message.text()}`));
		return page;
	};
	mkdirSync(SHOTS, { recursive: true });

	const mentor = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	await mentor.addCookies([{ name: `kk_host_${room.code}`, value: room.hostKey, url: baseURL! }]);
	const console_ = watch(await mentor.newPage());

	await test.step('the console: the theme toggle, remembered in this browser', async () => {
		await console_.goto(`/host/${room.code}`);
		await expect(console_.getByRole('status').filter({ hasText: 'Live' }).first()).toBeVisible();
		await expectNoAxeViolations(console_);
		await console_.screenshot({ path: `${SHOTS}/console-wall-1366x768.png`, fullPage: false });
		await console_.locator('summary', { hasText: 'Meer instellingen' }).click();
		await console_.getByRole('button', { name: 'Donker' }).click();
		await expect(console_.locator('html')).toHaveAttribute('data-theme', 'dark');
		await console_.reload();
		await expect(console_.locator('html')).toHaveAttribute('data-theme', 'dark');
		await console_.locator('summary', { hasText: 'Meer instellingen' }).click();
		await expect(console_.getByRole('button', { name: 'Donker' })).toHaveAttribute('aria-pressed', 'true');
		await expectNoAxeViolations(console_);
		await console_.screenshot({ path: `${SHOTS}/console-dark-1366x768.png` });
	});

	await test.step('the board follows the console’s choice, at once, in light and dark', async () => {
		const board = watch(await mentor.newPage());
		await board.setViewportSize({ width: 1920, height: 1080 });
		await board.goto(`/host/${room.code}/projector`);
		await expect(board.locator('.stage')).toHaveAttribute('data-theme', 'dark');
		await pageTo(room, board, board.locator('.wall li.highlighted').first());
		await board.waitForTimeout(800);
		await expectNoAxeViolations(board, ['color-contrast-enhanced']);
		await board.screenshot({ path: `${SHOTS}/stage-wall-dark-1920x1080.png` });
		await themed(console_, 'light');
		await expect(board.locator('.stage')).toHaveAttribute('data-theme', 'light');
		await expect(console_.locator('html')).toHaveAttribute('data-theme', 'light');
		await board.waitForTimeout(800);
		await expectNoAxeViolations(board, ['color-contrast-enhanced']);
		await board.screenshot({ path: `${SHOTS}/stage-wall-light-1920x1080.png` });
		await board.close();
	});

	await test.step('the remote on the mentor’s phone, light and dark', async () => {
		await console_.locator('summary', { hasText: 'Afstandsbediening op je telefoon' }).click();
		await console_.getByRole('button', { name: 'QR-code voor je telefoon maken' }).click();
		const link = await console_.getByRole('link', { name: new RegExp(`/remote/${room.code}/`) }).getAttribute('href');
		const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		const remote = watch(await phone.newPage());
		await remote.goto(new URL(link!).pathname);
		await remote.getByRole('button', { name: 'Deze telefoon als afstandsbediening gebruiken' }).click();
		await remote.waitForURL(new RegExp(`/host/${room.code}/remote$`));
		await expect(remote.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
		await expect(remote.getByRole('region', { name: /Antwoorden op het bord/ }).getByRole('listitem')).toHaveCount(22);
		await expectNoAxeViolations(remote);
		await remote.screenshot({ path: `${SHOTS}/remote-390x844.png` });
		// The mentor highlights an answer from the phone; the console hears of it.
		const third = remote.getByRole('button', { name: /^Uitlichten/ }).nth(2);
		await expect(third).toHaveAttribute('aria-pressed', 'false');
		await third.click();
		await expect(third).toHaveAttribute('aria-pressed', 'true');
		await expect(console_.locator('.proposal.highlighted')).toHaveCount(3);
		await themed(remote, 'dark');
		await expect(remote.locator('html')).toHaveAttribute('data-theme', 'dark');
		await expectNoAxeViolations(remote);
		await remote.screenshot({ path: `${SHOTS}/remote-dark-390x844.png` });
		await phone.close();
	});

	await test.step('the presenter without a session, light and dark', async () => {
		const presenter = watch(await mentor.newPage());
		await presenter.setViewportSize({ width: 1920, height: 1080 });
		for (const theme of ['light', 'dark']) {
			await presenter.goto('/lessons/klasafspraken/present?step=2');
			await themed(presenter, theme);
			await expect(presenter.locator('.stage')).toHaveAttribute('data-theme', theme);
			await expectNoAxeViolations(presenter, ['color-contrast-enhanced']);
		}
	});

	await mentor.close();
	await room.close();
	expect(errors).toEqual([]);
});
