import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectLive, joinByCode } from './live';

/**
 * No browser errors through a whole lesson: the presenter (with and without `?step=`), and a live
 * lesson on the console, the projector, the mentor's phone remote and a student's phone. Every page
 * error and every console message of type `error` on any of these pages fails the test.
 */

interface Watched {
	errors: string[];
	context(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
}

function watcher(browser: Browser): Watched {
	const errors: string[] = [];
	return {
		errors,
		async context(options) {
			const context = await browser.newContext(options);
			context.on('page', (page) => {
				const where = () => new URL(page.url()).pathname;
				page.on('pageerror', (error) => errors.push(`${where()} pageerror: ${error.message}`));
				page.on('console', (message) => {
					if (message.type() === 'error') errors.push(`${where()} console: ${message.text()}`);
				});
			});
			return context;
		}
	};
}

/** Steps forward with the keyboard (a presenter's clicker) until the last page of the last step. */
async function walkPresenter(page: Page) {
	const next = page.locator('.deck > button').last();
	let presses = 0;
	while (await next.isEnabled()) {
		const before = await page.locator('.stage').innerText();
		await page.keyboard.press(presses % 2 ? 'PageDown' : 'ArrowRight');
		await expect.poll(() => page.locator('.stage').innerText()).not.toBe(before);
		presses++;
		expect(presses, 'the presenter reaches its last step').toBeLessThan(60);
	}
	return presses;
}

for (const lang of ['nl', 'en'] as const) {
	test(`the presenter (${lang}) walks a whole lesson without browser errors, from the start and from ?step=`, async ({ browser }) => {
		const watched = watcher(browser);
		const context = await watched.context({ viewport: { width: 1280, height: 720 } });
		const page = await context.newPage();
		const prefix = lang === 'en' ? '/en' : '';
		await page.goto(`${prefix}/lessons/klasafspraken/present`);
		await expect(page.locator('.stage h1')).toBeVisible();
		expect(await walkPresenter(page)).toBeGreaterThan(5);
		// And back to the start.
		await page.keyboard.press('Home');
		await expect(page.locator('.deck > button').first()).toBeDisabled();

		for (const step of [1, 4, 7]) {
			await page.goto(`${prefix}/lessons/klasafspraken/present?step=${step}`);
			await expect(page.locator('.stage .kicker')).toContainText(lang === 'en' ? `Step ${step} of` : `Stap ${step} van`);
			await page.keyboard.press('ArrowLeft');
			await page.keyboard.press('ArrowRight');
			await walkPresenter(page);
		}
		await page.goto(`${prefix}/lessons/online-samen/present`);
		await walkPresenter(page);
		await context.close();
		expect(watched.errors).toEqual([]);
	});
}

/** What a phone does on whatever the step asks: writes, or presses the first choice. */
async function takePart(phone: Page, text: string) {
	const box = phone.getByRole('textbox');
	if (await box.count()) {
		await box.first().fill(text);
		await phone.getByRole('button', { name: 'Versturen' }).click();
		await expect(phone.getByText(text)).toBeVisible();
		return;
	}
	const choices = phone.locator('button[aria-pressed]');
	if (await choices.count()) {
		await choices.first().click();
		await expect(choices.first()).toHaveAttribute('aria-pressed', 'true');
	}
}

test('a live lesson from start to close: console, projector, remote and phone stay free of browser errors', async ({ browser }) => {
	test.setTimeout(180_000);
	const watched = watcher(browser);
	const mentor = await watched.context({ viewport: { width: 1366, height: 768 } });
	const console_ = await mentor.newPage();
	await console_.goto('/lessons/online-samen');
	await console_.getByRole('button', { name: 'Live sessie starten' }).click();
	await console_.waitForURL(/\/host\/[A-Z0-9]{6}$/);
	const code = console_.url().split('/').pop()!;
	await expectLive(console_);

	const boardContext = await watched.context({ viewport: { width: 1920, height: 1080 }, storageState: await mentor.storageState() });
	const board = await boardContext.newPage();
	await board.goto(`/host/${code}/projector`);
	await expectLive(board);

	await console_.locator('summary', { hasText: 'Afstandsbediening op je telefoon' }).click();
	await console_.getByRole('button', { name: 'QR-code voor je telefoon maken' }).click();
	const link = await console_.getByRole('link', { name: new RegExp(`/remote/${code}/`) }).getAttribute('href');
	const remoteContext = await watched.context({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const remote = await remoteContext.newPage();
	await remote.goto(new URL(link!).pathname);
	await remote.getByRole('button', { name: 'Deze telefoon als afstandsbediening gebruiken' }).click();
	await remote.waitForURL(new RegExp(`/host/${code}/remote$`));
	await expectLive(remote);

	const phoneContext = await watched.context({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
	const phone = await joinByCode(phoneContext, code);
	await expectLive(phone);
	await console_.goto(`/host/${code}`);
	await expectLive(console_);

	const nextButton = console_.getByRole('button', { name: /^(Volgende|Les starten) →$/ });
	const stepper = console_.getByRole('list', { name: 'Stappen van de les' });
	let slide = 0;
	while (await nextButton.isEnabled()) {
		slide++;
		// Every other step is driven from the phone remote, the rest from the console; each has heard of
		// the last move before it makes the next (a mentor is slower than the event stream).
		const remoteNext = remote.getByRole('button', { name: 'Volgende →' });
		await expect(remote.locator('[data-slide]')).toHaveAttribute('data-slide', String(slide - 2));
		if (slide % 2 === 0) await remoteNext.click();
		else await nextButton.click();
		await expect(console_.getByLabel('Ga naar')).toHaveValue(String(slide - 1));
		const label = await console_
			.getByLabel('Ga naar')
			.locator(`option[value="${slide - 1}"]`)
			.innerText();
		const [, step, title] = /^Stap (\d+): ([^·]+)/.exec(label)!;
		await expect(stepper.locator('[aria-current="step"]')).toContainText(title!.trim());
		await expect(remote.getByRole('heading', { level: 1 })).toContainText(`Stap ${step} van`);
		// The phone has followed to this slide before it takes part.
		await expect(phone.getByText(`Stap ${step} van`)).toContainText(title!.trim());
		const kind = label.split('·')[1]?.trim() ?? '';
		if (kind === 'Stelling' || kind === 'Situatie') await expect(phone.locator('button[aria-pressed="true"]')).toHaveCount(0);
		if (kind === 'Vraag') await expect(phone.getByRole('textbox', { name: 'Jouw antwoord' })).toBeVisible();
		if (kind === 'Voorstellen') await expect(phone.getByRole('textbox', { name: /Jouw voorstel/ })).toBeVisible();
		if (kind === 'Stemmen' || kind === '') await expect(phone.getByRole('textbox')).toHaveCount(0);
		await expect(board.locator('.stage h1')).toBeVisible();
		await takePart(phone, `Antwoord bij stap ${slide}: eerst vragen of het mag.`);
		// The mentor approves what waits, highlights an answer and reveals the results.
		const approve = console_.getByRole('button', { name: 'Goedkeuren', exact: true });
		if (await approve.count()) {
			await approve.first().click();
			await expect(approve).toHaveCount(0);
		}
		// The current question's answers come first on the console's wall.
		const highlight = console_
			.locator('.question-wall')
			.first()
			.getByRole('button', { name: /^Uitlichten/ });
		if (await highlight.count()) {
			if ((await highlight.first().getAttribute('aria-pressed')) !== 'true') await highlight.first().click();
			await expect(highlight.first()).toHaveAttribute('aria-pressed', 'true');
		}
		if (await board.locator('.wall li').count()) await expect(board.locator('.wall li.highlighted')).toHaveCount(1);
		const reveal = console_.getByRole('button', { name: 'Uitslag tonen aan de klas' });
		if ((await reveal.getAttribute('aria-pressed')) !== 'true') await reveal.click();
		await expect(reveal).toHaveAttribute('aria-pressed', 'true');
		// The board's clicker on a slide of several pages: the next page, then back.
		if (await board.locator('.stage .pages').count()) {
			await board.keyboard.press('PageDown');
			await expect(board.locator('.stage .pages')).toContainText(/^Pagina 2 van/);
			await board.keyboard.press('PageUp');
			await expect(board.locator('.stage .pages')).toContainText(/^Pagina 1 van/);
		}
		expect(slide, 'the lesson has an end').toBeLessThan(40);
	}
	expect(slide).toBeGreaterThan(5);

	await console_.reload();
	await expectLive(console_);
	await board.reload();
	await expectLive(board);
	await console_.locator('summary', { hasText: 'Sessie afsluiten' }).click();
	await console_.getByRole('button', { name: 'Sessie afsluiten' }).click();
	await expect(phone.getByRole('heading', { name: /De sessie is afgelopen/ })).toBeVisible();
	await expect(console_.getByText('Deze sessie is afgesloten.')).toBeVisible();
	await expect(board.locator('.stage')).toBeVisible();
	await console_.goto(`/host/${code}/poster`);
	await expect(console_.locator('body')).toBeVisible();
	await phone.reload();

	for (const context of [mentor, boardContext, remoteContext, phoneContext]) await context.close();
	expect(watched.errors).toEqual([]);
});
