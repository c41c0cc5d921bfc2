import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { SessionRecord } from './record';
import { csvField, toCsv, toDutchCsv } from './csv';
import { consentRule, editedProposal, exportRecord, mergedProposal, proposal, rule, votes } from './fixtures';

const dutch = exportRecord({
	rules: [consentRule],
	proposals: [
		editedProposal,
		proposal('p2', {
			text: 'Jesse uit 3C stuurt alles door',
			status: 'hidden',
			flags: ['person', 'insult'],
			submittedAt: '2026-11-25T08:53:01.000Z'
		}),
		mergedProposal,
		proposal('p4', {
			text: 'Bel me op 06-12345678',
			status: 'pending',
			flags: ['phone']
		}),
		proposal('p5', {
			text: 'Zeg "nee", ook als het je beste vriend is',
			tally: votes(14, 8, 4),
			consensus: 'divided'
		}),
		proposal('p6', {
			text: 'Eerst vragen.\nDan pas posten.',
			tally: votes(6, 15, 5),
			consensus: 'not'
		}),
		proposal('p7', {
			text: '=HYPERLINK("https://example.com";"klik")',
			flags: ['link']
		})
	]
});

const english: SessionRecord = {
	...dutch,
	lang: 'en',
	className: null,
	rules: [rule(1, 'We ask before we share a photo of someone', ['p1', 'p3']), rule(2, 'We delete a photo when asked', [])],
	proposals: [
		proposal('p1', { text: 'Ask before sharing', tally: votes(21, 2, 3), consensus: 'wide' }),
		proposal('p2', { text: 'Sam from 2A', status: 'hidden', flags: ['person', 'handle', 'email', 'newcheck'] }),
		proposal('p3', { text: 'Ask first', status: 'merged', mergedInto: 'p1', consensus: 'not' }),
		proposal('p4', { text: 'Text me', status: 'pending', flags: ['phone'], consensus: 'divided' })
	]
};

/**
 * The file as a spreadsheet would read it, by an RFC 4180 reader that is not ours (csv-parse): the BOM
 * taken off, only CRLF ending a record, and a quote in an unquoted field an error. The file holds two
 * tables (the proposals, then after a blank record the adopted rules), so records may differ in length;
 * `sections` checks each table's shape itself. A bare line break inside an unquoted field is not an
 * error to csv-parse, so the raw checks below look for those.
 */
function parseCsv(text: string, delimiter: ',' | ';' = ','): string[][] {
	return parse(text, { bom: true, delimiter, record_delimiter: '\r\n', relax_column_count: true });
}

/**
 * The two tables of a parsed file: the proposals (header included, every record 11 fields) and the
 * rules (title, header and one record per rule, every record 3 fields), with exactly one blank record
 * between them. Throws on any other shape.
 */
function sections(records: string[][]): { proposals: string[][]; rules: string[][] } {
	const blank = records.findIndex((record) => record.length === 1 && record[0] === '');
	if (blank < 1) throw new Error('no blank record between the proposals and the rules');
	const proposals = records.slice(0, blank);
	const [title, ...rules] = records.slice(blank + 1);
	const wrong = proposals.find((record) => record.length !== 11) ?? rules.find((record) => record.length !== 3);
	if (wrong) throw new Error(`a record of ${wrong.length} fields: ${JSON.stringify(wrong)}`);
	if (title?.length !== 1 || !title[0]) throw new Error(`the rules section starts with ${JSON.stringify(title)}`);
	return { proposals, rules: [title, ...rules] };
}

const body = (csv: string) => csv.replace(/^\uFEFF/, '');

describe('toCsv', () => {
	const csv = toCsv(dutch);
	// Parsed inside each test, so a malformed file fails the tests with a message rather than the whole suite.
	let parsed: ReturnType<typeof sections> | undefined;
	const rows = () => (parsed ??= sections(parseCsv(csv))).proposals;
	const rules = () => (parsed ??= sections(parseCsv(csv))).rules;

	it('starts with a UTF-8 byte order mark, once', () => {
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.charCodeAt(1)).not.toBe(0xfeff);
		expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
	});

	for (const [name, file, separator] of [
		['toCsv', csv, ','],
		['toDutchCsv', toDutchCsv(dutch), ';']
	] as const) {
		it(`${name}: ends every record with CRLF, and outside the quotes has only ${separator} and CRLF`, () => {
			expect(file.startsWith('\uFEFF')).toBe(true);
			expect(file.endsWith('"\r\n')).toBe(true);
			expect(() => sections(parseCsv(file, separator))).not.toThrow();
			const outsideQuotes = body(file).replace(/"(?:[^"]|"")*"/g, '');
			expect(outsideQuotes.split('\r\n').join('').split(separator).join('')).toBe('');
			expect(outsideQuotes).toContain('\r\n\r\n');
		});
	}

	it('is a table of proposals, a blank record and a table of the adopted rules, and nothing else', () => {
		const all = parseCsv(csv);
		expect(all).toHaveLength(1 + dutch.proposals.length + 1 + 2 + dutch.rules.length);
		expect(rows()).toHaveLength(1 + dutch.proposals.length);
		expect(rules()).toHaveLength(2 + dutch.rules.length);
		expect(all).toEqual([...rows(), [''], ...rules()]);
	});

	it('has a Dutch header row', () => {
		expect(rows()[0]).toEqual([
			'id',
			'tekst',
			'oorspronkelijke tekst',
			'status',
			'samengevoegd met',
			'signalen',
			'eens',
			'oneens',
			'overgeslagen',
			'draagvlak',
			'ingediend op'
		]);
	});

	it('has one row per proposal, hidden, pending and merged ones included, with their status', () => {
		expect(rows()).toHaveLength(1 + dutch.proposals.length);
		expect(
			rows()
				.slice(1)
				.map((row) => [row[0], row[3], row[4]])
		).toEqual([
			['p1', 'goedgekeurd', ''],
			['p2', 'verborgen', ''],
			['p3', 'samengevoegd', 'p1'],
			['p4', 'wacht op goedkeuring', ''],
			['p5', 'goedgekeurd', ''],
			['p6', 'goedgekeurd', ''],
			['p7', 'goedgekeurd', '']
		]);
	});

	it('writes every column of a row: texts, flags, tally, consensus and time', () => {
		expect(rows()[1]).toEqual([
			'p1',
			'Eerst vragen voordat je een foto van iemand deelt',
			'eerst vragen voor je een foto deelt!!',
			'goedgekeurd',
			'',
			'',
			'21',
			'2',
			'3',
			'breed gedragen',
			'2026-11-25T08:52:10.000Z'
		]);
		expect(rows()[2]).toEqual([
			'p2',
			'Jesse uit 3C stuurt alles door',
			'',
			'verborgen',
			'',
			'naam van een persoon, scheldwoord',
			'0',
			'0',
			'0',
			'te weinig stemmen',
			'2026-11-25T08:53:01.000Z'
		]);
		expect(
			rows()
				.slice(1)
				.map((row) => row[9])
		).toEqual([
			'breed gedragen',
			'te weinig stemmen',
			'te weinig stemmen',
			'te weinig stemmen',
			'verdeeld',
			'niet gedragen',
			'te weinig stemmen'
		]);
	});

	it('writes the adopted rules in Dutch after the proposals: number, text as adopted, the proposals they came from', () => {
		expect(rules()).toEqual([
			['Afspraken'],
			['Nummer', 'Tekst', 'Uit voorstellen'],
			['1', 'We vragen toestemming voordat we een foto van iemand delen.', 'p1 p3']
		]);
		expect(
			csv.endsWith(
				'"\r\n\r\n"Afspraken"\r\n"Nummer","Tekst","Uit voorstellen"\r\n"1","We vragen toestemming voordat we een foto van iemand delen.","p1 p3"\r\n'
			)
		).toBe(true);
	});

	it('quotes every field, doubles the quotes and keeps line breaks inside the quotes', () => {
		expect(csv).toContain(
			'\r\n"p5","Zeg ""nee"", ook als het je beste vriend is","","goedgekeurd","","","14","8","4","verdeeld","2026-11-25T08:52:10.000Z"\r\n'
		);
		expect(body(csv)).toContain('\r\n"p6","Eerst vragen.\nDan pas posten.","","goedgekeurd",');
		expect(rows()[5]?.[1]).toBe('Zeg "nee", ook als het je beste vriend is');
		expect(rows()[6]?.[1]).toBe('Eerst vragen.\nDan pas posten.');
		expect(csv).toContain(
			'\r\n"p1","Eerst vragen voordat je een foto van iemand deelt","eerst vragen voor je een foto deelt!!","goedgekeurd","","","21","2","3","breed gedragen","2026-11-25T08:52:10.000Z"\r\n'
		);
		expect(body(csv).startsWith('"id","tekst","oorspronkelijke tekst","status",')).toBe(true);
	});

	it('keeps a student’s formula from running in a spreadsheet', () => {
		expect(rows()[7]?.[1]).toBe('\'=HYPERLINK("https://example.com";"klik")');
		expect(body(csv)).toContain('\r\n"p7","\'=HYPERLINK(""https://example.com"";""klik"")","","goedgekeurd","","link",');
	});
});

describe('toDutchCsv', () => {
	const csv = toDutchCsv(dutch);

	it('writes the same records with ; between the fields, BOM and CRLF kept', () => {
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.charCodeAt(1)).not.toBe(0xfeff);
		expect(parseCsv(csv, ';')).toEqual(parseCsv(toCsv(dutch)));
		expect(csv).toContain(
			'\r\n"p5";"Zeg ""nee"", ook als het je beste vriend is";"";"goedgekeurd";"";"";"14";"8";"4";"verdeeld";"2026-11-25T08:52:10.000Z"\r\n'
		);
		expect(
			csv.endsWith(
				'"\r\n\r\n"Afspraken"\r\n"Nummer";"Tekst";"Uit voorstellen"\r\n"1";"We vragen toestemming voordat we een foto van iemand delen.";"p1 p3"\r\n'
			)
		).toBe(true);
	});
});

describe('toCsv in English', () => {
	let parsed: ReturnType<typeof sections> | undefined;
	const rows = () => (parsed ??= sections(parseCsv(toCsv(english)))).proposals;
	const rules = () => (parsed ??= sections(parseCsv(toCsv(english)))).rules;

	it('has an English header row and English statuses and consensus names', () => {
		expect(rows()[0]).toEqual([
			'id',
			'text',
			'original text',
			'status',
			'merged into',
			'flags',
			'agree',
			'disagree',
			'pass',
			'consensus',
			'submitted at'
		]);
		expect(
			rows()
				.slice(1)
				.map((row) => [row[3], row[9]])
		).toEqual([
			['approved', 'widely supported'],
			['hidden', 'too few votes'],
			['merged', 'not supported'],
			['awaiting approval', 'divided']
		]);
	});

	it('names flags in English and keeps a reason it does not know', () => {
		expect(rows()[2]?.[5]).toBe('name of a person, username, email address, newcheck');
		expect(rows()[4]?.[5]).toBe('phone number');
	});

	it('writes the rules section in English, in the rules’ order, a rule from no proposal included', () => {
		expect(rules()).toEqual([
			['Agreements'],
			['Number', 'Text', 'From proposals'],
			['1', 'We ask before we share a photo of someone', 'p1 p3'],
			['2', 'We delete a photo when asked', '']
		]);
	});
});

describe('csvField', () => {
	it('puts an apostrophe before anything a spreadsheet would run as a formula, at the start', () => {
		expect(csvField('+31 6 12345678')).toBe(`"'+31 6 12345678"`);
		expect(csvField('-2+3')).toBe(`"'-2+3"`);
		expect(csvField(' -2+3')).toBe(`"' -2+3"`);
		expect(csvField('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
		expect(csvField('\t=1+1')).toBe(`"\t'=1+1"`);
		expect(csvField('\r=1+1')).toBe(`"\r'=1+1"`);
	});

	it('and after every separator, line break or quote inside the text', () => {
		expect(csvField('a,+1')).toBe(`"a,'+1"`);
		expect(csvField('a; -1')).toBe(`"a; '-1"`);
		expect(csvField('a\t@x')).toBe(`"a\t'@x"`);
		expect(csvField('a\n=1')).toBe(`"a\n'=1"`);
		expect(csvField('x"=1')).toBe(`"x""'=1"`);
	});

	it('leaves ordinary text, numbers and signs further in alone', () => {
		expect(csvField('1+1=2')).toBe('"1+1=2"');
		expect(csvField('3-2')).toBe('"3-2"');
		expect(csvField('mail@school.nl')).toBe('"mail@school.nl"');
		expect(csvField('a, b; c')).toBe('"a, b; c"');
		expect(csvField(0)).toBe('"0"');
	});

	it('quotes every field, doubles quotes, and reads back as the same text with , or ;', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('zeg "nee"')).toBe('"zeg ""nee"""');
		expect(csvField('regel\r\nregel')).toBe('"regel\r\nregel"');
		expect(csvField('regel\nregel')).toBe('"regel\nregel"');
		expect(csvField('a;b')).toBe('"a;b"');
		expect(csvField('Ééntje’s foto')).toBe('"Ééntje’s foto"');
		for (const text of ['a,b', 'zeg "nee"', 'regel\r\nregel', 'regel\nregel', 'a;b', 'Ééntje’s foto', '']) {
			expect(parseCsv(`${csvField(text)}\r\n`), text).toEqual([[text]]);
			expect(parseCsv(`${csvField(text)};${csvField(text)}\r\n`, ';'), text).toEqual([[text, text]]);
		}
	});

	it('neutralises a formula and quotes it when both apply', () => {
		expect(csvField('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
	});
});
