import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A whole class in a live session, through the JSON API: a mentor with a host key and thirty phones,
 * each with its own cookie jar. For tests that need a real classroom's worth of input.
 */
export interface Classroom {
	code: string;
	hostKey: string;
	phones: APIRequestContext[];
	host(command: Record<string, unknown>): Promise<void>;
	close(): Promise<void>;
}

export async function classroom(
	baseURL: string,
	body: { module?: string; theme?: string; lang?: 'nl' | 'en' },
	size = 30
): Promise<Classroom> {
	const mentor = await playwrightRequest.newContext({ baseURL });
	const created = await mentor.post('/api/sessions', { data: body });
	expect(created.status()).toBe(201);
	const { code, hostKey } = (await created.json()) as { code: string; hostKey: string };
	const phones: APIRequestContext[] = [];
	for (let i = 0; i < size; i++) {
		const phone = await playwrightRequest.newContext({ baseURL });
		expect((await phone.post(`/api/sessions/${code}/join`)).ok()).toBe(true);
		phones.push(phone);
	}
	return {
		code,
		hostKey,
		phones,
		async host(command) {
			const answer = await mentor.post(`/api/sessions/${code}/host`, { data: command, headers: { authorization: `Bearer ${hostKey}` } });
			expect(answer.ok(), `${JSON.stringify(command)}: ${await answer.text()}`).toBe(true);
		},
		async close() {
			await Promise.all([mentor, ...phones].map((context) => context.dispose()));
		}
	};
}

/** What students of a class write: long enough to wrap, as real answers do. */
export const ANSWERS = [
	'Dat je eerst vraagt of iemand het goed vindt voordat je een foto deelt, ook in een groepsapp.',
	'Ik neem mee dat je een filmpje van een docent niet zomaar online zet.',
	'Als je iets ziet, stuur het niet door maar zeg er iets van of meld het.',
	'Dat het nooit de schuld is van degene op de foto.',
	'Je kunt naar je mentor of naar Helpwanted als er iets misgaat.',
	'Dat afspraken ook gelden in de app en niet alleen in de klas.',
	'Eerst vragen, dan pas posten. En verwijderen als iemand dat vraagt.',
	'Ik wist niet dat je beelden offline kunt laten halen.',
	'Dat we elkaar helpen als iemand wordt uitgelachen om een foto.',
	'Screenshots van chats zijn ook beelden van iemand.',
	'Samen afspraken maken werkt beter dan regels van school.',
	'Dat je tegen een vriend kan zeggen: stop, dit is niet oké.'
];

export const PROPOSALS = [
	'Wij vragen eerst toestemming voordat we iemand filmen.',
	'Wij sturen geen foto’s van klasgenoten door zonder dat ze het weten.',
	'Wij verwijderen een foto als iemand dat vraagt, meteen.',
	'Wij filmen geen docenten in de les.',
	'Wij zeggen er iets van als iemand wordt uitgelachen om een foto.',
	'Wij melden het bij de mentor als er beelden rondgaan.',
	'Wij zetten niemand in een groepsapp zonder te vragen.',
	'Wij maken geen screenshots van privéchats om door te sturen.',
	'Wij posten geen foto’s uit de kleedkamer, nooit.',
	'Wij helpen elkaar als er iets misgaat, zonder te oordelen.',
	'Wij vragen het ook aan iemand die niet in onze vriendengroep zit.',
	'Wij gebruiken geen foto’s van anderen voor grappen of memes.',
	'Wij kijken samen na een paar weken of de afspraken werken.',
	'Wij houden het in de klas als iemand iets persoonlijks vertelt.',
	'Wij taggen niemand zonder te vragen.',
	'Wij laten iemand weten dat hij niet alleen is.'
];

/** The student modules (audience students) in the lessons folder, by id. */
export function studentModules(lessonsDir = 'lessons'): string[] {
	return readdirSync(lessonsDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => readFileSync(join(lessonsDir, entry.name, 'nl.md'), 'utf8'))
		.filter((text) => /^audience:\s*students\s*$/m.test(text))
		.map((text) => /^id:\s*(\S+)\s*$/m.exec(text)![1]!);
}
