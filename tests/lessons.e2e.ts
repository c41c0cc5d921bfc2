import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

test.describe('lessons', () => {
	test('home lists the modules as cards in Dutch, with a working language switch', async ({ page }) => {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
		const card = page.getByRole('article', { name: 'Onze klasafspraken' });
		await expect(card).toBeVisible();
		await expect(card).toContainText('Voor leerlingen');
		await expect(card).toContainText('50 min');
		await expect(card).toContainText('12–16 jaar');
		await expect(card).toContainText('Leerdoelen');
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Read in English' }).click();
		await expect(page).toHaveURL(/\/en$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('article', { name: 'Our class agreements' })).toContainText('For students');
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Lees in het Nederlands' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
		await expect(page.getByRole('heading', { level: 2, name: 'Lesmodules' })).toBeVisible();
	});

	test('the lesson page shows every step with facilitator notes and keeps the language on switching', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('link', { name: 'Onze klasafspraken' }).click();
		await expect(page).toHaveURL(/\/lessons\/klasafspraken$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Onze klasafspraken' })).toBeVisible();
		await expect(page.getByRole('heading', { level: 2, name: /Welkom en spelregels/ })).toBeVisible();
		await expect(page.getByRole('note', { name: 'Alleen voor de mentor' }).first()).toContainText('Beloof geen');
		await expect(page.getByRole('group', { name: 'Stelling' })).toContainText('groepsapp');
		await expect(page.getByRole('region', { name: 'Hulpkaart' })).toContainText('0800 0432');
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Read in English' }).click();
		await expect(page).toHaveURL(/\/en\/lessons\/klasafspraken$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Our class agreements' })).toBeVisible();
		await expect(page.getByRole('note', { name: 'For the mentor only' }).first()).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('printing the lesson gives a facilitator guide without site chrome', async ({ page }) => {
		await page.goto('/lessons/klasafspraken');
		await page.emulateMedia({ media: 'print' });
		await expect(page.locator('.site-header')).toBeHidden();
		await expect(page.getByRole('button', { name: 'Handleiding afdrukken' })).toBeHidden();
		await expect(page.getByRole('note', { name: 'Alleen voor de mentor' }).first()).toBeVisible();
		const pdf = await page.pdf({ format: 'A4' });
		expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
	});

	test('the presenter view walks the steps by keyboard and keeps notes off the projector', async ({ page }) => {
		await page.goto('/lessons/klasafspraken/present', { waitUntil: 'networkidle' });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom en spelregels');
		await expect(page.getByText('Stap 1 van 7').first()).toBeVisible();
		await expect(page.getByText('Alleen voor de mentor')).toHaveCount(0);
		await expect(page.getByText('Beloof geen')).toHaveCount(0);
		await expect(page.getByRole('timer')).toHaveText(/^0:0\d$/);
		// The shortcuts are listed in the board's menu, out of the class's way.
		await page.getByText('Meer', { exact: true }).click();
		await expect(page.getByText('→ of spatie: volgende', { exact: false })).toBeVisible();
		await page.getByText('Meer', { exact: true }).click();
		await expectNoAxeViolations(page);

		await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Waarom afspraken?');
		await expect(page).toHaveURL(/step=2/);
		await expect(page.getByRole('group', { name: 'Stelling' })).toContainText('groepsapp');
		// A step longer than the screen shows its next page first, then the next step. The stage plans its
		// pages in the animation frame after a change: read the page count once that frame has run, and
		// wait for each page to show before pressing again.
		await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
		const pager = page.getByText(/Pagina \d+ van \d+/);
		const total = (await pager.isVisible()) ? Number((await pager.textContent())?.match(/van (\d+)/)?.[1] ?? 1) : 1;
		for (let next = 2; next <= total; next++) {
			await page.keyboard.press(' ');
			await expect(pager).toContainText(`Pagina ${next} van ${total}`);
		}
		await page.keyboard.press(' ');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Een situatie');
		await page.keyboard.press('ArrowLeft');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Waarom afspraken?');
		await page.keyboard.press('End');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Afsluiting');
		await expect(page.getByRole('region', { name: 'Hulpkaart' })).toBeVisible();
		// The last step's last page ends the lesson.
		while (await page.getByRole('button', { name: /Volgende pagina/ }).isVisible())
			await page.getByRole('button', { name: /Volgende pagina/ }).click();
		await expect(page.getByRole('button', { name: /Volgende stap/ })).toBeDisabled();
		await page.keyboard.press('Home');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom en spelregels');

		await page.keyboard.press('t');
		// The pause button sits in the board's menu; the key works with the menu closed.
		await expect(page.locator('.menu button', { hasText: 'Doorgaan' })).toHaveAttribute('aria-pressed', 'true');
		await page.keyboard.press('t');
		await expect(page.locator('.menu button', { hasText: 'Pauze' })).toHaveAttribute('aria-pressed', 'false');

		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom en spelregels');
		await page.goto('/lessons/klasafspraken/present?step=4');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Voorstellen doen');
	});

	test('the notes window follows the presenter and shows only the notes', async ({ page, context }) => {
		await page.goto('/en/lessons/klasafspraken/present', { waitUntil: 'networkidle' });
		const [notes] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('n')]);
		await notes.waitForLoadState();
		await expect(notes.getByRole('heading', { level: 1 })).toHaveText('Welcome and ground rules');
		await expect(notes.getByRole('note', { name: 'For the mentor only' })).toContainText("Don't promise");
		await expectNoAxeViolations(notes);

		await page.keyboard.press('ArrowRight');
		await expect(notes.getByRole('heading', { level: 1 })).toHaveText('Why agreements?');
		await expect(notes.getByText('Next up')).toBeVisible();
		await expect(notes.getByText('A situation (10 min)')).toBeVisible();

		await notes.keyboard.press('ArrowRight');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('A situation');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expectNoAxeViolations(page);
	});

	test('the presenter skips optional parts when the mentor switches them off, in both windows', async ({ page, context }) => {
		// Module 2, step 4 has three statements; the third (the fake-nude myth) is optional.
		await page.goto('/lessons/beelden-delen');
		await expect(page.getByRole('heading', { level: 2, name: /Wat vind jij\?/ })).toContainText('1 optionele activiteit');
		await page.goto('/lessons/beelden-delen/present?step=4', { waitUntil: 'networkidle' });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wat vind jij?');
		// On the board's first page or a later one.
		await expect(page.getByText('Een nep-naaktfoto is minder erg')).toBeAttached();
		await page.getByText('Meer', { exact: true }).click();
		const skip = page.getByRole('checkbox', { name: 'Optionele onderdelen overslaan' });
		await expect(skip).not.toBeChecked();
		await expect(page.getByText(/\/ 7:00/)).toBeVisible();
		await expectNoAxeViolations(page);

		await page.keyboard.press('o');
		await expect(skip).toBeChecked();
		await expect(page.getByText('Een nep-naaktfoto is minder erg')).toHaveCount(0);
		await expect(page.getByText('Je mag altijd nee zeggen')).toBeAttached();
		await expect(page.getByText(/\/ 5:00/)).toBeVisible();
		await expect(page).toHaveURL(/optional=skip/);

		// The parents module starts with an optional step (the letter): skipping passes over it.
		await page.goto('/lessons/ouders/present?step=2&optional=skip', { waitUntil: 'networkidle' });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom');
		await page.getByText('Meer', { exact: true }).click();
		await expect(page.getByRole('checkbox', { name: 'Optionele onderdelen overslaan' })).toBeChecked();
		await page.getByText('Meer', { exact: true }).click();
		await page.keyboard.press('ArrowLeft');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom');
		await page.keyboard.press('Home');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom');

		const [notes] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('n')]);
		await notes.waitForLoadState();
		await expect(notes.getByRole('heading', { level: 1 })).toHaveText('Welkom');
		await expect(notes.getByRole('checkbox', { name: 'Optionele onderdelen overslaan' })).toBeChecked();
		await notes.getByRole('checkbox', { name: 'Optionele onderdelen overslaan' }).uncheck();
		// The board's own switch, in its closed menu, follows the notes window.
		await expect(page.locator('.menu input[type="checkbox"]')).not.toBeChecked();
		await page.keyboard.press('ArrowLeft');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('De brief aan ouders, vóór de lessen');
		await expect(notes.getByText('Optionele stap')).toBeVisible();
		await expectNoAxeViolations(notes);
	});

	test('the live console marks optional slides so the mentor can skip them', async ({ page }) => {
		await page.goto('/lessons/druk-en-verzoeken');
		await page.getByRole('button', { name: 'Live sessie starten' }).click();
		await page.waitForURL(/\/host\/[A-Z0-9]{6}$/);
		const jump = page.getByLabel('Ga naar');
		const labels = (await jump.locator('option').allTextContents()).map((label) => label.trim());
		expect(labels).toContain('Stap 6: Een naaktfoto krijgen waar je niet om vroeg · Stelling (optioneel: mag je overslaan)');
		expect(labels.filter((label) => label.includes('optioneel'))).toHaveLength(1);
		await jump.selectOption({ label: 'Stap 7: Als iemand dreigt · Vraag' });
		await page.getByRole('button', { name: 'Ga', exact: true }).click();
		await expect(page.getByText('Finn vertelt het aan jou. Wat zeg je tegen hem?')).toBeVisible();
	});

	test('a check-in slide without a live charter says what will appear there, in both languages', async ({ page }) => {
		await page.goto('/lessons/terugblik/present?step=2', { waitUntil: 'networkidle' });
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoe gaan onze afspraken?');
		const checkin = page.getByRole('group', { name: 'Check-in' });
		await expect(checkin).toContainText('Hoe gaat deze afspraak? Kies: gaat goed, kan beter of moet anders.');
		await expect(checkin).toContainText('Tijdens een check-in staan hier alle afspraken van jullie klas.');
		await expect(checkin.getByRole('listitem')).toHaveText(['Gaat goed', 'Kan beter', 'Moet anders']);
		await expect(checkin.getByRole('listitem').last()).toBeInViewport();
		await expect(page.getByText(/Pagina 1 van/)).toHaveCount(0);
		await expectNoAxeViolations(page);

		await page.goto('/en/lessons/terugblik/present?step=2', { waitUntil: 'networkidle' });
		const english = page.getByRole('group', { name: 'Check-in' });
		await expect(english).toContainText('During a check-in, every agreement of your class appears here.');
		await expect(english.getByRole('listitem')).toHaveText(['Going well', 'Could be better', 'Needs to change']);
	});

	test('the check-in lesson skips its optional talk step for a mentor with 15 minutes', async ({ page }) => {
		await page.goto('/lessons/terugblik');
		await expect(page.locator('.toc')).toContainText('(5 min, optioneel)');
		await expect(page.getByRole('heading', { level: 2, name: /Wat gaat goed, wat is lastig\?/ })).toContainText('Optionele stap');
	});

	test('an unknown lesson answers 404 in the visitor’s language', async ({ page }) => {
		const response = await page.goto('/en/lessons/does-not-exist');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist.');
	});
});
