import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { expectNoAxeViolations } from './axe';
import {
	card,
	expectLive,
	joinByCode,
	propose,
	recordRequests,
	recordStudentStream,
	startBareSession,
	studentContext,
	voteRow
} from './live';

const P = {
	consent: 'Wij vragen toestemming voordat we iemand filmen',
	duplicate: 'We vragen eerst toestemming voor we filmen',
	forward: 'Wij sturen niets door zonder toestemming',
	hidden: 'We filmen Sanne uit 2B, die sukkel',
	typo: 'wij stuuren geen screenshots door',
	fixed: 'Wij sturen geen screenshots door'
};

test('a full round: join, propose, moderate, vote, reveal, adopt, close and export', async ({ browser, baseURL }) => {
	test.setTimeout(180_000);
	// No egress: every request of every page in this round goes to the app's own origin.
	const requests: string[] = [];
	const host = await startBareSession(browser, 'nl', "Foto's en filmpjes", requests);
	const console_ = host.page;
	await expectNoAxeViolations(console_);

	const projector = await test.step('The projector is a second window with the mentor’s cookie, as on a classroom PC', async () => {
		const projectorContext = recordRequests(
			await browser.newContext({ storageState: await host.context.storageState(), viewport: { width: 1280, height: 800 } }),
			requests
		);
		const projector = await projectorContext.newPage();
		await projector.goto(`/host/${host.code}/projector`);
		await expectLive(projector);
		await expect(projector.getByText(host.code).first()).toBeVisible();
		await expect(projector.getByRole('img', { name: /QR-code/ })).toBeVisible();
		await expectNoAxeViolations(projector);
		return projector;
	});

	const { s1, s2, s3, s1Stream } =
		await test.step('Three students join: by typed code, by the join link, and one without JavaScript', async () => {
			const s1 = await joinByCode(await studentContext(browser, true, requests), host.code);
			await expectLive(s1);
			const s2Context = await studentContext(browser, true, requests);
			const s2 = await s2Context.newPage();
			await s2.goto(`/s/${host.code}`);
			await s2.getByRole('button', { name: 'Doe mee' }).click();
			await expect(s2.getByRole('textbox', { name: 'Jouw voorstel voor een klasafspraak' })).toBeVisible();
			const s3 = await joinByCode(await studentContext(browser, false, requests), host.code);
			await expect(console_.getByText('3 deelnemers')).toBeVisible();
			await expectNoAxeViolations(s1);
			const s1Stream = await recordStudentStream(s1, host.code);
			return { s1, s2, s3, s1Stream };
		});

	await test.step('Proposals, with the counter and a refusal for empty text', async () => {
		await s1.getByRole('textbox', { name: 'Jouw voorstel voor een klasafspraak' }).fill('Wij');
		await expect(s1.getByText('3 van 280 tekens')).toBeVisible();
		await propose(s1, P.consent);
		await propose(s2, P.duplicate);
		await propose(s3, P.forward);
		await propose(s2, P.hidden);
		await propose(s2, P.typo);
		await expect(s3.getByText('wacht op je mentor')).toBeVisible();
		await s3.getByRole('textbox', { name: 'Jouw voorstel voor een klasafspraak' }).fill('   ');
		await s3.getByRole('textbox', { name: 'Jouw voorstel voor een klasafspraak' }).evaluate((el) => el.removeAttribute('required'));
		await s3.getByRole('button', { name: 'Versturen' }).click();
		await expect(s3.getByText('Schrijf eerst iets.')).toBeVisible();
	});

	await test.step('Moderation: everything waits for approval; flags show the reason', async () => {
		await expect(console_.getByRole('heading', { name: /Wacht op goedkeuring \(5\)/ })).toBeVisible();
		await expect(console_.getByText('5 voorstellen wachten op goedkeuring')).toHaveCount(1);
		await expect(card(console_, P.hidden)).toContainText('lijkt iemand te noemen');
		await expect(card(console_, P.hidden)).toContainText('bevat een scheldwoord');
		await expect(s1.getByText(P.forward)).toHaveCount(0);
		await card(console_, P.hidden).getByRole('button', { name: 'Verbergen' }).click();
		for (const text of [P.consent, P.duplicate, P.forward, P.typo]) {
			await card(console_, text).getByRole('button', { name: 'Goedkeuren' }).click();
			await expect(card(console_, text).getByRole('button', { name: 'Goedkeuren' })).toHaveCount(0);
		}
		const typoCard = card(console_, P.typo);
		await typoCard.locator('summary', { hasText: 'Bewerken' }).click();
		await typoCard.getByRole('textbox', { name: 'Tekst van het voorstel' }).fill(P.fixed);
		await typoCard.getByRole('button', { name: 'Opslaan' }).click();
		await expect(card(console_, P.fixed)).toContainText(`Oorspronkelijk: “${P.typo}”`);
		// The near-duplicate is suggested for merging into the first proposal.
		await card(console_, P.duplicate).getByRole('button', { name: 'Samenvoegen met 1' }).click();
		await expect(console_.getByRole('heading', { name: /Op het bord \(3\)/ })).toBeVisible();
		await expect(console_.getByText('Samengevoegd (1)')).toBeVisible();

		await console_.getByRole('button', { name: 'Voorstellen', exact: true }).click();
		// The proposals view is headed by the session's theme when it has one (the join view by its title).
		await expect(projector.getByRole('heading', { name: "Foto's en filmpjes", level: 1 })).toBeVisible();
		await expect(projector.getByText(P.fixed)).toBeVisible();
		await expect(projector.getByText(P.hidden)).toHaveCount(0);
		await expect(projector.getByText(P.duplicate)).toHaveCount(0);
	});

	await test.step('Voting: open, vote (and change a vote), tallies hidden from the room until the reveal', async () => {
		await console_.getByRole('button', { name: 'Stemmen', exact: true }).click();
		await expect(s1.getByRole('heading', { name: 'Stem op de voorstellen' })).toBeVisible();
		await voteRow(s1, P.consent).getByRole('button', { name: 'Oneens' }).click();
		await expect(voteRow(s1, P.consent).getByRole('button', { name: 'Oneens' })).toHaveAttribute('aria-pressed', 'true');
		await voteRow(s1, P.consent).getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(voteRow(s1, P.consent).getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute('aria-pressed', 'true');
		await voteRow(s1, P.forward).getByRole('button', { name: 'Eens', exact: true }).click();
		await voteRow(s1, P.fixed).getByRole('button', { name: 'Sla over' }).click();
		await voteRow(s2, P.consent).getByRole('button', { name: 'Eens', exact: true }).click();
		await voteRow(s2, P.forward).getByRole('button', { name: 'Oneens' }).click();
		await expect(voteRow(s2, P.forward).getByRole('button', { name: 'Oneens' })).toHaveAttribute('aria-pressed', 'true');
		await s3.reload();
		await voteRow(s3, P.consent).getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(voteRow(s3, P.consent).getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute('aria-pressed', 'true');
		await voteRow(s3, P.forward).getByRole('button', { name: 'Eens', exact: true }).click();
		await expect(voteRow(s3, P.forward).getByRole('button', { name: 'Eens', exact: true })).toHaveAttribute('aria-pressed', 'true');

		await expect(card(console_, P.consent)).toContainText('3 eens, 0 oneens, 0 overgeslagen');
		await expect(card(console_, P.consent)).toContainText('Breed gedragen');
		await expect(card(console_, P.forward)).toContainText('2 eens, 1 oneens, 0 overgeslagen');
		// The projector shows a proposal's tally as one bar with its counts, inside the proposal's item.
		const projectorRow = (text: string) => projector.getByRole('listitem').filter({ has: projector.getByText(text, { exact: true }) });
		await console_.getByRole('button', { name: 'Uitslag', exact: true }).click();
		await expect(projector.getByText('De uitslag komt zo.')).toBeVisible();
		await expect(projectorRow(P.consent)).toBeVisible();
		await expect(projectorRow(P.consent).locator('.tally')).toHaveCount(0);
		await expect(projector.getByText(/\d+ eens/)).toHaveCount(0);
		await expect(s1.getByText(/\d+ eens/)).toHaveCount(0);

		await console_.getByRole('button', { name: 'Uitslag tonen aan de klas' }).click();
		await expect(projectorRow(P.consent).locator('.tally')).toContainText('3 eens, 0 oneens, 0 overgeslagen');
		await expect(projectorRow(P.forward).locator('.tally')).toContainText('2 eens, 1 oneens, 0 overgeslagen');
		await expect(projectorRow(P.consent)).toContainText('Breed gedragen');
		await console_.getByRole('button', { name: 'Uitkomst bespreken', exact: true }).click();
		await expect(s2.getByRole('heading', { name: 'We bespreken de uitkomst' })).toBeVisible();
		await expect(s2.getByText('3 eens, 0 oneens, 0 overgeslagen')).toBeVisible();
		await expectNoAxeViolations(projector);
	});

	await test.step('Adopting rules: from two proposals, with the phrasing hint for a prohibition, then reworded', async () => {
		await card(console_, P.consent).getByRole('checkbox', { name: 'Kies voor een afspraak' }).check();
		await card(console_, P.forward).getByRole('checkbox', { name: 'Kies voor een afspraak' }).check();
		const ruleBox = console_.getByRole('textbox', { name: 'Tekst van de afspraak' });
		await ruleBox.fill('We filmen niet zonder toestemming');
		await expect(console_.getByText(/Tip: schrijf wat we wél doen/)).toBeVisible();
		await ruleBox.fill('We vragen toestemming voordat we iemand filmen of iets doorsturen');
		await expect(console_.getByText(/Tip: schrijf wat we wél doen/)).toHaveCount(0);
		await console_.getByRole('button', { name: 'Vastleggen' }).click();
		await expect(ruleBox).toHaveValue('');
		await ruleBox.fill('We steunen wie op een foto staat');
		await console_.getByRole('button', { name: 'Vastleggen' }).click();
		const rules = console_.getByRole('list', { name: /Afspraken van de klas/ });
		await expect(rules.getByRole('listitem')).toHaveCount(2);
		await console_.getByRole('button', { name: 'Omhoog: Afspraak 2' }).click();
		await expect(rules.getByRole('listitem').first()).toContainText('We steunen wie op een foto staat');
		await console_.locator('summary', { hasText: /Bewerken\s*: Afspraak 1/ }).click();
		const ruleEdit = console_.getByRole('textbox', { name: 'Afspraak 1', exact: true });
		await ruleEdit.fill('We steunen wie er op een foto staat');
		await console_.locator('form', { has: ruleEdit }).getByRole('button', { name: 'Opslaan' }).click();
		await expect(rules.getByRole('listitem').first()).toContainText('We steunen wie er op een foto staat');
		await expect(s2.getByRole('heading', { name: 'Onze afspraken' })).toBeVisible();
		await expectNoAxeViolations(console_);
	});

	await test.step('Closing stops all input and shows the rules everywhere', async () => {
		await console_.locator('summary', { hasText: 'Sessie afsluiten' }).click();
		await console_.getByRole('button', { name: 'Sessie afsluiten' }).click();
		await expect(console_.getByText('Deze sessie is afgesloten.')).toBeVisible();
		for (const student of [s1, s2]) {
			await expect(student.getByRole('heading', { name: /De sessie is afgelopen/ })).toBeVisible();
			await expect(student.getByText('We steunen wie er op een foto staat')).toBeVisible();
		}
		await s3.reload();
		await expect(s3.getByText('We steunen wie er op een foto staat')).toBeVisible();
		await expect(s3.getByRole('button', { name: 'Versturen' })).toHaveCount(0);
		await expect(projector.getByRole('heading', { name: 'Onze afspraken' })).toBeVisible();
		await expect(projector.getByText('We vragen toestemming voordat we iemand filmen of iets doorsturen')).toBeVisible();
	});

	await test.step('A hidden proposal never reached another student’s page or event stream, and left its author’s', async () => {
		for (const student of [s1, s2, s3]) await expect(student.getByText(P.hidden)).toHaveCount(0);
		const stream = await s1Stream();
		expect(stream).toContain(P.fixed);
		expect(stream).not.toContain(P.hidden);
		expect(stream).not.toMatch(/"flags"|"device"/);
	});

	await test.step('Exports, with their content', async () => {
		const download = async (name: string) => {
			const [file] = await Promise.all([console_.waitForEvent('download'), console_.getByRole('link', { name }).click()]);
			return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
		};
		const today = new Date().toISOString().slice(0, 10);
		const md = await download('Markdown');
		expect(md.name).toBe(`klasakkoord-${today}-${host.code.toLowerCase()}.md`);
		expect(md.text).toContain('1. We steunen wie er op een foto staat');
		expect(md.text).toContain('2. We vragen toestemming voordat we iemand filmen of iets doorsturen');
		expect(md.text).not.toContain(P.hidden);
		const json = await download('JSON (volledig verslag)');
		const record = JSON.parse(json.text);
		expect(record.rules.map((rule: { text: string }) => rule.text)).toEqual([
			'We steunen wie er op een foto staat',
			'We vragen toestemming voordat we iemand filmen of iets doorsturen'
		]);
		expect(record.proposals).toHaveLength(5);
		expect(record.proposals.find((p: { text: string }) => p.text === P.hidden)).toMatchObject({
			status: 'hidden',
			flags: expect.arrayContaining(['insult'])
		});
		expect(record.proposals.find((p: { text: string }) => p.text === P.duplicate)).toMatchObject({ status: 'merged', mergedInto: 'p1' });
		expect(record.proposals.find((p: { text: string }) => p.text === P.fixed)).toMatchObject({ originalText: P.typo });
		expect(record.proposals.find((p: { text: string }) => p.text === P.consent).tally).toEqual({ agree: 3, disagree: 0, pass: 0 });
		expect(json.text).not.toMatch(/"device/);
		const csv = await download('CSV (voorstellen met stemmen)');
		expect(csv.name.endsWith('.csv')).toBe(true);
		expect(csv.text.charCodeAt(0)).toBe(0xfeff);
		expect(csv.text.slice(1).startsWith('"id","tekst",')).toBe(true);
		const records = parse(csv.text, { bom: true, record_delimiter: '\r\n', relax_column_count: true }) as string[][];
		const blank = records.findIndex((record) => record.length === 1 && record[0] === '');
		const [header, ...rows] = records.slice(0, blank);
		expect(header?.slice(0, 2)).toEqual(['id', 'tekst']);
		expect(rows).toHaveLength(5);
		for (const row of rows) expect(row).toHaveLength(11);
		expect(rows.map((row) => [row[0], row[1], row[3], row[4]])).toEqual([
			['p1', P.consent, 'goedgekeurd', ''],
			['p2', P.duplicate, 'samengevoegd', 'p1'],
			['p3', P.forward, 'goedgekeurd', ''],
			['p4', P.hidden, 'verborgen', ''],
			['p5', P.fixed, 'goedgekeurd', '']
		]);
		expect(rows[4]?.[2]).toBe(P.typo);
		expect(rows[0]?.slice(6, 10)).toEqual(['3', '0', '0', 'breed gedragen']);
		// The adopted rules as they ended, the reworded one included, in their own section after a blank record.
		expect(records.slice(blank + 1)).toEqual([
			['Afspraken'],
			['Nummer', 'Tekst', 'Uit voorstellen'],
			['1', 'We steunen wie er op een foto staat', ''],
			['2', 'We vragen toestemming voordat we iemand filmen of iets doorsturen', 'p1 p3']
		]);
	});

	await test.step('The poster prints to a clean A4 and A3 PDF', async () => {
		const poster = await console_.context().newPage();
		await poster.goto(`/host/${host.code}/poster?class=3B&size=A4`);
		await expect(poster.getByRole('heading', { name: 'Onze afspraken' })).toBeVisible();
		await expect(poster.getByText('3B')).toBeVisible();
		await poster.emulateMedia({ media: 'print' });
		await expect(poster.getByRole('button', { name: 'Afdrukken' })).toBeHidden();
		const a4 = await poster.pdf({ preferCSSPageSize: true });
		expect(pageSizes(a4)).toEqual([[595, 842]]);
		await poster.goto(`/host/${host.code}/poster?class=3B&size=A3`);
		const a3 = await poster.pdf({ preferCSSPageSize: true });
		expect(pageSizes(a3)).toEqual([[842, 1191]]);
	});

	await test.step('No egress: every request went to the app’s own origin', async () => {
		expect(requests.length).toBeGreaterThan(100);
		const foreign = requests.filter((url) => new URL(url).origin !== new URL(baseURL!).origin && !url.startsWith('data:'));
		expect(foreign).toEqual([]);
	});
});

/** Page sizes in points from a PDF's MediaBox entries, rounded. */
function pageSizes(pdf: Buffer): number[][] {
	const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
	return boxes.map((box) => [Math.round(Number(box[1])), Math.round(Number(box[2]))]);
}

test('an English round works end to end, and the mentor can continue on another device once', async ({ browser }) => {
	const host = await startBareSession(browser, 'en');
	const student = await joinByCode(await studentContext(browser), host.code, '/en');
	await expect(student.locator('html')).toHaveAttribute('lang', 'en');
	await propose(student, 'We ask before we post a photo', 'en');
	await card(host.page, 'We ask before we post a photo').getByRole('button', { name: 'Approve' }).click();
	await host.page.getByRole('button', { name: 'Voting', exact: true }).click();
	await voteRow(student, 'We ask before we post a photo').getByRole('button', { name: 'Agree', exact: true }).click();
	await expect(host.page.getByText('1 agree, 0 disagree, 0 passed')).toBeVisible();
	await host.page.getByRole('textbox', { name: 'Text of the agreement' }).fill('We never post without asking');
	await expect(host.page.getByText(/Tip: write what we do/)).toBeVisible();
	await expectNoAxeViolations(student);

	await host.page.locator('summary', { hasText: 'Continue on another device' }).click();
	await host.page.getByRole('button', { name: 'Make a recovery link' }).click();
	const link = (await host.page.locator('.link code').textContent())!.trim();
	expect(link).toMatch(new RegExp(`/en/recover/${host.code}/[A-Za-z0-9_-]{43}$`));
	const laptop = await (await browser.newContext()).newPage();
	const denied = await laptop.goto(`/en/host/${host.code}`);
	expect(denied?.status()).toBe(403);
	await laptop.goto(link);
	await laptop.getByRole('button', { name: 'Continue on this device' }).click();
	await expect(laptop.getByRole('heading', { name: 'Our class agreements' })).toBeVisible();
	await expectLive(laptop, 'en');
	const again = await (await browser.newContext()).newPage();
	await again.goto(link);
	await again.getByRole('button', { name: 'Continue on this device' }).click();
	await expect(again.getByText('This recovery link was already used')).toBeVisible();

	await laptop.locator('summary', { hasText: 'Delete session' }).click();
	await laptop.getByRole('button', { name: 'Delete session' }).click();
	await laptop.waitForURL(/\/en\?deleted=1$/);
	const gone = await student.goto(`/en/s/${host.code}`);
	expect(gone?.status()).toBe(404);
	await expect(student.getByText('There is no session with this code.')).toBeVisible();
});

test('joining with an unknown code says so and changes nothing', async ({ page }) => {
	await page.goto('/join');
	await page.getByRole('textbox').fill('ACDEF4');
	await page.getByRole('button', { name: 'Doe mee' }).click();
	await expect(page.getByRole('alert')).toHaveText('Er is geen sessie met deze code. Kijk nog eens op het bord.');
	await expectNoAxeViolations(page);
});
