import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv, toDutchCsv } from './csv';
import type { RecordProposal, SessionRecord } from './record';

const HOSTILE = [
	'ok;=1+1;',
	'ok,=1+1,',
	'a; +31 6 1234',
	'x,@SUM(A1)',
	'=HYPERLINK("http://x.test","klik")',
	'tab\t=1',
	' -2+3',
	'zeg "nee";=cmd|x'
];

function proposal(id: string, text: string): RecordProposal {
	return {
		id,
		text,
		originalText: null,
		status: 'approved',
		mergedInto: null,
		flags: [],
		tally: { agree: 1, disagree: 0, pass: 0 },
		consensus: 'too-few',
		submittedAt: '2026-11-25T08:52:10.000Z'
	};
}

const record: SessionRecord = {
	format: 'klasakkoord.session/1',
	code: 'ACDEFH',
	lang: 'nl',
	title: 'Klas',
	theme: '',
	moduleId: null,
	className: null,
	createdAt: '2026-11-25T08:40:00.000Z',
	exportedAt: '2026-11-25T09:35:12.000Z',
	closed: true,
	participants: 3,
	rules: [
		{ position: 1, text: 'We vragen eerst toestemming (herschreven)', from: ['p1'] },
		{ position: 2, text: '=2+2; ook dit is tekst', from: [] }
	],
	proposals: HOSTILE.map((text, i) => proposal(`p${i + 1}`, text))
};

/** What a spreadsheet that ignores quotes sees: the file split on a separator, cell by cell. */
function naiveCells(csv: string, separator: string): string[] {
	return csv
		.replace(/^\uFEFF/, '')
		.split(/\r\n|\n|\r/)
		.flatMap((line) => line.split(separator))
		.map((cell) => cell.replace(/^"+/, '').trimStart());
}

describe('CSV against formula injection', () => {
	for (const [name, render] of [
		['toCsv', toCsv],
		['toDutchCsv', toDutchCsv]
	] as const) {
		it(`${name}: no cell starts a formula when the file is split on , or ; (or tab)`, () => {
			const csv = render(record);
			for (const separator of [',', ';', '\t']) {
				const cells = naiveCells(csv, separator);
				expect(cells.length).toBeGreaterThan(HOSTILE.length);
				expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
			}
		});
	}

	it('quotes every field', () => {
		expect(csvField('gewoon')).toBe('"gewoon"');
		expect(csvField(21)).toBe('"21"');
		expect(csvField('')).toBe('""');
		const csv = toCsv(record).replace(/^\uFEFF/, '');
		for (const line of csv.split('\r\n').filter(Boolean)) expect(line.startsWith('"') && line.endsWith('"'), line).toBe(true);
	});

	it('keeps the text readable: an apostrophe before each formula starter, nothing else changed', () => {
		expect(csvField('ok;=1+1;')).toBe(`"ok;'=1+1;"`);
		expect(csvField('=1+1')).toBe(`"'=1+1"`);
		expect(csvField('Niet doorsturen = niet delen')).toBe('"Niet doorsturen = niet delen"');
		expect(csvField('e-mail')).toBe('"e-mail"');
	});
});

describe('CSV dialects and content', () => {
	it('parses as a , file and as a ; file (with BOM), with the same cells', () => {
		const comma = toCsv(record);
		const dutch = toDutchCsv(record);
		expect(comma.startsWith('\uFEFF')).toBe(true);
		expect(dutch.startsWith('\uFEFF')).toBe(true);
		const a = parse(comma, { bom: true, relax_column_count: true }) as string[][];
		const b = parse(dutch, { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
		expect(b).toEqual(a);
		expect(a[1]![1]).toBe("ok;'=1+1;");
		expect(a[0]!.length).toBe(11);
	});

	it('carries the adopted rules, reworded as they ended, in a section of their own', () => {
		const rows = parse(toDutchCsv(record), { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
		const heading = rows.findIndex((row) => row[0] === 'Afspraken');
		expect(heading).toBe(HOSTILE.length + 2);
		expect(rows[heading + 1]).toEqual(['Nummer', 'Tekst', 'Uit voorstellen']);
		expect(rows.slice(heading + 2)).toEqual([
			['1', 'We vragen eerst toestemming (herschreven)', 'p1'],
			['2', "'=2+2; ook dit is tekst", '']
		]);
	});

	it('names the rules section in English for an English session', () => {
		const rows = parse(toCsv({ ...record, lang: 'en' }), { bom: true, relax_column_count: true }) as string[][];
		expect(rows.some((row) => row[0] === 'Agreements')).toBe(true);
	});
});
