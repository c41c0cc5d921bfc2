import { describe, expect, it } from 'vitest';
import {
	addDays,
	fitType,
	lineCount,
	posterBox,
	posterOptions,
	rulesArea,
	rulesHeight,
	sheetBox,
	wordWidth,
	type PosterLayout
} from './poster';

const TODAY = '2026-12-02';
const options = (query: string) => posterOptions(new URLSearchParams(query), TODAY);

const RULE = 'We vragen het eerst voordat we een foto of video van iemand anders delen, ook in een besloten groep.';
const rules = (count: number, text = RULE) => Array.from({ length: count }, (_, index) => `${text} (${index + 1})`);

describe('addDays', () => {
	it('counts calendar days across months, years and daylight saving', () => {
		expect(addDays('2026-12-02', 28)).toBe('2026-12-30');
		expect(addDays('2026-12-20', 28)).toBe('2027-01-17');
		expect(addDays('2026-03-20', 28)).toBe('2026-04-17');
		expect(addDays('2028-02-01', 28)).toBe('2028-02-29');
	});
});

describe('posterOptions', () => {
	it('defaults to today, a review four weeks later, A4 portrait, the classic layout', () => {
		expect(options('')).toEqual({
			className: '',
			date: TODAY,
			review: '2026-12-30',
			size: 'A4',
			orientation: 'portrait',
			layout: 'classic',
			handout: false
		});
	});

	it('keeps the query parameters the console and older links use', () => {
		expect(options('class=3B&date=2026-11-05&size=A3')).toMatchObject({
			className: '3B',
			date: '2026-11-05',
			review: '2026-12-03',
			size: 'A3'
		});
	});

	it('takes a chosen review day, but not one before the agreement', () => {
		expect(options('date=2026-11-05&review=2027-01-10').review).toBe('2027-01-10');
		expect(options('date=2026-11-05&review=2026-10-01').review).toBe('2026-12-03');
	});

	it('falls back on anything malformed', () => {
		expect(options('date=2026-02-30&review=soon&size=A5&orientation=sideways&layout=comic&handout=maybe')).toEqual(options(''));
		expect(options(`class=${'x'.repeat(200)}`).className).toHaveLength(80);
		expect(options('class=%20%203B%0A%20').className).toBe('3B');
	});

	it('reads the layout, orientation and handout', () => {
		expect(options('layout=cards&orientation=landscape&handout=1')).toMatchObject({
			layout: 'cards',
			orientation: 'landscape',
			handout: true
		});
		expect(options('handout=on').handout).toBe(true);
	});
});

describe('sheetBox and posterBox', () => {
	it('turns the paper for landscape', () => {
		expect(sheetBox(options('size=A3&orientation=landscape'))).toEqual({ width: 420, height: 297 });
		expect(posterBox(options('orientation=landscape'))).toEqual({ width: 297, height: 210 });
	});

	it('puts a handout twice on one A4, whatever size was picked', () => {
		expect(sheetBox(options('size=A3&handout=1'))).toEqual({ width: 210, height: 297 });
		expect(posterBox(options('size=A3&handout=1'))).toEqual({ width: 210, height: 148.5 });
		expect(posterBox(options('orientation=landscape&handout=1'))).toEqual({ width: 148.5, height: 210 });
	});
});

describe('lineCount', () => {
	it('wraps at spaces and refuses words wider than a line', () => {
		// 10 mm type on a 100 mm line: 10 em, a word of five ordinary letters is 3.5 em.
		expect(wordWidth('aaaaa')).toBeCloseTo(3.5);
		expect(lineCount('kort', 100, 10)).toBe(1);
		expect(lineCount('aaaaa bbbbb', 100, 10)).toBe(1);
		expect(lineCount('aaaaa bbbbb ccccc', 100, 10)).toBe(2);
		expect(lineCount('x'.repeat(15), 100, 10)).toBe(Infinity);
	});

	it('counts narrow and wide letters apart', () => {
		expect(wordWidth('illi')).toBeLessThan(wordWidth('mwmw'));
		expect(wordWidth('WE')).toBeGreaterThan(wordWidth('we'));
	});
});

describe('fitType', () => {
	const a4 = posterBox(options(''));
	const layouts: PosterLayout[] = ['classic', 'cards', 'banner'];

	it('sets fewer rules in larger type', () => {
		for (const layout of layouts) {
			const sizes = [1, 3, 5, 8, 12].map((count) => fitType(rules(count), a4, layout, true).fontSize);
			for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
			expect(sizes[0]).toBeGreaterThan(sizes[4]!);
		}
	});

	it('fits 12 long rules on every size, orientation and layout, in type of at least 9 pt', () => {
		for (const query of ['', 'orientation=landscape', 'size=A3', 'size=A3&orientation=landscape']) {
			const box = posterBox(options(query));
			for (const layout of layouts) {
				const fit = fitType(rules(12), box, layout, true);
				expect(fit.fits).toBe(true);
				// 12 rules of 100 characters each; the cards on A4 landscape are the tightest (9.5 pt).
				expect(fit.fontSize).toBeGreaterThanOrEqual(9 * 0.3528);
			}
		}
	});

	it('picks the largest size that fits: a tenth of a unit more would not', () => {
		const area = rulesArea(a4, true);
		const u = 2.1;
		for (const layout of ['classic', 'banner'] as const) {
			const fit = fitType(rules(8), a4, layout, true);
			expect(rulesHeight(layout, rules(8), area, u, fit.columns, fit.fontSize)).toBeLessThanOrEqual(area.height);
			expect(rulesHeight(layout, rules(8), area, u, fit.columns, fit.fontSize + 0.1 * u)).toBeGreaterThan(area.height);
			// Filled: the text takes at least 85% of the area's height.
			expect(rulesHeight(layout, rules(8), area, u, fit.columns, fit.fontSize) / area.height).toBeGreaterThan(0.85);
		}
	});

	it('stops growing at a size that still looks like a poster, for one short rule', () => {
		const fit = fitType(['Eerst vragen'], a4, 'classic', true);
		expect(fit.fontSize).toBeCloseTo(7 * 2.1);
	});

	it('uses columns when that gives larger type', () => {
		const landscape = posterBox(options('orientation=landscape'));
		expect(fitType(rules(12, 'Eerst vragen'), landscape, 'cards', false).columns).toBeGreaterThan(1);
		expect(fitType(rules(1), a4, 'cards', false)).toMatchObject({ columns: 1, rows: 1 });
	});

	it('says so when even the smallest type does not fit', () => {
		const fit = fitType(rules(12, 'wmw '.repeat(68).trim()), posterBox(options('handout=1')), 'banner', true);
		expect(fit.fits).toBe(false);
		// One word wider than any line: the type cannot avoid breaking it.
		expect(fitType(['x'.repeat(200)], a4, 'classic', false).fits).toBe(false);
	});
});
