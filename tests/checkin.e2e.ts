import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { agreeAndSave, RULES } from './charter';
import { card, expectLive, joinByCode, studentContext, voteRow } from './live';

const CHANGED = 'Wij sturen geen foto’s door zonder toestemming.';
const ADDED = 'Wij helpen elkaar als er iets misgaat met een foto.';
const CHOICE = { good: 'Gaat goed', better: 'Kan beter', change: 'Moet anders' } as const;

/** The rating form of a rule on a phone: the rule, its three choices and, once revealed, its counts. */
function ruleRow(page: Page, text: string) {
	return page.locator('form.respond').filter({ has: page.getByText(text, { exact: true }) });
}

/** The console's jump list names every slide by its step and kind: a slide is found by its kind, not its number. */
async function jumpTo(console_: Page, kind: string) {
	const select = console_.getByLabel('Ga naar');
	const labels = await select.locator('option').allTextContents();
	const label = labels.find((text) => text.includes(kind));
	expect(label, `a slide of kind ${kind} in ${labels.join(' | ')}`).toBeTruthy();
	await select.selectOption({ label: label! });
	await console_.getByRole('button', { name: 'Ga', exact: true }).click();
	await expect(console_.locator('.where')).toHaveText(label!);
}

test('a check-in weeks later: phones rate the rules, the class changes one, drops one, adds one, and version 2 is saved', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(240_000);
	const saved = await agreeAndSave(browser, baseURL!);
	const mentor = saved.page;
	await saved.room.close();

	const console_ = await test.step('The mentor starts a check-in from the charter: module 09 with the charter’s rules', async () => {
		await mentor.getByRole('button', { name: 'Check-in starten' }).click();
		await mentor.waitForURL(/\/host\/[A-Z0-9]{6}$/);
		await expectLive(mentor);
		await expect(mentor.getByRole('heading', { level: 1 })).toContainText('Terugblik op onze afspraken');
		await expect(mentor.getByRole('heading', { name: 'Check-in op versie 1' })).toBeVisible();
		const rules = mentor.getByRole('list', { name: /Afspraken van de klas/ }).getByRole('listitem');
		await expect(rules).toHaveCount(3);
		return mentor;
	});
	const code = new URL(console_.url()).pathname.split('/').pop()!;

	const projector = await test.step('A projector window with the mentor’s cookie', async () => {
		const context = await browser.newContext({ storageState: await saved.context.storageState(), viewport: { width: 1920, height: 1080 } });
		const projector = await context.newPage();
		await projector.goto(`/host/${code}/projector`);
		await expectLive(projector);
		return projector;
	});

	const { s1, s2, s3 } = await test.step('Three phones join, one without JavaScript', async () => {
		const s1 = await joinByCode(await studentContext(browser), code);
		const s2 = await joinByCode(await studentContext(browser), code);
		const s3 = await joinByCode(await studentContext(browser, false), code);
		for (const phone of [s1, s2]) await expectLive(phone);
		await expect(console_.getByText('3 deelnemers')).toBeVisible();
		return { s1, s2, s3 };
	});

	await test.step('On the check-in slide every phone rates each rule; a rating can be changed', async () => {
		await jumpTo(console_, 'Check-in');
		for (const phone of [s1, s2]) await expect(phone.getByRole('heading', { name: 'Hoe gaat het met onze afspraken?' })).toBeVisible();
		await s3.reload();
		await expect(s3.getByRole('heading', { name: 'Hoe gaat het met onze afspraken?' })).toBeVisible();
		const ratings: Array<[Page, string[]]> = [
			[s1, ['good', 'change', 'good']],
			[s2, ['good', 'change', 'better']],
			[s3, ['better', 'change', 'better']]
		];
		for (const [phone, choices] of ratings) {
			for (const [index, choice] of choices.entries()) {
				const row = ruleRow(phone, RULES[index]!);
				await row.getByRole('button', { name: CHOICE[choice as keyof typeof CHOICE] }).click();
				await expect(ruleRow(phone, RULES[index]!).getByRole('button', { name: CHOICE[choice as keyof typeof CHOICE] })).toHaveAttribute(
					'aria-pressed',
					'true'
				);
			}
		}
		// s1 changes its mind on the third rule: one answer per device, the last one counts.
		await ruleRow(s1, RULES[2]!).getByRole('button', { name: CHOICE.better }).click();
		await expect(ruleRow(s1, RULES[2]!).getByRole('button', { name: CHOICE.better })).toHaveAttribute('aria-pressed', 'true');
		await expect(ruleRow(s1, RULES[2]!).getByRole('button', { name: CHOICE.good })).toHaveAttribute('aria-pressed', 'false');
		// The same markup with and without JavaScript (axe itself needs JavaScript to run).
		await expectNoAxeViolations(s1);
		await expect(s3.locator('form.respond')).toHaveCount(3);

		// The console counts live; phones and the projector see nothing until the mentor reveals.
		const ratingsOf = (text: string) => console_.getByRole('listitem', { name: `Keuzes voor: ${text}` });
		await expect(ratingsOf(RULES[0]!)).toContainText('Gaat goed: 2');
		await expect(ratingsOf(RULES[0]!)).toContainText('Kan beter: 1');
		await expect(ratingsOf(RULES[1]!)).toContainText('Moet anders: 3');
		await expect(ratingsOf(RULES[2]!)).toContainText('Kan beter: 3');
		await expect(console_.getByText('3 van 3 hebben gekozen')).toBeVisible();
		await expect(projector.getByText(RULES[1]!)).toBeVisible();
		await expect(projector.locator('.bars')).toHaveCount(0);
		await expect(s2.getByText('Moet anders: 3')).toHaveCount(0);
		await console_.getByRole('button', { name: 'Uitslag tonen aan de klas' }).click();
		const projectorRow = projector.getByRole('listitem').filter({ has: projector.getByText(RULES[1]!, { exact: true }) });
		await expect(projectorRow.locator('.bars li').filter({ hasText: 'Moet anders' })).toContainText('3');
		await expect(ruleRow(s2, RULES[1]!)).toContainText('Moet anders: 3');
		await expectNoAxeViolations(projector);
		await expectNoAxeViolations(console_);
	});

	await test.step('The mentor rewords the third rule and drops the second', async () => {
		const rules = console_.getByRole('list', { name: /Afspraken van de klas/ });
		await console_.locator('summary', { hasText: /Bewerken\s*: Afspraak 3/ }).click();
		const edit = console_.getByRole('textbox', { name: 'Afspraak 3', exact: true });
		await edit.fill(CHANGED);
		await console_.locator('form', { has: edit }).getByRole('button', { name: 'Opslaan' }).click();
		await expect(rules.getByRole('listitem').nth(2)).toContainText(CHANGED);
		await console_.getByRole('button', { name: 'Weghalen: Afspraak 2' }).click();
		await expect(rules.getByRole('listitem')).toHaveCount(2);
		await expect(console_.getByText('1 blijven')).toBeVisible();
		await expect(console_.getByText('1 veranderd')).toBeVisible();
		await expect(console_.getByText('1 geschrapt')).toBeVisible();
	});

	await test.step('A new rule goes through proposals, moderation and the vote', async () => {
		await jumpTo(console_, 'Voorstellen');
		await s3.reload();
		await s3.getByRole('textbox', { name: 'Jouw voorstel voor een klasafspraak' }).fill(ADDED);
		await s3.getByRole('button', { name: 'Versturen' }).click();
		await expect(s3.getByText('Verstuurd.', { exact: false })).toBeVisible();
		await card(console_, ADDED).getByRole('button', { name: 'Goedkeuren' }).click();
		await expect(card(console_, ADDED).getByRole('button', { name: 'Goedkeuren' })).toHaveCount(0);
		await jumpTo(console_, 'Stemmen');
		for (const phone of [s1, s2]) {
			await voteRow(phone, ADDED).getByRole('button', { name: 'Eens', exact: true }).click();
			await expect(voteRow(phone, ADDED).getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute('aria-pressed', 'true');
		}
		await s3.reload();
		await voteRow(s3, ADDED).getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(voteRow(s3, ADDED).getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute('aria-pressed', 'true');
		await expect(card(console_, ADDED)).toContainText('3 eens, 0 oneens, 0 overgeslagen');
		await card(console_, ADDED).getByRole('checkbox', { name: 'Kies voor een afspraak' }).check();
		await expect(console_.getByRole('textbox', { name: 'Tekst van de afspraak' })).toHaveValue(ADDED);
		await console_.getByRole('button', { name: 'Vastleggen' }).click();
		await expect(console_.getByRole('list', { name: /Afspraken van de klas/ }).getByRole('listitem')).toHaveCount(3);
		await expect(console_.getByText('1 nieuw')).toBeVisible();
	});

	await test.step('Saving makes version 2, closes the session, and shows what changed', async () => {
		await console_.getByRole('button', { name: 'Bewaren als versie 2 en sessie afsluiten' }).click();
		await console_.waitForURL(new RegExp(`/charter/${saved.id}\\?saved=2$`));
		await expect(console_.getByRole('heading', { name: /Versie 2 · Huidige versie/ })).toBeVisible();
		const diff = console_.getByRole('region', { name: 'Wat veranderde van versie 1 naar 2' });
		await expect(diff.locator('.changed li')).toHaveText([`${RULES[2]} → ${CHANGED}`]);
		await expect(diff.locator('.added li')).toHaveText([ADDED]);
		await expect(diff.locator('.dropped li')).toHaveText([RULES[1]!]);
		await expect(diff.locator('.kept li')).toHaveText([RULES[0]!]);
		await expectNoAxeViolations(console_);
		// The phones see the session closed, with the new rules.
		await expect(s1.getByRole('heading', { name: /De sessie is afgelopen/ })).toBeVisible();
		await expect(s1.getByText(ADDED)).toBeVisible();
	});

	await test.step('The diff export holds exactly those changes, in every format', async () => {
		const json = await console_.request.get(`/api/charters/${saved.id}/export/json?from=1&to=2`);
		expect(json.status()).toBe(200);
		expect(await json.json()).toEqual({
			format: 'klasakkoord.charter-diff/1',
			className: '3B',
			schoolYear: expect.stringMatching(/^\d{4}-\d{4}$/) as unknown as string,
			lang: 'nl',
			from: 1,
			to: 2,
			kept: [RULES[0]],
			changed: [{ from: RULES[2], to: CHANGED }],
			added: [ADDED],
			dropped: [RULES[1]]
		});
		const csv = await (await console_.request.get(`/api/charters/${saved.id}/export/csv-nl?from=1&to=2`)).text();
		expect(
			csv
				.replace(/^\uFEFF/, '')
				.trimEnd()
				.split('\r\n')
		).toEqual([
			'"wijziging";"oude tekst";"nieuwe tekst"',
			`"Veranderd";"${RULES[2]}";"${CHANGED}"`,
			`"Nieuw";"";"${ADDED}"`,
			`"Geschrapt";"${RULES[1]}";""`,
			`"Gebleven";"${RULES[0]}";"${RULES[0]}"`
		]);
		const md = await (await console_.request.get(`/api/charters/${saved.id}/export/md?from=1&to=2`)).text();
		expect(md).toContain(`### Veranderd\n\n- ${RULES[2]} → ${CHANGED}\n`);
		const v2 = (await (await console_.request.get(`/api/charters/${saved.id}/export/json?v=2`)).json()) as {
			rules: Array<{ text: string }>;
		};
		expect(v2.rules.map((rule) => rule.text)).toEqual([RULES[0], CHANGED, ADDED]);
	});

	await test.step('The class’s link shows version 2, and version 1 stays readable', async () => {
		const readLink = (await console_.getByRole('region', { name: 'Link voor de klas' }).getByRole('link').getAttribute('href'))!;
		const classPage = await (await studentContext(browser)).newPage();
		await classPage.goto(readLink);
		await expect(classPage.getByRole('heading', { name: /Versie 2/ })).toBeVisible();
		await expect(classPage.getByText(ADDED)).toBeVisible();
		await expect(classPage.getByText(RULES[1]!)).toHaveCount(0);
		await classPage.getByRole('link', { name: 'Versie 1' }).click();
		await expect(classPage.getByRole('heading', { name: /Versie 1 · Eerdere versie/ })).toBeVisible();
		await expect(classPage.getByText(RULES[1]!)).toBeVisible();
		await expectNoAxeViolations(classPage);
		await console_.goto(`/charter/${saved.id}/poster?v=2`);
		await expect(console_.locator('.poster').first()).toContainText(ADDED);
		await expectNoAxeViolations(console_);
	});

	await saved.context.close();
});
