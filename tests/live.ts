import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** Helpers for tests where a mentor and several students take part in one live session. */

/** Records the address of every request the context's pages make. */
export function recordRequests(context: BrowserContext, into: string[] | undefined) {
	if (into) context.on('request', (request) => into.push(request.url()));
	return context;
}

export async function startBareSession(browser: Browser, lang: 'nl' | 'en' = 'nl', theme = '', requests?: string[]) {
	const context = recordRequests(await browser.newContext(), requests);
	const page = await context.newPage();
	const prefix = lang === 'en' ? '/en' : '';
	await page.goto(`${prefix}/host`);
	if (theme) await page.getByLabel(lang === 'en' ? 'Theme of the round (optional)' : 'Thema van de ronde (mag leeg blijven)').fill(theme);
	await page.getByRole('button', { name: lang === 'en' ? 'Start a live session' : 'Live sessie starten' }).click();
	await page.waitForURL(/\/host\/[A-Z0-9]{6}$/);
	const code = page.url().split('/').pop()!;
	await expectLive(page, lang);
	return { context, page, code, prefix };
}

/** Waits until the page's event stream delivered its snapshot (the status says so on screen). */
export async function expectLive(page: Page, lang: 'nl' | 'en' = 'nl') {
	await expect(page.getByRole('status').filter({ hasText: lang === 'en' ? 'Live' : 'Live' })).toBeVisible();
}

/** A student on a phone-sized screen; `javaScriptEnabled: false` for the no-JavaScript path. */
export async function studentContext(browser: Browser, javaScriptEnabled = true, requests?: string[]): Promise<BrowserContext> {
	return recordRequests(
		await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }),
		requests
	);
}

export async function joinByCode(context: BrowserContext, code: string, prefix = '', typed = code.toLowerCase()) {
	const page = await context.newPage();
	await page.goto(`${prefix}/join`);
	await page.getByRole('textbox').fill(typed);
	await page.getByRole('button', { name: prefix ? 'Join' : 'Doe mee' }).click();
	await page.waitForURL(new RegExp(`/s/${code}$`));
	return page;
}

/**
 * Records everything a page's student event stream sends, by opening a second EventSource in the
 * page with the same cookie. Returns a function that reads the recording.
 */
export async function recordStudentStream(page: Page, code: string) {
	await page.evaluate((code) => {
		const w = window as unknown as { __stream: string };
		w.__stream = '';
		const source = new EventSource(`/api/sessions/${code}/events?role=student`);
		for (const type of ['snapshot', 'patch', 'me']) {
			source.addEventListener(type, (event) => (w.__stream += `${type} ${(event as MessageEvent).data}\n`));
		}
	}, code);
	return () => page.evaluate(() => (window as unknown as { __stream: string }).__stream);
}

export async function propose(page: Page, text: string, lang: 'nl' | 'en' = 'nl') {
	await page
		.getByRole('textbox', { name: lang === 'en' ? 'Your proposal for a class agreement' : 'Jouw voorstel voor een klasafspraak' })
		.fill(text);
	await page.getByRole('button', { name: lang === 'en' ? 'Send' : 'Versturen' }).click();
	await expect(page.getByText(text)).toBeVisible();
}

/** The card of a proposal in the mentor's console. */
export function card(page: Page, text: string) {
	return page.getByRole('article').filter({ has: page.getByText(text, { exact: true }) });
}

/** The voting row of a proposal on a student's phone. */
export function voteRow(page: Page, text: string) {
	return page.getByRole('listitem').filter({ has: page.getByText(text, { exact: true }) });
}
