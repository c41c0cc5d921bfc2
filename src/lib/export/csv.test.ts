import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { SessionRecord } from './record';
import { csvField, toCsv } from './csv';
import { consentRule, editedProposal, exportRecord, mergedProposal, proposal, votes } from './fixtures';

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
	proposals: [
		proposal('p1', { text: 'Ask before sharing', tally: votes(21, 2, 3), consensus: 'wide' }),
		proposal('p2', { text: 'Sam from 2A', status: 'hidden', flags: ['person', 'handle', 'email', 'newcheck'] }),
		proposal('p3', { text: 'Ask first', status: 'merged', mergedInto: 'p1', consensus: 'not' }),
		proposal('p4', { text: 'Text me', status: 'pending', flags: ['phone'], consensus: 'divided' })
	]
};

/**
 * The file as a spreadsheet would read it, by an RFC 4180 reader that is not ours (csv-parse): the BOM
 * taken off, only CRLF ending a record, and a quote in an unquoted field or a row with a different
 * number of fields an error. A bare line break inside an unquoted field is not an error to it, so the
 * raw checks below look for those.
 */
function parseCsv(text: string): string[][] {
	return parse(text, { bom: true, record_delimiter: '\r\n' });
}

const body = (csv: string) => csv.replace(/^\uFEFF/, '');

describe('toCsv', () => {
	const csv = toCsv(dutch);
	// Parsed inside each test, so a malformed file fails the tests with a message rather than the whole suite.
	let parsed: string[][] | undefined;
	const rows = () => (parsed ??= parseCsv(csv));

	it('starts with a UTF-8 byte order mark, once', () => {
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.charCodeAt(1)).not.toBe(0xfeff);
		expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
	});

	it('ends every record with CRLF and has no bare line breaks outside quotes', () => {
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(() => parseCsv(csv)).not.toThrow();
		const outsideQuotes = body(csv).replace(/"(?:[^"]|"")*"/g, '');
		expect(outsideQuotes.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
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
		expect(rows().slice(1).map((row) => [row[0], row[3], row[4]])).toEqual([
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
		expect(rows().slice(1).map((row) => row[9])).toEqual([
			'breed gedragen',
			'te weinig stemmen',
			'te weinig stemmen',
			'te weinig stemmen',
			'verdeeld',
			'niet gedragen',
			'te weinig stemmen'
		]);
	});

	it('quotes fields with commas, quotes or line breaks and doubles the quotes', () => {
		expect(csv).toContain('\r\np5,"Zeg ""nee"", ook als het je beste vriend is",,goedgekeurd,,,14,8,4,verdeeld,2026-11-25T08:52:10.000Z\r\n');
		expect(body(csv)).toContain('\r\np6,"Eerst vragen.\nDan pas posten.",,goedgekeurd,');
		expect(rows()[5]?.[1]).toBe('Zeg "nee", ook als het je beste vriend is');
		expect(rows()[6]?.[1]).toBe('Eerst vragen.\nDan pas posten.');
		expect(csv).toContain(
			'\r\np1,Eerst vragen voordat je een foto van iemand deelt,eerst vragen voor je een foto deelt!!,goedgekeurd,,,21,2,3,breed gedragen,2026-11-25T08:52:10.000Z\r\n'
		);
	});

	it('keeps a student’s formula from running in a spreadsheet', () => {
		expect(rows()[7]?.[1]).toBe('\'=HYPERLINK("https://example.com";"klik")');
		expect(body(csv)).toContain('\r\np7,"\'=HYPERLINK(""https://example.com"";""klik"")",,goedgekeurd,,link,');
	});
});

describe('toCsv in English', () => {
	const rows = () => parseCsv(toCsv(english));

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
		expect(rows().slice(1).map((row) => [row[3], row[9]])).toEqual([
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
});

describe('csvField', () => {
	it('puts an apostrophe before anything a spreadsheet would run as a formula', () => {
		expect(csvField('=1+1')).toBe("'=1+1");
		expect(csvField('+31 6 12345678')).toBe("'+31 6 12345678");
		expect(csvField('-2+3')).toBe("'-2+3");
		expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
		expect(csvField('\t=1+1')).toBe("'\t=1+1");
		expect(csvField('\r=1+1')).toBe('"\'\r=1+1"');
	});

	it('leaves ordinary text, numbers and signs further in alone', () => {
		expect(csvField('Niet doorsturen = niet delen')).toBe('Niet doorsturen = niet delen');
		expect(csvField('e-mail')).toBe('e-mail');
		expect(csvField(21)).toBe('21');
		expect(csvField(0)).toBe('0');
		expect(csvField('')).toBe('');
	});

	it('quotes only when RFC 4180 needs it', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('zeg "nee"')).toBe('"zeg ""nee"""');
		expect(csvField('regel\r\nregel')).toBe('"regel\r\nregel"');
		expect(csvField('regel\nregel')).toBe('"regel\nregel"');
		expect(csvField('a;b')).toBe('a;b');
		expect(csvField('Ééntje’s foto')).toBe('Ééntje’s foto');
		for (const text of ['a,b', 'zeg "nee"', 'regel\r\nregel', 'regel\nregel', 'a;b', 'Ééntje’s foto']) {
			expect(parseCsv(`${csvField(text)}\r\n`), text).toEqual([[text]]);
		}
	});

	it('neutralises a formula and quotes it when both apply', () => {
		expect(csvField('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
	});
});
