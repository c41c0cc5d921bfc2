import { describe, expect, it } from 'vitest';
import { similarity, suggestMerges } from './similar';

const FILMING = [
	'niet filmen zonder toestemming',
	'Filmen zonder toestemming mag niet!',
	'we filmen niemand zonder toestemming',
	'Niet zonder toestemming filmen.'
];

describe('similarity', () => {
	it('scores rewordings of one proposal at 0.6 or more with each other', () => {
		for (const a of FILMING) {
			for (const b of FILMING) {
				expect(similarity(a, b), `${a} / ${b}`).toBeGreaterThanOrEqual(0.6);
			}
		}
	});

	it('scores unrelated proposals below 0.3', () => {
		expect(similarity('niet filmen zonder toestemming', 'we zijn aardig in de groepsapp')).toBeLessThan(0.3);
		expect(similarity('We ask before we film someone', 'Be kind in the group chat')).toBeLessThan(0.3);
	});

	it('is symmetric, 1 for the same content words and 0 when nothing is shared', () => {
		const a = 'We vragen toestemming voordat we iemand filmen';
		const b = 'Filmpjes delen we alleen in de klas';
		expect(similarity(a, b)).toBe(similarity(b, a));
		expect(similarity('Niet filmen, zonder toestemming!', 'niet filmen zonder toestemming')).toBe(1);
		expect(similarity('Fotos doorsturen', 'aardig zijn')).toBe(0);
	});

	it('ignores case, diacritics, punctuation and stopwords', () => {
		expect(similarity('We vragen ÉÉRST toestemming.', 'vragen eerst toestemming')).toBe(1);
		expect(similarity('We always ask for consent', 'Always ask, for consent!')).toBe(1);
	});

	it('matches Dutch and English inflections of one word', () => {
		for (const word of ['filmt', 'film', 'gefilmd', 'filmpjes']) expect(similarity('filmen', word), word).toBeGreaterThanOrEqual(0.6);
		for (const word of ['filming', 'films', 'filmed']) expect(similarity('film', word), word).toBeGreaterThanOrEqual(0.6);
		expect(similarity('vragen', 'vraagt')).toBeGreaterThanOrEqual(0.6);
		expect(similarity('We share pictures', 'sharing a picture')).toBeGreaterThanOrEqual(0.6);
	});

	it('scores English rewordings as alike', () => {
		expect(similarity('We ask before we film someone', 'We always ask before filming anyone')).toBeGreaterThanOrEqual(0.6);
		expect(similarity('Do not film without consent', 'No filming without consent!')).toBeGreaterThanOrEqual(0.6);
	});

	it('returns 0 when there is nothing to compare', () => {
		expect(similarity('', '')).toBe(0);
		expect(similarity('!!!', 'niet filmen')).toBe(0);
	});
});

describe('suggestMerges', () => {
	it('merges each later duplicate into the earliest most alike proposal', () => {
		const items = [
			{ id: 'p1', text: 'niet filmen zonder toestemming' },
			{ id: 'p2', text: 'we zijn aardig in de groepsapp' },
			{ id: 'p3', text: 'Filmen zonder toestemming mag niet!' },
			{ id: 'p4', text: 'In de groepsapp zijn we aardig tegen elkaar' },
			{ id: 'p5', text: 'We sturen niets door' }
		];
		const merges = suggestMerges(items);
		expect(merges.map(({ id, into }) => ({ id, into }))).toEqual([
			{ id: 'p3', into: 'p1' },
			{ id: 'p4', into: 'p2' }
		]);
		expect(merges[0]?.score).toBe(1);
	});

	it('picks the most alike earlier proposal, not the first one above the threshold', () => {
		const merges = suggestMerges([
			{ id: 'a', text: 'we filmen niemand zonder toestemming' },
			{ id: 'b', text: 'niet filmen zonder toestemming' },
			{ id: 'c', text: 'Niet zonder toestemming filmen.' }
		]);
		expect(merges).toEqual([
			{ id: 'b', into: 'a', score: similarity('niet filmen zonder toestemming', 'we filmen niemand zonder toestemming') },
			{ id: 'c', into: 'b', score: 1 }
		]);
	});

	it('keeps the earliest on a tie and respects the threshold', () => {
		const items = [
			{ id: 'x', text: 'niet filmen zonder toestemming' },
			{ id: 'y', text: 'niet filmen zonder toestemming' },
			{ id: 'z', text: 'Niet filmen zonder toestemming.' }
		];
		expect(suggestMerges(items).map((m) => m.into)).toEqual(['x', 'x']);
		const pair = [
			{ id: 'a', text: 'we filmen niemand zonder toestemming' },
			{ id: 'b', text: 'niet filmen zonder toestemming' }
		];
		const score = similarity(pair[0]!.text, pair[1]!.text);
		expect(suggestMerges(pair, score)).toHaveLength(1);
		expect(suggestMerges(pair, score + 0.01)).toEqual([]);
	});

	it('handles 300 proposals quickly', () => {
		// Made-up words share no stem, so only the exact repeats in the second half are merged.
		const syllables = ['ka', 'po', 'mi', 'tu', 'le', 'so', 'ra', 've', 'di', 'no'];
		const word = (n: number) => [...String(n).padStart(4, '0')].map((d) => syllables[Number(d)]).join('');
		const items = Array.from({ length: 300 }, (_, i) => ({ id: `p${i}`, text: `${word(i % 150)} ${word(5000 + (i % 150))}` }));
		const started = performance.now();
		const merges = suggestMerges(items);
		expect(performance.now() - started).toBeLessThan(1000);
		expect(merges).toHaveLength(150);
		expect(merges.every((m) => m.into === `p${Number(m.id.slice(1)) - 150}`)).toBe(true);
	});
});
