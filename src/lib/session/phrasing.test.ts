import { describe, expect, it } from 'vitest';
import { phrasingHint } from './phrasing';

describe('phrasingHint', () => {
	it.each([
		'Niet filmen zonder toestemming',
		'We sturen nooit foto’s door',
		'Filmen in de kleedkamer is verboden',
		'Geen foto’s in de groepsapp',
		'Filmen mag niet.',
		'We delen niets zonder te vragen'
	])('gives a Dutch hint for the Dutch prohibition "%s"', (text) => {
		const hint = phrasingHint(text, 'nl');
		expect(hint).toContain('wij-vorm');
		expect(hint).toContain('"We vragen toestemming voordat we iemand filmen."');
	});

	it.each([
		"Don't film people without asking",
		'Do not share photos',
		'Never post screenshots of the group chat',
		'Filming in the changing room is forbidden',
		'Photos are not allowed',
		'No filming in the changing room',
		'Be kind. No screenshots.',
		'We don’t forward anything'
	])('gives an English hint for the English prohibition "%s"', (text) => {
		const hint = phrasingHint(text, 'en');
		expect(hint).toContain('"we" form');
		expect(hint).toContain('"We ask for consent before we film someone."');
	});

	it('answers in the language asked for', () => {
		expect(phrasingHint('Never film without asking', 'nl')).toMatch(/^Tip: schrijf/);
		expect(phrasingHint('Niet filmen', 'en')).toMatch(/^Tip: write/);
	});

	it.each([
		'We vragen toestemming voordat we iemand filmen',
		'We ask for consent before we film someone',
		'The rope was knotted, so tie a new knot',
		'Hij kniet neer bij de boom',
		'Notes and nothingness: we know what we want',
		'Knotting, notebooks and notaries',
		'Geenszins? Nooitgedacht is een winkel',
		'I know: we ask first',
		'Is it OK? No, we ask first'
	])('gives no hint for "%s"', (text) => {
		expect(phrasingHint(text, 'nl')).toBeNull();
		expect(phrasingHint(text, 'en')).toBeNull();
	});
});
