import { afterEach, describe, expect, it } from 'vitest';
import { marked } from 'marked';
import type { SessionRecord } from './record';
import { formatExportDate } from './labels';
import { escapeMarkdown, toMarkdown } from './markdown';
import { consentRule, editedProposal, exportRecord, mergedProposal, proposal, rule, votes } from './fixtures';

const INJECTION = '**vet** <script>alert(1)</script> [x](javascript:alert(1))';

// Each proposal's consensus is the one its votes earn in the class of 27 (the fixtures' default).
const dutch = exportRecord({
	// Out of order on purpose: the list must follow `position`, not the array.
	rules: [
		rule(2, 'We zetten niemand in een groepsapp zonder het eerst te vragen.', ['p4']),
		consentRule,
		rule(3, 'Krijg je een foto van iemand anders? Dan stuur je hem niet verder.', ['p6'])
	],
	proposals: [
		editedProposal,
		proposal('p2', { status: 'hidden', text: 'Jesse uit 3C stuurt alles door, die sukkel', flags: ['person', 'insult'] }),
		mergedProposal,
		proposal('p4', { text: 'Niemand toevoegen aan een groepsapp zonder het te vragen', tally: votes(14, 8, 4) }),
		proposal('p5', { status: 'pending', text: 'Bel me op 06-12345678 als je hulp nodig hebt', flags: ['phone'] }),
		proposal('p6', { text: 'Doorgestuurde foto’s stuur je niet verder', tally: votes(20, 1, 2) }),
		proposal('p7', { text: 'Telefoons de hele dag in de kluis', tally: votes(6, 15, 5) }),
		proposal('p8', { text: INJECTION, tally: votes(2, 5, 1) })
	]
});

const english: SessionRecord = {
	...dutch,
	lang: 'en',
	title: 'Our class agreements',
	theme: 'Other people’s photos and videos',
	className: null,
	rules: [rule(1, 'We ask before we share a photo of anyone.', ['p1']), rule(2, 'We do not forward photos of other people.', ['p2'])],
	proposals: [
		proposal('p1', { text: 'Ask first before sharing a photo of someone', tally: votes(21, 2, 3) }),
		proposal('p2', { text: 'Do not forward photos you were sent', tally: votes(14, 8, 4) }),
		proposal('p3', { status: 'hidden', text: 'Sam from 2A is a loser', flags: ['person', 'insult'] }),
		proposal('p4', { status: 'pending', text: 'Text me on 07700 900123', flags: ['phone'] }),
		proposal('p5', { text: 'No phones in class at all', tally: votes(6, 15, 5) }),
		proposal('p6', { text: 'A new rule every week', tally: votes(1, 1, 0) })
	]
};

const lines = (markdown: string) => markdown.split('\n');
const html = (markdown: string) => marked.parse(markdown, { async: false });

describe('toMarkdown in Dutch', () => {
	const md = toMarkdown(dutch);

	it('opens with the title, the class name and the session date', () => {
		expect(lines(md)[0]).toBe('# Onze klasafspraken — 3B / Mentor-uur! — 25 november 2026');
	});

	it('lists the adopted rules numbered in their agreed order, before the proposals', () => {
		const start = lines(md).indexOf('## Onze afspraken');
		expect(lines(md).slice(start, start + 5)).toEqual([
			'## Onze afspraken',
			'',
			'1. We vragen toestemming voordat we een foto van iemand delen.',
			'2. We zetten niemand in een groepsapp zonder het eerst te vragen.',
			'3. Krijg je een foto van iemand anders? Dan stuur je hem niet verder.'
		]);
		expect(start).toBeGreaterThan(0);
		expect(md.indexOf('## Onze afspraken')).toBeLessThan(md.indexOf('## Goedgekeurde voorstellen en stemmen'));
	});

	it('shows each approved proposal with its tally and consensus, in the record’s order', () => {
		const items = lines(md).filter((line) => line.startsWith('- '));
		expect(items).toEqual([
			'- Eerst vragen voordat je een foto van iemand deelt — breed gedragen (21 eens, 2 oneens, 3 overgeslagen)',
			'- Niemand toevoegen aan een groepsapp zonder het te vragen — verdeeld (14 eens, 8 oneens, 4 overgeslagen)',
			'- Doorgestuurde foto’s stuur je niet verder — breed gedragen (20 eens, 1 oneens, 2 overgeslagen)',
			'- Telefoons de hele dag in de kluis — niet gedragen (6 eens, 15 oneens, 5 overgeslagen)',
			expect.stringMatching(/ — te weinig stemmen \(2 eens, 5 oneens, 1 overgeslagen\)$/)
		]);
	});

	it('never shows hidden, pending or merged proposals, nor their flags', () => {
		expect(md).not.toContain('Jesse');
		expect(md).not.toContain('sukkel');
		expect(md).not.toContain('06-12345678');
		expect(md).not.toContain('Altijd toestemming vragen');
		expect(md).not.toContain('scheldwoord');
	});

	it('shows the mentor’s edit, not the student’s original wording', () => {
		expect(md).not.toContain('eerst vragen voor je een foto deelt!!');
	});

	it('ends with a single newline', () => {
		expect(md.endsWith('overgeslagen)\n')).toBe(true);
		expect(md.endsWith('\n\n')).toBe(false);
	});
});

describe('toMarkdown in English', () => {
	const md = toMarkdown(english);

	it('uses English words and leaves out a missing class name', () => {
		expect(lines(md)[0]).toBe('# Our class agreements — 25 November 2026');
		expect(md).toContain(
			'\n## Our agreements\n\n1. We ask before we share a photo of anyone.\n2. We do not forward photos of other people.\n'
		);
		expect(md).toContain('\n## Approved proposals and votes\n\n');
	});

	it('names every consensus outcome in English', () => {
		expect(lines(md).filter((line) => line.startsWith('- '))).toEqual([
			'- Ask first before sharing a photo of someone — widely supported (21 agree, 2 disagree, 3 pass)',
			'- Do not forward photos you were sent — divided (14 agree, 8 disagree, 4 pass)',
			'- No phones in class at all — not supported (6 agree, 15 disagree, 5 pass)',
			'- A new rule every week — too few votes (1 agree, 1 disagree, 0 pass)'
		]);
	});

	it('leaves out hidden and pending proposals', () => {
		expect(md).not.toContain('loser');
		expect(md).not.toContain('07700 900123');
	});

	it('says so when there are no rules or approved proposals yet', () => {
		const empty = toMarkdown({ ...english, rules: [], proposals: english.proposals.filter((p) => p.status !== 'approved') });
		expect(empty).toContain('## Our agreements\n\nNo agreements have been adopted yet.\n');
		expect(empty).toContain('## Approved proposals and votes\n\nThere are no approved proposals.\n');
		expect(empty).not.toContain('loser');
		expect(toMarkdown({ ...dutch, rules: [] })).toContain('Er zijn nog geen afspraken vastgesteld.');
	});
});

describe('student text stays plain text', () => {
	it('turns markup, HTML and links from a proposal into literal characters', () => {
		const rendered = html(toMarkdown(dutch));
		expect(rendered).not.toContain('<script');
		expect(rendered).not.toContain('<a ');
		expect(rendered).not.toContain('<strong>');
		expect(rendered).not.toContain('<em>');
		expect(rendered).toContain('**vet** &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) — te weinig stemmen');
	});

	it('escapes the characters that would otherwise form markup', () => {
		expect(escapeMarkdown(INJECTION)).toBe('\\*\\*vet\\*\\* \\<script\\>alert\\(1\\)\\</script\\> \\[x\\]\\(javascript:alert\\(1\\)\\)');
		expect(escapeMarkdown('`code` _schuin_ a|b ~~weg~~ {x} \\')).toBe('\\`code\\` \\_schuin\\_ a\\|b \\~\\~weg\\~\\~ \\{x\\} \\\\');
	});

	it('keeps a leading marker from starting a heading, list, quote or nested list', () => {
		expect(escapeMarkdown('# Kop')).toBe('\\# Kop');
		expect(escapeMarkdown('- niet doen')).toBe('\\- niet doen');
		expect(escapeMarkdown('+ ook niet')).toBe('\\+ ook niet');
		expect(escapeMarkdown('> citaat')).toBe('\\> citaat');
		expect(escapeMarkdown('1. eerst vragen')).toBe('1\\. eerst vragen');
		expect(escapeMarkdown('2) dan delen')).toBe('2\\) dan delen');
		// Only at the start: a dash or a number inside a sentence is harmless and stays readable.
		expect(escapeMarkdown('niet-doen, ook niet 2. keer')).toBe('niet-doen, ook niet 2. keer');
	});

	it('renders leading markers and line breaks inside a rule as plain text on one line', () => {
		const rules = [rule(1, '# Kop'), rule(2, '- lijst\n\n    code\n# kop'), rule(3, '3. nummer')];
		const md = toMarkdown({ ...dutch, rules });
		expect(md).toContain('1. \\# Kop\n2. \\- lijst code \\# kop\n3. 3\\. nummer\n');
		const rendered = html(md);
		expect(rendered).toContain('<h2>Onze afspraken</h2>\n<ol>\n<li># Kop</li>\n<li>- lijst code # kop</li>\n<li>3. nummer</li>\n</ol>\n');
	});

	it('does not let entities, bare web addresses or mail addresses become HTML or links', () => {
		const rendered = html(
			toMarkdown({
				...dutch,
				rules: [rule(1, '&lt;b&gt; zie https://example.com, www.example.nl of info@example.nl')]
			})
		);
		expect(rendered).not.toContain('<a ');
		expect(rendered).not.toContain('<b>');
		expect(rendered).toContain('&amp;lt;b&amp;gt; zie https://example.com, www.example.nl of info@example.nl');
	});

	it('escapes the title and the class name too', () => {
		const md = toMarkdown({ ...english, title: '[Click](http://x)', className: '<b>3B</b>' });
		const rendered = html(md);
		expect(rendered).toContain('<h1>[Click](http://x) — &lt;b&gt;3B&lt;/b&gt; — 25 November 2026</h1>');
	});
});

describe('dates', () => {
	const tz = process.env.TZ;
	afterEach(() => {
		if (tz === undefined) delete process.env.TZ;
		else process.env.TZ = tz;
	});

	it('writes the day in words in both languages', () => {
		expect(formatExportDate('2026-11-25T08:40:00.000Z', 'nl')).toBe('25 november 2026');
		expect(formatExportDate('2026-11-25T08:40:00.000Z', 'en')).toBe('25 November 2026');
		expect(formatExportDate('2027-03-01T12:00:00Z', 'nl')).toBe('1 maart 2027');
		expect(formatExportDate('2027-05-31T12:00:00Z', 'en')).toBe('31 May 2027');
	});

	it('reads the date in UTC, whatever the offset in the string or the machine’s time zone', () => {
		expect(formatExportDate('2026-11-25T23:30:00-02:00', 'nl')).toBe('26 november 2026');
		process.env.TZ = 'Pacific/Kiritimati';
		expect(formatExportDate('2026-11-25T20:00:00.000Z', 'en')).toBe('25 November 2026');
		expect(formatExportDate('2026-11-30T20:00:00.000Z', 'nl')).toBe('30 november 2026');
		process.env.TZ = 'Pacific/Pago_Pago';
		expect(formatExportDate('2026-11-25T02:00:00.000Z', 'en')).toBe('25 November 2026');
		expect(formatExportDate('2027-01-01T02:00:00.000Z', 'en')).toBe('1 January 2027');
	});

	it('refuses a date it cannot read rather than printing "NaN undefined NaN"', () => {
		expect(() => formatExportDate('gisteren', 'nl')).toThrow(RangeError);
	});
});
