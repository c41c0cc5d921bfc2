import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { diffVersions } from '$lib/charter/diff';
import type { Charter, CharterVersion } from '$lib/charter/types';
import {
	charterFilename,
	diffCsv,
	diffJson,
	diffMarkdown,
	overviewCsv,
	overviewJson,
	overviewMarkdown,
	versionCsv,
	versionJson,
	versionMarkdown
} from './charter';

const v1: CharterVersion = {
	version: 1,
	agreedOn: '2026-10-01',
	reviewOn: '2026-10-29',
	savedAt: Date.UTC(2026, 9, 1, 10),
	rules: [
		{ key: 'k1', text: 'Wij vragen eerst of het mag', support: 'wide' },
		{ key: 'k2', text: 'Wij filmen geen docenten', support: 'divided' },
		{ key: 'k3', text: '=HYPERLINK("x") *niet* doorsturen', support: null }
	]
};
const v2: CharterVersion = {
	version: 2,
	agreedOn: '2026-11-05',
	reviewOn: '2026-12-03',
	savedAt: Date.UTC(2026, 10, 5, 10),
	rules: [
		{ key: 'k1', text: 'Wij vragen eerst of het mag', support: 'wide' },
		{ key: 'k3', text: 'Wij sturen niets door; ook niet "voor de grap"', support: null },
		{ key: 'k4', text: 'Wij helpen elkaar', support: 'wide' }
	]
};
const charter: Charter = { id: 'abcdefghijklmnop', className: '3B', schoolYear: '2026-2027', lang: 'nl', createdAt: 0, versions: [v1, v2] };
const english: Charter = { ...charter, className: 'Year 9', lang: 'en' };

describe('a version', () => {
	it('as Markdown: heading, dates and numbered rules with support, student text inert', () => {
		const md = versionMarkdown(charter, v1);
		expect(md).toBe(
			[
				'# Onze afspraken — 3B — schooljaar 2026-2027',
				'',
				'Versie 1 · afgesproken op 1 oktober 2026 · weer bekijken op 29 oktober 2026',
				'',
				'1. Wij vragen eerst of het mag (breed gedragen)',
				'2. Wij filmen geen docenten (verdeeld)',
				'3. =HYPERLINK\\("x"\\) \\*niet\\* doorsturen',
				''
			].join('\n')
		);
		expect(versionMarkdown(english, v2)).toContain('Version 2 · agreed on 5 November 2026 · review on 3 December 2026');
	});

	it('as JSON: only what the class agreed', () => {
		const record = JSON.parse(versionJson(charter, v2)) as Record<string, unknown>;
		expect(record).toEqual({
			format: 'klasakkoord.charter/1',
			className: '3B',
			schoolYear: '2026-2027',
			lang: 'nl',
			version: 2,
			agreedOn: '2026-11-05',
			reviewOn: '2026-12-03',
			savedAt: '2026-11-05T10:00:00.000Z',
			rules: [
				{ position: 1, key: 'k1', text: 'Wij vragen eerst of het mag', support: 'wide' },
				{ position: 2, key: 'k3', text: 'Wij sturen niets door; ook niet "voor de grap"', support: null },
				{ position: 3, key: 'k4', text: 'Wij helpen elkaar', support: 'wide' }
			]
		});
	});

	it('as CSV in both dialects: a BOM, CRLF, quoted fields, formulas defused', () => {
		for (const [separator, text] of [
			[',', versionCsv(charter, v1)],
			[';', versionCsv(charter, v1, ';')]
		] as const) {
			expect(text.startsWith('\uFEFF')).toBe(true);
			expect(text).toContain('\r\n');
			const rows = parse(text.slice(1), { delimiter: separator }) as string[][];
			expect(rows[0]).toEqual(['klas', 'schooljaar', 'versie', 'afgesproken op', 'weer bekijken op', 'nummer', 'tekst', 'draagvlak']);
			expect(rows[1]).toEqual(['3B', '2026-2027', '1', '2026-10-01', '2026-10-29', '1', 'Wij vragen eerst of het mag', 'breed gedragen']);
			expect(rows[3]?.[6]).toBe(`'=HYPERLINK("x") *niet* doorsturen`);
		}
	});
});

describe('the difference between two versions', () => {
	const diff = diffVersions(v1, v2);

	it('as Markdown: changed old → new, new, dropped, kept', () => {
		const md = diffMarkdown(charter, diff);
		expect(md).toContain('## Wat veranderde van versie 1 naar 2');
		expect(md).toContain('### Veranderd\n\n- =HYPERLINK\\("x"\\) \\*niet\\* doorsturen → Wij sturen niets door; ook niet "voor de grap"\n');
		expect(md).toContain('### Nieuw\n\n- Wij helpen elkaar\n');
		expect(md).toContain('### Geschrapt\n\n- Wij filmen geen docenten\n');
		expect(md).toContain('### Gebleven\n\n- Wij vragen eerst of het mag\n');
		const none = diffMarkdown(charter, diffVersions(v1, v1));
		expect(none).toContain('### Veranderd\n\nGeen.');
	});

	it('as JSON and CSV, with exactly those changes', () => {
		expect(JSON.parse(diffJson(english, diff))).toEqual({
			format: 'klasakkoord.charter-diff/1',
			className: 'Year 9',
			schoolYear: '2026-2027',
			lang: 'en',
			from: 1,
			to: 2,
			kept: ['Wij vragen eerst of het mag'],
			changed: [{ from: '=HYPERLINK("x") *niet* doorsturen', to: 'Wij sturen niets door; ook niet "voor de grap"' }],
			added: ['Wij helpen elkaar'],
			dropped: ['Wij filmen geen docenten']
		});
		const rows = parse(diffCsv(charter, diff, ';').slice(1), { delimiter: ';' }) as string[][];
		expect(rows).toEqual([
			['wijziging', 'oude tekst', 'nieuwe tekst'],
			['Veranderd', `'=HYPERLINK("x") *niet* doorsturen`, 'Wij sturen niets door; ook niet "voor de grap"'],
			['Nieuw', '', 'Wij helpen elkaar'],
			['Geschrapt', 'Wij filmen geen docenten', ''],
			['Gebleven', 'Wij vragen eerst of het mag', 'Wij vragen eerst of het mag']
		]);
	});
});

describe('the school overview', () => {
	const other: Charter = { ...charter, className: '2A', versions: [v1] };

	it('puts every charter’s newest version together, in the overview’s language', () => {
		const md = overviewMarkdown([charter, other], 'en');
		expect(md.startsWith('# Class charters of the school\n')).toBe(true);
		expect(md).toContain('## 3B — school year 2026-2027\n\nVersion 2');
		expect(md).toContain('## 2A — school year 2026-2027\n\nVersion 1');
		const rows = parse(overviewCsv([charter, other], 'nl').slice(1)) as string[][];
		expect(rows).toHaveLength(1 + 3 + 3);
		expect(rows.filter((row) => row[0] === '2A').map((row) => row[2])).toEqual(['1', '1', '1']);
		const json = JSON.parse(overviewJson([charter, other])) as { charters: Array<{ className: string; versions: unknown[] }> };
		expect(json.charters.map((c) => [c.className, c.versions.length])).toEqual([
			['3B', 2],
			['2A', 1]
		]);
	});

	it('names files in plain ASCII', () => {
		expect(charterFilename('Ééntje 3B / 2026-2027 v2', 'md')).toBe('klasafspraken-eentje-3b-2026-2027-v2.md');
		expect(charterFilename('日本', 'csv')).toBe('klasafspraken.csv');
	});
});
