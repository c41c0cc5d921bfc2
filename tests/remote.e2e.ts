import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { card } from './live';
import { ApiClient } from './server';

/**
 * The mentor's phone as a remote (a one-time, revocable extra host key), and the console's class
 * panel: joins locked, a flooding device removed, and signing out on a shared computer.
 */

async function apiSession(base: string, body: Record<string, unknown> = {}) {
	const mentor = new ApiClient(base);
	const created = await mentor.post('/api/sessions', { lang: 'nl', ...body });
	expect(created.status).toBe(201);
	const code = created.json.code as string;
	const key = created.json.hostKey as string;
	return {
		code,
		key,
		async command(command: Record<string, unknown>) {
			const outcome = await mentor.post(`/api/sessions/${code}/host`, command, { authorization: `Bearer ${key}` });
			expect(outcome.status, JSON.stringify(outcome.json)).toBe(200);
		},
		async join() {
			const student = new ApiClient(base);
			expect((await student.post(`/api/sessions/${code}/join`, {})).status).toBeLessThan(300);
			return student;
		},
		async propose(student: ApiClient, text: string) {
			const outcome = await student.post(`/api/sessions/${code}/proposals`, { text });
			expect(outcome.status).toBe(201);
			return outcome.json.id as string;
		}
	};
}

/** Every page error and console error of a context; `allowed` lets expected refusals through. */
function watchErrors(context: BrowserContext, errors: string[], allowed: () => RegExp | null) {
	context.on('page', (page) => {
		page.on('pageerror', (error) => errors.push(`pageerror ${error.message}`));
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			if (allowed()?.test(message.text())) return;
			errors.push(`console ${message.text()}`);
		});
	});
	return context;
}

async function openConsole(browser: Browser, base: string, session: { code: string; key: string }, errors: string[]) {
	const context = watchErrors(await browser.newContext({ viewport: { width: 1366, height: 768 } }), errors, () => null);
	await context.addCookies([{ name: `kk_host_${session.code}`, value: session.key, url: base }]);
	const page = await context.newPage();
	await page.goto(`/host/${session.code}`);
	await expectLive(page);
	return page;
}

async function expectLive(page: Page) {
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 20_000 });
}

const phoneOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('the console hands a remote to the mentor’s phone once; the phone drives the lesson until it is disconnected', async ({
	browser,
	baseURL
}) => {
	const errors: string[] = [];
	const session = await apiSession(baseURL!, { module: 'klasafspraken' });
	const console_ = await openConsole(browser, baseURL!, session, errors);
	const projector = await console_.context().newPage();
	await projector.goto(`/host/${session.code}/projector`);
	await expectLive(projector);
	const stepper = console_.getByRole('list', { name: 'Stappen van de les' });

	await console_.locator('summary', { hasText: 'Afstandsbediening op je telefoon' }).click();
	await console_.getByRole('button', { name: 'QR-code voor je telefoon maken' }).click();
	await expect(console_.getByRole('img', { name: 'QR-code voor de afstandsbediening' }).locator('svg')).toBeVisible();
	const link = await console_.getByRole('link', { name: new RegExp(`/remote/${session.code}/`) }).getAttribute('href');
	expect(link).toMatch(new RegExp(`/remote/${session.code}/[A-Za-z0-9_-]{20,}$`));
	const path = new URL(link!).pathname;

	// The phone: opening the link only shows a button; pressing it makes this phone a remote.
	let refusals: RegExp | null = null;
	const phoneContext = watchErrors(await browser.newContext(phoneOptions), errors, () => refusals);
	const phone = await phoneContext.newPage();
	await phone.goto(path);
	await phone.getByRole('button', { name: 'Deze telefoon als afstandsbediening gebruiken' }).click();
	await phone.waitForURL(new RegExp(`/host/${session.code}/remote$`));
	await expectLive(phone);
	await expect(phone.getByText('De les is nog niet begonnen.')).toBeVisible();

	// The link works once.
	const otherContext = await browser.newContext(phoneOptions);
	const other = await otherContext.newPage();
	await other.goto(path);
	await other.getByRole('button', { name: 'Deze telefoon als afstandsbediening gebruiken' }).click();
	await expect(other.getByRole('alert')).toHaveText(
		'Deze link is al gebruikt, verlopen of bestaat niet. Maak een nieuwe QR-code in de console.'
	);
	await expect(other).not.toHaveURL(/\/host\//);
	await otherContext.close();

	// Next on the phone: the console and the projector follow.
	await phone.getByRole('button', { name: 'Volgende →' }).click();
	await expect(phone.getByRole('heading', { level: 1 })).toContainText('Stap 1 van 7');
	await expect(phone.getByRole('heading', { level: 1 })).toContainText('Welkom en spelregels');
	await expect(stepper.locator('[aria-current="step"]')).toContainText('Welkom en spelregels');
	await expect(projector.getByRole('heading', { name: 'Welkom en spelregels' })).toBeVisible();
	await phone.getByRole('button', { name: 'Volgende →' }).click();
	await expect(stepper.locator('[aria-current="step"]')).toContainText('Waarom afspraken?');
	await phone.getByRole('button', { name: '← Vorige' }).click();
	await expect(stepper.locator('[aria-current="step"]')).toContainText('Welkom en spelregels');

	// A waiting proposal, approved from the phone.
	await session.command({ type: 'slide', index: 3 });
	await expect(phone.getByRole('heading', { level: 1 })).toContainText('Stap 4 van 7');
	const student = await session.join();
	const text = 'Wij vragen toestemming voordat we iemand filmen';
	await session.propose(student, text);
	await expect(phone.getByText('1 mee')).toBeVisible();
	await expect(phone.getByText('1 wachtend')).toBeVisible();
	const waiting = phone.getByRole('listitem').filter({ hasText: text });
	await expect(waiting).toBeVisible();
	const approve = waiting.getByRole('button', { name: 'Goedkeuren: Voorstel 1' });
	const size = await approve.boundingBox();
	expect(size!.height).toBeGreaterThanOrEqual(48);
	await expectNoAxeViolations(phone);
	expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await approve.click();
	await expect(phone.getByText('Niets wachtend.')).toBeVisible();
	await expect(console_.getByRole('heading', { name: /Wacht op goedkeuring \(0\)/ })).toBeVisible();
	await expect(card(console_, text)).toBeVisible();

	// Reveal from the phone.
	await phone.getByRole('button', { name: 'Uitslag tonen aan de klas' }).click();
	await expect(phone.getByRole('button', { name: 'Uitslag tonen aan de klas' })).toHaveAttribute('aria-pressed', 'true');
	await expect(console_.getByRole('button', { name: 'Uitslag tonen aan de klas' })).toHaveAttribute('aria-pressed', 'true');
	await expectNoAxeViolations(phone);

	// Disconnecting the phone: its next command is refused, the laptop keeps working.
	await console_.getByRole('button', { name: 'Telefoon loskoppelen' }).click();
	await expect(console_.getByRole('button', { name: 'Telefoon loskoppelen' })).toBeEnabled();
	refusals = /403|Forbidden|event stream|EventSource/i;
	const refused = phone.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes('/command'));
	await phone.getByRole('button', { name: 'Volgende →' }).click();
	expect((await refused).status()).toBe(403);
	await expect(stepper.locator('[aria-current="step"]')).toContainText('Voorstellen doen');
	await console_.getByRole('button', { name: 'Volgende →' }).click();
	await expect(stepper.locator('[aria-current="step"]')).not.toContainText('Voorstellen doen');
	const again = await phone.request.post(`/host/${session.code}/remote?/command`, {
		form: { type: 'slide', index: '0' },
		headers: { origin: baseURL!, 'x-sveltekit-action': 'true' }
	});
	expect(again.status()).toBe(403);

	expect(errors).toEqual([]);
	await phoneContext.close();
	await console_.context().close();
});

test('the class panel: lock joining, remove a flooding device, and sign out of a shared computer', async ({ browser, baseURL }) => {
	const errors: string[] = [];
	const session = await apiSession(baseURL!);
	const honest = await session.join();
	const flooder = await session.join();
	const kept = await session.propose(honest, 'Wij vragen toestemming voordat we iemand filmen');
	await session.propose(flooder, 'We sturen geen screenshots door van privégesprekken');
	await session.command({ type: 'approve', id: kept });
	const page = await openConsole(browser, baseURL!, session, errors);

	await page.locator('summary', { hasText: 'Klas en telefoons' }).click();
	await expect(page.getByText('2 telefoons doen mee')).toBeVisible();
	await expect(page.getByText(/Laatst binnengekomen: \S+ om \d\d:\d\d, \S+ om \d\d:\d\d/)).toBeVisible();
	await expectNoAxeViolations(page);

	// The cap: a number form.
	await page.getByLabel('Maximaal aantal telefoons').fill('40');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByLabel('Maximaal aantal telefoons')).toHaveValue('40');

	// Locked: a new phone is refused with the message.
	await page.getByRole('button', { name: 'Meedoen op slot' }).click();
	await expect(page.getByText('Meedoen staat op slot: nieuwe telefoons komen er niet in.')).toBeVisible();
	const phoneContext = await browser.newContext(phoneOptions);
	const phone = await phoneContext.newPage();
	await phone.goto('/join');
	await phone.getByRole('textbox').fill(session.code);
	await phone.getByRole('button', { name: 'Doe mee' }).click();
	await expect(phone.getByText('Meedoen met deze sessie kan niet meer. Vraag het je mentor.')).toBeVisible();
	await expect(phone).not.toHaveURL(new RegExp(`/s/${session.code}$`));
	await phoneContext.close();
	await page.getByRole('button', { name: 'Meedoen weer openzetten' }).click();
	await expect(page.getByText('Meedoen staat op slot: nieuwe telefoons komen er niet in.')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Meedoen op slot' })).toBeVisible();

	// The flooding device, by the label on its card: removed, its proposal gone, its vote refused.
	const flooded = card(page, 'We sturen geen screenshots door van privégesprekken');
	const label = /apparaat (\S+)/.exec((await flooded.textContent()) ?? '')![1]!;
	await page.locator('summary', { hasText: `${label} verwijderen` }).click();
	await page.getByRole('button', { name: `${label} verwijderen` }).click();
	await expect(flooded).toHaveCount(0);
	await expect(page.getByText('1 telefoon doet mee')).toBeVisible();
	await session.command({ type: 'phase', phase: 'vote' });
	const refused = await flooder.post(`/api/sessions/${session.code}/votes`, { proposal: kept, choice: 'agree' });
	expect(refused.status).toBeGreaterThanOrEqual(400);
	const counted = await honest.post(`/api/sessions/${session.code}/votes`, { proposal: kept, choice: 'agree' });
	expect(counted.status).toBe(200);

	// Signing out: this computer no longer opens the console.
	await page.locator('summary', { hasText: 'Afmelden op deze computer' }).click();
	await page.getByRole('button', { name: 'Afmelden op deze computer' }).click();
	await page.waitForURL(/\/\?signedout=1$/);
	const after = await page.goto(`/host/${session.code}`);
	expect(after!.status()).toBe(403);
	errors.splice(0, errors.length, ...errors.filter((error) => !/403/.test(error)));
	expect(errors).toEqual([]);
	await page.context().close();
});
