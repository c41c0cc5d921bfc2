import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

const MODULES = [
	{ id: 'online-samen', nl: 'Online, samen', en: 'Online, together' },
	{ id: 'beelden-delen', nl: 'Beelden delen', en: 'Sharing images' },
	{ id: 'opnemen-in-de-klas', nl: 'Opnemen in de klas', en: 'Recording in class' },
	{ id: 'als-het-misgaat', nl: 'Als het toch misgaat', en: 'When it goes wrong anyway' },
	{ id: 'klasafspraken', nl: 'Onze klasafspraken', en: 'Our class agreements' },
	{ id: 'druk-en-verzoeken', nl: 'Vragen, druk en nee zeggen', en: 'Pressure and requests' },
	{ id: 'terugblik', nl: 'Terugblik op onze afspraken', en: 'Looking back at our agreements' },
	{ id: 'ouders', nl: 'Voor ouders', en: 'For parents' },
	{ id: 'stappenplan-school', nl: 'Stappenplan voor de school', en: "The school's step plan" }
];

test('the home page shows all nine modules in order: students, then parents, the staff module last, each marked', async ({ page }) => {
	await page.goto('/');
	const titles = await page.getByRole('article').getByRole('heading', { level: 3 }).allTextContents();
	expect(titles.map((title) => title.trim())).toEqual(MODULES.map((module) => module.nl));
	await expect(page.getByRole('article', { name: 'Stappenplan voor de school' })).toContainText('Voor het schoolteam');
	const parents = page.getByRole('article', { name: 'Voor ouders' });
	await expect(parents).toContainText('Voor ouders, om te lezen en voor een ouderavond: zonder live modus.');
	await expect(parents).not.toContainText('Live');
	await expect(page.getByRole('article', { name: 'Vragen, druk en nee zeggen' })).toContainText('Voor leerlingen');
	await page.goto('/en');
	await expect(page.getByRole('article', { name: "The school's step plan" })).toContainText('For the school team');
	await expect(page.getByRole('article', { name: 'For parents' })).toContainText('For parents, to read');
	await expectNoAxeViolations(page);
});

test('the parents module has no live session, prints as a guide and shows the students’ help card', async ({ page }) => {
	await page.goto('/lessons/ouders', { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Voor ouders');
	await expect(page.getByRole('button', { name: 'Live sessie starten' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Presenteren' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: /De brief aan ouders/ })).toContainText('Optionele stap');
	await expect(page.locator('.toc')).toContainText('(3 min, optioneel)');
	const card = page.getByRole('region', { name: 'Hulpkaart' });
	await expect(card).toContainText('Praat met iemand die je vertrouwt');
	await expect(card).toContainText('0800 0432');
	await expectNoAxeViolations(page);
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.getByText('Beste ouder of verzorger,')).toBeVisible();
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
});

for (const module of MODULES) {
	for (const lang of ['nl', 'en'] as const) {
		test(`${module.id} (${lang}) renders on the lesson page and in the presenter view`, async ({ page }) => {
			const prefix = lang === 'en' ? '/en' : '';
			await page.goto(`${prefix}/lessons/${module.id}`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(module[lang]);
			const steps = page.locator('section.step');
			expect(await steps.count()).toBeGreaterThanOrEqual(6);
			await expect(page.getByRole('note').first()).toBeVisible();

			const secondStep = (await page.locator('.toc li a').nth(1).textContent())?.trim() ?? '';
			expect(secondStep).not.toBe('');

			await page.goto(`${prefix}/lessons/${module.id}/present?step=2`);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(secondStep);
			await expect(page.getByRole('note')).toHaveCount(0);
		});
	}
}

test('the staff module prints as a checklist: boxes to tick, no notes or activities', async ({ page }) => {
	// The print dialog itself is the browser's; the test stands in for it and prints to PDF instead.
	await page.addInitScript(() => {
		window.print = () => {};
	});
	await page.goto('/lessons/stappenplan-school', { waitUntil: 'networkidle' });
	await expectNoAxeViolations(page);
	// The help card speaks to staff here, above the same numbers students get.
	const card = page.getByRole('region', { name: 'Hulpkaart' });
	await expect(card).toContainText('Hulp voor de leerling en voor de school.');
	await expect(card).toContainText('0800 0432');
	await expect(card).not.toContainText('Praat met iemand die je vertrouwt');
	await page.getByRole('button', { name: 'Checklist afdrukken' }).click();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('note').first()).toBeHidden();
	await expect(page.locator('.activity').first()).toBeHidden();
	const boxes = page.locator('.task-box');
	expect(await boxes.count()).toBeGreaterThan(15);
	await expect(boxes.first()).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: /Stap 1/ })).toBeVisible();
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 4).toString()).toBe('%PDF');

	await page.emulateMedia({ media: 'screen' });
	await page.getByRole('button', { name: 'Handleiding afdrukken' }).click();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('note').first()).toBeVisible();
});
