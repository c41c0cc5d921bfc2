import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { studentContext } from './live';

/** What a student's phone meets in a lesson, with and without JavaScript, on a 390 px wide screen. */

const STATEMENT = 'De afspraken van onze klas gelden ook in de groepsapp.';
const PROPOSAL = 'Wij vragen toestemming voordat we iemand filmen';
const SAVED = {
	choice: 'Jouw keuze is opgeslagen.',
	sent: 'Verstuurd. Je kunt nog een voorstel doen.',
	vote: 'Je stem is opgeslagen.'
};
/** The slides of “Onze klasafspraken”: one per activity, or one for a step without any. */
const SLIDE = { welcome: 0, statement: 1, scenario: 2, proposals: 3, vote: 4, rules: 5, question: 6 };
const WRONG = '/s/NOPE42';

/** A live lesson driven by the mentor's JSON API, as a tool would (see docs/http.md). */
async function lesson(request: APIRequestContext) {
	const created = await request.post('/api/sessions', { data: { module: 'klasafspraken' } });
	expect(created.status()).toBe(201);
	const { code, hostKey } = (await created.json()) as { code: string; hostKey: string };
	const host = async (command: object) => {
		const response = await request.post(`/api/sessions/${code}/host`, { data: command, headers: { authorization: `Bearer ${hostKey}` } });
		expect(response.ok(), JSON.stringify(command)).toBe(true);
	};
	return { code, host };
}

/**
 * Every console error and uncaught error of a page, except the browser's note on the 404 status of a
 * page the test asks for on purpose (a wrong link, a wrong code typed into the join form). Also remembers the first server-rendered <main>: after hydration it must still be the same
 * element (Svelte replaces the page's content when hydration fails).
 */
async function watch(page: Page, notFound: string[] = []): Promise<string[]> {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		const expected = notFound.some((path) => message.location().url.endsWith(path)) && message.text().includes('status of 404');
		if (expected) return;
		errors.push(`console: ${message.text()} (${message.location().url})`);
	});
	await page.addInitScript(() => {
		new MutationObserver((_, observer) => {
			const main = document.querySelector('main');
			if (!main) return;
			(window as unknown as { ssrMain: Element }).ssrMain = main;
			observer.disconnect();
		}).observe(document, { childList: true, subtree: true });
	});
	return errors;
}

async function expectHydrated(page: Page) {
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	expect(await page.evaluate(() => document.querySelector('main') === (window as unknown as { ssrMain: Element }).ssrMain)).toBe(true);
}

test('on a phone the home page offers the code box first, above the catalogue', async ({ browser }) => {
	const context = await studentContext(browser);
	const page = await context.newPage();
	const errors = await watch(page);
	for (const { path, heading } of [
		{ path: '/', heading: 'Doe mee met een code' },
		{ path: '/en', heading: 'Join with a code' }
	]) {
		await page.goto(path);
		const box = (await page.getByRole('textbox', { name: 'Code' }).boundingBox())!;
		const firstLesson = (await page.getByRole('article').first().boundingBox())!;
		await expect(page.getByRole('heading', { name: heading })).toBeVisible();
		// The whole box fits the first screen of a 390×844 phone, and the catalogue comes after it.
		expect(box.y + box.height).toBeLessThan(844);
		expect(box.y).toBeLessThan(firstLesson.y);
	}
	await expectNoAxeViolations(page);
	expect(errors).toEqual([]);
	await context.close();
});

test('a wrong session link offers the code box in the visitor’s language, and joining from it works', async ({ browser, request }) => {
	const { code } = await lesson(request);
	const context = await studentContext(browser);
	const page = await context.newPage();
	const errors = await watch(page, [WRONG, '/join']);

	const english = await page.goto(`/en${WRONG}`);
	expect(english!.status()).toBe(404);
	await expect(page.getByText('There is no session with this code.')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Join with a code' })).toBeVisible();

	const dutch = await page.goto(WRONG);
	expect(dutch!.status()).toBe(404);
	await expect(page.getByText('Er is geen sessie met deze code.')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('textbox', { name: 'Code' }).fill(code.toLowerCase());
	await page.getByRole('button', { name: 'Doe mee' }).click();
	await page.waitForURL(new RegExp(`/s/${code}$`));
	await expect(page.getByText('Kijk naar het bord. Zo meteen kun je hier weer iets doen.')).toBeVisible();
	await expectHydrated(page);

	// A code that does not exist, typed in the box: the join page says so and keeps the box.
	await page.goto(WRONG);
	await page.getByRole('textbox', { name: 'Code' }).fill('ZZZZZZ');
	await page.getByRole('button', { name: 'Doe mee' }).click();
	await expect(page.getByRole('alert')).toHaveText('Er is geen sessie met deze code. Kijk nog eens op het bord.');
	expect(errors).toEqual([]);
	await context.close();
});

test('with JavaScript each step starts clean through a whole lesson, scenario choices stack, and nothing errs', async ({
	browser,
	request
}) => {
	const { code, host } = await lesson(request);
	const context = await studentContext(browser);
	const page = await context.newPage();
	const errors = await watch(page);
	await page.goto('/join');
	await page.getByRole('textbox', { name: 'Code' }).fill(code);
	await page.getByRole('button', { name: 'Doe mee' }).click();
	await page.waitForURL(new RegExp(`/s/${code}$`));
	await expectHydrated(page);
	const message = page.locator('.message');

	await host({ type: 'slide', index: SLIDE.welcome });
	await expect(page.getByText('Stap 1 van 7: Welkom en spelregels')).toBeVisible();

	await host({ type: 'slide', index: SLIDE.statement });
	await expect(page.getByText(STATEMENT)).toBeVisible();
	await page.getByRole('button', { name: 'Eens', exact: true }).click();
	await expect(message).toHaveText(SAVED.choice);

	await test.step('the scenario: the old confirmation is gone, the choices stack one above the other', async () => {
		await host({ type: 'slide', index: SLIDE.scenario });
		await expect(page.getByText('Stap 3 van 7: Een situatie')).toBeVisible();
		await expect(message).toBeEmpty();
		// The lesson's line breaks inside a paragraph do not survive: the text flows.
		const prompt = await page.locator('.prompt').textContent();
		expect(prompt).toContain('Hij wil het filmpje in de groepsapp van de klas zetten.');
		const boxes = await page
			.getByRole('group')
			.getByRole('button')
			.evaluateAll((buttons) =>
				buttons.map((button) => button.getBoundingClientRect().toJSON() as { top: number; bottom: number; width: number })
			);
		expect(boxes).toHaveLength(3);
		for (const [index, box] of boxes.entries()) {
			expect(box.width).toBeGreaterThanOrEqual(300);
			if (index > 0) expect(box.top).toBeGreaterThanOrEqual(boxes[index - 1]!.bottom);
		}
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await page.getByRole('button', { name: /^B\. Sem vraagt eerst/ }).click();
		await expect(message).toHaveText(SAVED.choice);
	});

	await test.step('the proposals: no leftover choice confirmation; sending confirms', async () => {
		await host({ type: 'slide', index: SLIDE.proposals });
		await expect(page.getByRole('textbox', { name: 'Jouw voorstel voor een klasafspraak' })).toBeVisible();
		await expect(message).toBeEmpty();
		await page.getByRole('textbox', { name: 'Jouw voorstel voor een klasafspraak' }).fill(PROPOSAL);
		await page.getByRole('button', { name: 'Versturen' }).click();
		await expect(message).toHaveText(SAVED.sent);
		await host({ type: 'approve', id: 'p1' });
	});

	await test.step('the vote: “Verstuurd” is gone; voting confirms', async () => {
		await host({ type: 'slide', index: SLIDE.vote });
		await expect(page.getByRole('heading', { name: 'Stem op de voorstellen' })).toBeVisible();
		await expect(message).toBeEmpty();
		await page.getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(message).toHaveText(SAVED.vote);
		await expectNoAxeViolations(page);
	});

	await test.step('the rest of the lesson and the close: nothing left over', async () => {
		await host({ type: 'reveal', on: true });
		await host({ type: 'slide', index: SLIDE.rules });
		await expect(page.getByText('Stap 6 van 7')).toBeVisible();
		await expect(message).toBeEmpty();
		await host({ type: 'adopt', text: 'We vragen toestemming voordat we iemand filmen', from: ['p1'] });
		await host({ type: 'slide', index: SLIDE.question });
		await expect(page.getByRole('textbox', { name: 'Jouw antwoord' })).toBeVisible();
		await host({ type: 'close' });
		await expect(page.getByRole('heading', { name: /De sessie is afgelopen/ })).toBeVisible();
		await expect(message).toBeEmpty();
		await expect(page.getByText('We vragen toestemming voordat we iemand filmen')).toBeVisible();
	});
	expect(errors).toEqual([]);
	await context.close();
});

test('without JavaScript the waiting phone refreshes itself, has a refresh link, and every send is confirmed', async ({
	browser,
	request
}) => {
	test.setTimeout(90_000);
	const { code, host } = await lesson(request);
	const context = await studentContext(browser, false);
	const page = await context.newPage();
	const errors = await watch(page);
	await page.goto('/join');
	await page.getByRole('textbox', { name: 'Code' }).fill(code.toLowerCase());
	await page.getByRole('button', { name: 'Doe mee' }).click();
	await page.waitForURL(new RegExp(`/s/${code}$`));
	const refresh = page.locator('meta[http-equiv="refresh"]');
	const refreshLink = page.getByRole('link', { name: /Vernieuwen/ });

	await test.step('waiting: a slow refresh of the page itself, a refresh link, no endless “Verbinden…”', async () => {
		await expect(page.getByText('Kijk naar het bord. Zo meteen kun je hier weer iets doen.')).toBeVisible();
		await expect(refresh).toHaveAttribute('content', `20;url=/s/${code}`);
		await expect(refreshLink).toBeVisible();
		await expect(refreshLink).toHaveAttribute('href', `/s/${code}`);
		await expect(page.getByText('Verbinden…')).toBeHidden();
		// The mentor moves on; the phone follows by itself, without anyone touching it.
		await host({ type: 'slide', index: SLIDE.statement });
		await expect(page.getByText(STATEMENT)).toBeVisible({ timeout: 30_000 });
	});

	await test.step('a choice is confirmed; then the phone waits again', async () => {
		await expect(refresh).toHaveCount(0);
		await page.getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(page.getByText(SAVED.choice)).toBeVisible();
		await expect(refresh).toHaveCount(1);
	});

	await test.step('proposals: no refresh while typing; sending is confirmed', async () => {
		await host({ type: 'slide', index: SLIDE.proposals });
		await refreshLink.click();
		await expect(page.getByRole('textbox', { name: 'Jouw voorstel voor een klasafspraak' })).toBeVisible();
		await expect(page.getByText(SAVED.choice)).toHaveCount(0);
		await expect(refresh).toHaveCount(0);
		await page.getByRole('textbox', { name: 'Jouw voorstel voor een klasafspraak' }).fill(PROPOSAL);
		await page.getByRole('button', { name: 'Versturen' }).click();
		await expect(page.getByText(SAVED.sent)).toBeVisible();
		await expect(refresh).toHaveCount(0);
		await host({ type: 'approve', id: 'p1' });
	});

	await test.step('the vote: confirmed; the refresh returns once every proposal has a vote', async () => {
		await host({ type: 'slide', index: SLIDE.vote });
		await refreshLink.click();
		await expect(page.getByRole('heading', { name: 'Stem op de voorstellen' })).toBeVisible();
		await expect(page.getByText(SAVED.sent)).toHaveCount(0);
		await expect(refresh).toHaveCount(0);
		await page.getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(page.getByText(SAVED.vote)).toBeVisible();
		await expect(page.getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute('aria-pressed', 'true');
		await expect(refresh).toHaveAttribute('content', `20;url=/s/${code}`);
	});

	await test.step('closed: the rules, without an old confirmation', async () => {
		await host({ type: 'adopt', text: 'We vragen toestemming voordat we iemand filmen', from: ['p1'] });
		await host({ type: 'close' });
		await refreshLink.click();
		await expect(page.getByRole('heading', { name: /De sessie is afgelopen/ })).toBeVisible();
		await expect(page.getByText(SAVED.vote)).toHaveCount(0);
	});
	expect(errors).toEqual([]);
	await context.close();
});
