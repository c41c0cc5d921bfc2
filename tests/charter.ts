import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { classroom, type Classroom } from './class';
import { expectLive } from './live';

/** Three rules a class agrees in a first round, in order. */
export const RULES = [
	'Wij vragen eerst toestemming voordat we iemand filmen.',
	'Wij filmen geen docenten in de les.',
	'Wij sturen geen foto’s door zonder te vragen.'
];

export interface SavedCharter {
	context: BrowserContext;
	page: Page;
	id: string;
	code: string;
	room: Classroom;
}

/**
 * A class agrees `RULES` in a round through the JSON API (three phones propose, all vote, the mentor
 * adopts), then the mentor keeps them as the class charter from the console in a browser: what the
 * charter and check-in tests start from.
 */
export async function agreeAndSave(browser: Browser, baseURL: string, className = '3B'): Promise<SavedCharter> {
	const { room, context, page } = await agree(browser, baseURL);
	await page.getByRole('textbox', { name: 'Naam van de klas' }).fill(className);
	await expect(page.getByRole('textbox', { name: 'Schooljaar' })).toHaveValue(/^\d{4}-\d{4}$/);
	await page.getByRole('button', { name: 'Bewaren als klasafspraken' }).click();
	await page.waitForURL(/\/charter\/[A-Za-z0-9_-]{16}\?saved=1$/);
	await expect(page.getByRole('status').filter({ hasText: 'Bewaard als versie 1 van de klasafspraken.' })).toBeVisible();
	const id = new URL(page.url()).pathname.split('/').pop()!;
	return { context, page, id, code: room.code, room };
}

/** A class agrees `RULES`; the mentor's browser is on the console, the charter not saved yet. */
export async function agree(browser: Browser, baseURL: string): Promise<{ room: Classroom; context: BrowserContext; page: Page }> {
	const room = await classroom(baseURL, { theme: 'Foto’s en filmpjes' }, 3);
	for (const [index, text] of RULES.entries()) {
		const sent = await room.phones[index]!.post(`/api/sessions/${room.code}/proposals`, { data: { text } });
		expect(sent.ok(), await sent.text()).toBe(true);
		await room.host({ type: 'approve', id: `p${index + 1}` });
	}
	await room.host({ type: 'phase', phase: 'vote' });
	for (const phone of room.phones) {
		for (const id of ['p1', 'p2', 'p3'])
			expect((await phone.post(`/api/sessions/${room.code}/votes`, { data: { proposal: id, choice: 'agree' } })).ok()).toBe(true);
	}
	for (const [index, text] of RULES.entries()) await room.host({ type: 'adopt', text, from: [`p${index + 1}`] });

	const context = await browser.newContext({ baseURL });
	await context.addCookies([{ name: `kk_host_${room.code}`, value: room.hostKey, url: baseURL }]);
	const page = await context.newPage();
	await page.goto(`/host/${room.code}`);
	// Typing before the page is live would be undone when it hydrates.
	await expectLive(page);
	return { room, context, page };
}
