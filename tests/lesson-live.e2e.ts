import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolations } from './axe';
import { card, expectLive, joinByCode, propose, studentContext, voteRow } from './live';

const STATEMENT = 'De afspraken van onze klas gelden ook in de groepsapp.';

/** The mentor's "next" in the lesson panel, waiting for the phones to follow. */
async function next(console_: Page, expected: string) {
	await console_.getByRole('button', { name: /^(Volgende|Les starten|Next|Start the lesson) →$/ }).click();
	await expect(console_.getByText(expected).first()).toBeVisible();
}

test('a mentor runs “Onze klasafspraken” live from the first to the last step', async ({ browser }) => {
	test.setTimeout(240_000);
	const hostContext = await browser.newContext();
	const console_ = await hostContext.newPage();
	await console_.goto('/lessons/klasafspraken');
	await expect(console_.getByText('Deze les kan live')).toBeVisible();
	await console_.getByRole('button', { name: 'Live sessie starten' }).click();
	await console_.waitForURL(/\/host\/[A-Z0-9]{6}$/);
	const code = console_.url().split('/').pop()!;
	await expectLive(console_);
	await expect(console_.getByText('De les is nog niet begonnen.')).toBeVisible();

	const projectorContext = await browser.newContext({
		storageState: await hostContext.storageState(),
		viewport: { width: 1280, height: 800 }
	});
	const projector = await projectorContext.newPage();
	await projector.goto(`/host/${code}/projector`);
	await expectLive(projector);
	await expect(projector.getByText(code).first()).toBeVisible();

	const s1 = await joinByCode(await studentContext(browser), code);
	const s2 = await joinByCode(await studentContext(browser), code);
	const s3 = await joinByCode(await studentContext(browser, false), code);
	await expectLive(s1);
	await expect(s1.getByText('Kijk naar het bord. Zo meteen kun je hier weer iets doen.')).toBeVisible();
	await expect(console_.getByText('3 deelnemers')).toBeVisible();

	await test.step('Step 1: no activity; the projector shows the step, phones say to look at the board', async () => {
		await next(console_, 'Stap 1: Welkom en spelregels');
		await expect(projector.getByRole('heading', { name: 'Welkom en spelregels' })).toBeVisible();
		await expect(projector.getByText('We noemen geen namen van klasgenoten.')).toBeVisible();
		await expect(projector.getByText('Beloof geen')).toHaveCount(0);
		await expect(s1.getByText('Stap 1 van 7: Welkom en spelregels')).toBeVisible();
		await expect(s1.getByText('Kijk naar het bord. Zo meteen kun je hier weer iets doen.')).toBeVisible();
		await expect(console_.getByRole('note')).toContainText('Beloof geen');
	});

	await test.step('Step 2: a statement, answered on three phones (one without JavaScript), results hidden until revealed', async () => {
		await next(console_, 'Stap 2: Waarom afspraken? · Stelling');
		await expect(s1.getByText(STATEMENT)).toBeVisible();
		await expectNoAxeViolations(s1);
		await s1.getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(s1.getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute('aria-pressed', 'true');
		await s2.getByRole('button', { name: 'Oneens' }).click();
		await s3.reload();
		await expect(s3.getByText(STATEMENT)).toBeVisible();
		await s3.getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(s3.getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute('aria-pressed', 'true');
		await expect(console_.getByText('3 antwoorden')).toBeVisible();
		await expect(console_.getByText('Eens: 2')).toBeVisible();
		await expect(projector.locator('.stage .bars')).toHaveCount(0);
		await expect(s2.getByText('Eens: 2')).toHaveCount(0);
		await console_.getByRole('button', { name: 'Uitslag tonen aan de klas' }).click();
		// The board counts in, then shows the bars; on a board too small for all of it they are on its last page.
		if (await projector.locator('.stage .pages').isVisible()) await projector.keyboard.press('ArrowRight');
		await expect(projector.locator('.stage .bars')).toBeVisible();
		await expect(projector.locator('.stage .bars')).toContainText(/Eens\s*2\s*Oneens\s*1/);
		await expect(s2.getByText('Eens: 2')).toBeVisible();
		await expectNoAxeViolations(projector);
		await expectNoAxeViolations(console_);
	});

	await test.step('Step 3: a scenario, as a choice between its options', async () => {
		await next(console_, 'Stap 3: Een situatie · Situatie');
		await s1.getByRole('button', { name: /^B\. Sem vraagt eerst/ }).click();
		await expect(s1.getByRole('button', { name: /^B\. Sem vraagt eerst/ })).toHaveAttribute('aria-pressed', 'true');
	});

	await test.step('Step 4: the proposals round', async () => {
		await next(console_, 'Stap 4: Voorstellen doen · Voorstellen');
		await propose(s1, 'Wij vragen toestemming voordat we iemand filmen');
		await propose(s2, 'Wij sturen niets door zonder toestemming');
		await s3.reload();
		await s3.getByRole('textbox', { name: 'Jouw voorstel voor een klasafspraak' }).fill('Wij steunen wie op een foto staat');
		await s3.getByRole('button', { name: 'Versturen' }).click();
		for (const text of [
			'Wij vragen toestemming voordat we iemand filmen',
			'Wij sturen niets door zonder toestemming',
			'Wij steunen wie op een foto staat'
		]) {
			await card(console_, text).getByRole('button', { name: 'Goedkeuren' }).click();
			await expect(card(console_, text).getByRole('button', { name: 'Goedkeuren' })).toHaveCount(0);
		}
	});

	await test.step('Step 5: the vote on that round; a late joiner lands on it', async () => {
		await next(console_, 'Stap 5: Stemmen · Stemmen');
		await voteRow(s1, 'Wij vragen toestemming voordat we iemand filmen').getByRole('button', { name: 'Eens', exact: true }).click();
		await voteRow(s2, 'Wij vragen toestemming voordat we iemand filmen').getByRole('button', { name: 'Eens', exact: true }).click();
		await voteRow(s1, 'Wij sturen niets door zonder toestemming').getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(card(console_, 'Wij vragen toestemming voordat we iemand filmen')).toContainText('2 eens, 0 oneens');
		const late = await joinByCode(await studentContext(browser), code);
		await expect(late.getByRole('heading', { name: 'Stem op de voorstellen' })).toBeVisible();
		await expect(late.getByText('Stap 5 van 7: Stemmen')).toBeVisible();
		await expectNoAxeViolations(late);
		// A refresh keeps a phone's answers.
		await s1.reload();
		await expect(
			voteRow(s1, 'Wij vragen toestemming voordat we iemand filmen').getByRole('button', { name: 'Eens', exact: true })
		).toHaveAttribute('aria-pressed', 'true');
	});

	await test.step('Step 6: recording the agreements', async () => {
		await next(console_, 'Stap 6: Onze afspraken vastleggen');
		await expect(s1.getByText('Kijk naar het bord. Zo meteen kun je hier weer iets doen.')).toBeVisible();
		await card(console_, 'Wij vragen toestemming voordat we iemand filmen')
			.getByRole('checkbox', { name: 'Kies voor een afspraak' })
			.check();
		await console_.getByRole('textbox', { name: 'Tekst van de afspraak' }).fill('We vragen toestemming voordat we iemand filmen');
		await console_.getByRole('button', { name: 'Vastleggen' }).click();
		await expect(console_.getByRole('list', { name: /Afspraken van de klas/ }).getByRole('listitem')).toHaveCount(1);
	});

	await test.step('Step 7: the exit question, answered and shown as a wall once approved', async () => {
		await next(console_, 'Stap 7: Afsluiting · Vraag');
		await expect(s2.getByText('Wat neem jij mee uit deze les?')).toBeVisible();
		await s2.getByRole('textbox', { name: 'Jouw antwoord' }).fill('Dat ik eerst vraag of het mag');
		await s2.getByRole('button', { name: 'Versturen' }).click();
		await card(console_, 'Dat ik eerst vraag of het mag').getByRole('button', { name: 'Goedkeuren' }).click();
		// The wall and the help card follow the question, on the board's later pages.
		await expect(projector.getByText('Dat ik eerst vraag of het mag')).toBeAttached();
		await expect(s1.getByText('Dat ik eerst vraag of het mag')).toBeVisible();
		await expect(projector.locator('.helpcard')).toBeAttached();
	});

	await test.step('The mentor can jump to any step, and back', async () => {
		await console_.getByLabel('Ga naar').selectOption({ label: 'Stap 2: Waarom afspraken? · Stelling' });
		await console_.getByRole('button', { name: 'Ga', exact: true }).click();
		await expect(s1.getByText(STATEMENT)).toBeVisible();
		await expect(s1.getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute('aria-pressed', 'true');
		await console_.getByLabel('Ga naar').selectOption({ label: 'Stap 7: Afsluiting · Vraag' });
		await console_.getByRole('button', { name: 'Ga', exact: true }).click();
		await expect(s1.getByText('Wat neem jij mee uit deze les?')).toBeVisible();
	});

	await test.step('Closing, and the export with the lesson’s results next to the rules', async () => {
		await console_.locator('summary', { hasText: 'Sessie afsluiten' }).click();
		await console_.getByRole('button', { name: 'Sessie afsluiten' }).click();
		await expect(s1.getByRole('heading', { name: /De sessie is afgelopen/ })).toBeVisible();
		await s3.reload();
		await expect(s3.getByText('We vragen toestemming voordat we iemand filmen')).toBeVisible();
		const [download] = await Promise.all([
			console_.waitForEvent('download'),
			console_.getByRole('link', { name: 'JSON (volledig verslag)' }).click()
		]);
		const record = JSON.parse(await readFile((await download.path())!, 'utf8'));
		expect(record.rules.map((rule: { text: string }) => rule.text)).toEqual(['We vragen toestemming voordat we iemand filmen']);
		expect(record.activities.find((a: { kind: string }) => a.kind === 'statement').responses).toEqual([
			{ answer: 'eens', count: 2 },
			{ answer: 'oneens', count: 1 },
			{ answer: 'weet niet', count: 0 }
		]);
		expect(record.activities.find((a: { kind: string }) => a.kind === 'scenario').responses[1]).toMatchObject({ count: 1 });
		expect(record.activities.find((a: { kind: string }) => a.kind === 'question').answers).toEqual(['Dat ik eerst vraag of het mag']);
		expect(JSON.stringify(record)).not.toMatch(/"device/);
		const [markdown] = await Promise.all([console_.waitForEvent('download'), console_.getByRole('link', { name: 'Markdown' }).click()]);
		expect(await readFile((await markdown.path())!, 'utf8')).toContain('## Resultaten van de les');
	});
});

test('the English version runs live from the first to the last step', async ({ browser }) => {
	test.setTimeout(120_000);
	const hostContext = await browser.newContext();
	const console_ = await hostContext.newPage();
	await console_.goto('/en/lessons/klasafspraken');
	await console_.getByRole('button', { name: 'Start a live session' }).click();
	await console_.waitForURL(/\/en\/host\/[A-Z0-9]{6}$/);
	const code = console_.url().split('/').pop()!;
	await expectLive(console_, 'en');
	const student = await joinByCode(await studentContext(browser), code, '/en');
	const steps = [
		'Step 1: Welcome and ground rules',
		'Step 2: Why agreements? · Statement',
		'Step 3: A situation · Situation',
		'Step 4: Making proposals · Proposals',
		'Step 5: Voting · Vote',
		'Step 6: Recording our agreements',
		'Step 7: Closing · Question'
	];
	for (const step of steps) await next(console_, step);
	await expect(console_.getByRole('button', { name: 'Next →' })).toBeDisabled();
	await expect(student.getByText('What do you take away from this lesson?')).toBeVisible();
	await student.getByRole('textbox', { name: 'Your answer' }).fill('Ask first');
	await student.getByRole('button', { name: 'Send' }).click();
	await expect(card(console_, 'Ask first')).toBeVisible();
	await expectNoAxeViolations(student);
	await expectNoAxeViolations(console_);
});

test('the home page says which modules can run live', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('article', { name: 'Onze klasafspraken' })).toContainText('Live');
	await expect(page.getByRole('article', { name: 'Stappenplan voor de school' })).toContainText('zonder live modus');
	await page.goto('/lessons/stappenplan-school');
	await expect(page.getByRole('button', { name: 'Live sessie starten' })).toHaveCount(0);
});
