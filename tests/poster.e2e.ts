import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { ApiClient } from './server';

/**
 * The poster: every layout, size and orientation prints as exactly one page of the right size with
 * nothing cut off, for 1 to 12 rules; the handout has two copies; the controls never print.
 */

const RULES = [
	'We vragen het altijd eerst voordat we een foto of video van iemand maken.',
	'Wie nee zegt, bedoelt nee: dan maken we geen foto.',
	'We sturen foto’s van anderen niet door zonder te vragen.',
	'Krijg je een gemene foto van iemand? Dan stuur je hem niet verder en zeg je het tegen iemand die je vertrouwt.',
	'We zetten niemand in een groepsapp zonder het eerst te vragen.',
	'Screenshots van privégesprekken delen we niet.',
	'Vraagt iemand om een foto te verwijderen, dan doen we dat meteen.',
	'We lachen niemand uit om een foto.',
	'In de klas en de kleedkamer maken we geen foto’s of video’s.',
	'Zie je dat iemand wordt gepest met een foto, dan help je of haal je hulp.',
	'We plaatsen geen foto’s van leraren zonder toestemming.',
	'Deze afspraken gelden ook buiten school en online.'
];

const LAYOUTS = ['classic', 'cards', 'banner'] as const;
/** Points, as the PDF's MediaBox gives them. */
const SIZES = {
	'A4 portrait': [595, 842],
	'A4 landscape': [842, 595],
	'A3 portrait': [842, 1191],
	'A3 landscape': [1191, 842]
} as const;

/** A session in `lang` with the given rules adopted through the host command API. */
async function sessionWithRules(base: string, rules: string[], lang: 'nl' | 'en' = 'nl') {
	const api = new ApiClient(base);
	const created = await api.post('/api/sessions', { lang });
	expect(created.status).toBe(201);
	const code = String(created.json.code);
	for (const text of rules) expect((await api.post(`/api/sessions/${code}/host`, { type: 'adopt', text })).status).toBe(200);
	return { code, cookie: api.cookie };
}

async function mentorPage(browser: Browser, base: string, cookie: string, options: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, ...options });
	const [name, ...value] = cookie.split('=');
	await context.addCookies([{ name: name!, value: value.join('='), url: base }]);
	return context.newPage();
}

function pdfPages(pdf: Buffer): number[][] {
	const text = pdf.toString('latin1');
	const pages = text.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
	const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((box) => [
		Math.round(Number(box[1])),
		Math.round(Number(box[2]))
	]);
	expect(boxes).toHaveLength(pages);
	return boxes;
}

/** In print media: the page's rules and posters show all their content (nothing clipped by `overflow: hidden`). */
async function expectNothingCut(page: Page) {
	const clipped = await page
		.locator('.poster, .poster .rules, .poster li')
		.evaluateAll((elements) =>
			elements
				.filter((element) => element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1)
				.map(
					(element) =>
						`${element.className}: ${element.scrollHeight}>${element.clientHeight} or ${element.scrollWidth}>${element.clientWidth}`
				)
		);
	expect(clipped).toEqual([]);
}

test('12 rules print on one page in every layout, size and orientation, with nothing cut off', async ({ browser, baseURL }) => {
	test.setTimeout(240_000);
	const { code, cookie } = await sessionWithRules(baseURL!, RULES);
	const page = await mentorPage(browser, baseURL!, cookie);
	for (const layout of LAYOUTS) {
		for (const [name, size] of Object.entries(SIZES)) {
			const [paper, orientation] = name.split(' ');
			await test.step(`${layout}, ${name}`, async () => {
				await page.emulateMedia({ media: 'screen' });
				await page.goto(`/host/${code}/poster?class=3B&date=2026-12-02&layout=${layout}&size=${paper}&orientation=${orientation}`);
				await expect(page.locator('.poster li')).toHaveCount(12);
				await page.emulateMedia({ media: 'print' });
				await expectNothingCut(page);
				expect(pdfPages(await page.pdf({ preferCSSPageSize: true }))).toEqual([[...size]]);
			});
		}
	}
});

test('1, 5 and 8 rules fill one page too, in larger type the fewer there are', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	for (const layout of LAYOUTS) {
		const sizes: number[] = [];
		for (const count of [1, 5, 8]) {
			const { code, cookie } = await sessionWithRules(baseURL!, RULES.slice(0, count));
			const page = await mentorPage(browser, baseURL!, cookie);
			await page.goto(`/host/${code}/poster?layout=${layout}`);
			await page.emulateMedia({ media: 'print' });
			await expectNothingCut(page);
			expect(pdfPages(await page.pdf({ preferCSSPageSize: true }))).toEqual([[595, 842]]);
			sizes.push(await page.locator('.poster .rules').evaluate((element) => parseFloat(getComputedStyle(element).fontSize)));
			await page.context().close();
		}
		expect(sizes[0]).toBeGreaterThan(sizes[1]!);
		expect(sizes[1]).toBeGreaterThan(sizes[2]!);
	}
});

test('class name, agreed date and review date in the session’s language; the review day can be changed', async ({ browser, baseURL }) => {
	const dutch = await sessionWithRules(baseURL!, RULES.slice(0, 3));
	const page = await mentorPage(browser, baseURL!, dutch.cookie);
	await page.goto(`/host/${dutch.code}/poster?class=Klas%203B&date=2026-12-02`);
	const poster = page.locator('.poster');
	await expect(poster.getByRole('heading', { name: 'Onze afspraken' })).toBeVisible();
	await expect(poster.getByText('Klas 3B')).toBeVisible();
	await expect(poster.getByText('Afgesproken op 2 december 2026')).toBeVisible();
	await expect(poster.getByText('We kijken er weer naar op 30 december 2026')).toBeVisible();
	await expect(page.getByLabel('Weer bekijken op')).toHaveValue('2026-12-30');
	await page.getByLabel('Weer bekijken op').fill('2027-01-15');
	await page.getByRole('button', { name: 'Toepassen' }).click();
	await expect(page).toHaveURL(/review=2027-01-15/);
	await expect(poster.getByText('We kijken er weer naar op 15 januari 2027')).toBeVisible();

	const english = await sessionWithRules(baseURL!, ['We ask before we share a photo of anyone.'], 'en');
	const mentor = await mentorPage(browser, baseURL!, english.cookie);
	await mentor.goto(`/host/${english.code}/poster?class=2A&date=2026-11-05`);
	await expect(mentor.locator('.poster').getByRole('heading', { name: 'Our agreements' })).toBeVisible();
	await expect(mentor.getByText('We’ll look at these again on 3 December 2026')).toBeVisible();
});

test('the handout puts two copies with a cut line on one A4, in both orientations', async ({ browser, baseURL }) => {
	const { code, cookie } = await sessionWithRules(baseURL!, RULES);
	const page = await mentorPage(browser, baseURL!, cookie);
	for (const [orientation, size] of [
		['portrait', [595, 842]],
		['landscape', [842, 595]]
	] as const) {
		for (const layout of LAYOUTS) {
			await page.emulateMedia({ media: 'screen' });
			// A3 asked for: a handout is A4 all the same.
			await page.goto(`/host/${code}/poster?handout=1&size=A3&orientation=${orientation}&layout=${layout}&date=2026-12-02`);
			await expect(page.locator('.poster')).toHaveCount(2);
			await expect(page.getByText('We kijken er weer naar op 30 december 2026')).toHaveCount(2);
			await expect(page.getByText('knip hier')).toHaveCount(1);
			await page.emulateMedia({ media: 'print' });
			await expectNothingCut(page);
			expect(pdfPages(await page.pdf({ preferCSSPageSize: true }))).toEqual([[...size]]);
		}
	}
});

test('the controls show on screen only, work without JavaScript, and pass axe', async ({ browser, baseURL }) => {
	const { code, cookie } = await sessionWithRules(baseURL!, RULES.slice(0, 5));
	const page = await mentorPage(browser, baseURL!, cookie);
	await page.goto(`/host/${code}/poster`);
	const form = page.locator('form');
	await expect(form).toBeVisible();
	await expectNoAxeViolations(page);
	await page.emulateMedia({ media: 'print' });
	await expect(form).toBeHidden();
	await expect(page.getByRole('link', { name: /Terug naar de console/ })).toBeHidden();

	const noScript = await mentorPage(browser, baseURL!, cookie, { javaScriptEnabled: false });
	await noScript.goto(`/host/${code}/poster`);
	await noScript.getByLabel('Naam van de klas (optioneel)').fill('Mentorgroep 2C');
	await noScript.getByRole('radio', { name: /Banner/ }).check();
	await noScript.getByRole('radio', { name: 'Liggend' }).check();
	await noScript.getByRole('checkbox', { name: /Uitdeelversie/ }).check();
	await noScript.getByRole('button', { name: 'Toepassen' }).click();
	await expect(noScript).toHaveURL(/layout=banner/);
	await expect(noScript).toHaveURL(/orientation=landscape/);
	await expect(noScript.locator('.sheet.banner.landscape.handout')).toBeVisible();
	await expect(noScript.locator('.poster').first().getByText('Mentorgroep 2C')).toBeVisible();
	await expect(noScript.getByRole('radio', { name: /Banner/ })).toBeChecked();

	// Keyboard: the fields are reached in order, and the layout is picked with the arrow keys.
	await page.emulateMedia({ media: 'screen' });
	await page.getByLabel('Naam van de klas (optioneel)').focus();
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Afgesproken op')).toBeFocused();
	await page.getByRole('radio', { name: /Klassiek/ }).focus();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByRole('radio', { name: /Kaarten/ })).toBeChecked();
});

test('rules too long for the sheet: a warning on screen, and still one page', async ({ browser, baseURL }) => {
	const long =
		'Als iemand een foto of video van jou maakt of deelt zonder dat je het wilt, dan mag je altijd zeggen dat het weg moet, en dan halen we hem samen weg, ook als het grappig bedoeld was en ook als het in een besloten groep met alleen vrienden werd gedeeld.';
	const { code, cookie } = await sessionWithRules(
		baseURL!,
		Array.from({ length: 12 }, (_, index) => `${long} (${index + 1})`)
	);
	const page = await mentorPage(browser, baseURL!, cookie);
	await page.goto(`/host/${code}/poster?handout=1&layout=cards`);
	await expect(page.getByText('Niet alle afspraken passen op dit formaat.')).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	expect(pdfPages(await page.pdf({ preferCSSPageSize: true }))).toEqual([[595, 842]]);
});
