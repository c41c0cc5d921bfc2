import { afterEach, describe, expect, it } from 'vitest';
import type { SessionRecord } from './record';
import { exportFilename, slugify } from './filename';
import { exportRecord } from './fixtures';

// Started the day before the export, so a name taken from the wrong time shows.
const record = exportRecord({ createdAt: '2026-11-24T13:05:00.000Z' });

const named = (className: string | null, extra: Partial<SessionRecord> = {}): SessionRecord => ({
	...record,
	className,
	...extra
});

describe('exportFilename', () => {
	it('joins the app name, the export day and the class name', () => {
		expect(exportFilename(record, 'md')).toBe('klasakkoord-2026-11-25-3b-mentor-uur.md');
	});

	it('uses the extension asked for', () => {
		expect(exportFilename(record, 'json')).toBe('klasakkoord-2026-11-25-3b-mentor-uur.json');
		expect(exportFilename(record, 'csv')).toBe('klasakkoord-2026-11-25-3b-mentor-uur.csv');
		expect(exportFilename(record, 'html')).toBe('klasakkoord-2026-11-25-3b-mentor-uur.html');
		expect(exportFilename(record, 'pdf')).toBe('klasakkoord-2026-11-25-3b-mentor-uur.pdf');
	});

	it('drops accents instead of letters', () => {
		expect(exportFilename(named('Ééntje'), 'csv')).toBe('klasakkoord-2026-11-25-eentje.csv');
		expect(exportFilename(named('Straße Øst – groep ½'), 'md')).toBe('klasakkoord-2026-11-25-strasse-ost-groep-1-2.md');
		expect(exportFilename(named('Brugklas 1C – „Şükrü & İlkay”'), 'md')).toBe('klasakkoord-2026-11-25-brugklas-1c-sukru-ilkay.md');
	});

	it('falls back to the session code without a usable class name', () => {
		expect(exportFilename(named(null), 'json')).toBe('klasakkoord-2026-11-25-k7p2q.json');
		expect(exportFilename(named('   '), 'json')).toBe('klasakkoord-2026-11-25-k7p2q.json');
		expect(exportFilename(named('!!! / ???'), 'json')).toBe('klasakkoord-2026-11-25-k7p2q.json');
		expect(exportFilename(named('日本語クラス'), 'json')).toBe('klasakkoord-2026-11-25-k7p2q.json');
	});

	it('leaves the slug out when neither class name nor code gives one', () => {
		expect(exportFilename(named(null, { code: '' }), 'md')).toBe('klasakkoord-2026-11-25.md');
	});

	it('stays within 60 characters before the extension without ending on a dash', () => {
		const long = exportFilename(named('Mentorklas 4 vwo – Bèta-profiel – Natuur en gezondheid'), 'md');
		expect(long).toBe('klasakkoord-2026-11-25-mentorklas-4-vwo-beta-profiel-natuur.md');
		const longer = exportFilename(named('Mentorklas 4 havo Bèta-profiel natuur en gezondheid (groep B)'), 'pdf');
		expect(longer).toBe('klasakkoord-2026-11-25-mentorklas-4-havo-beta-profiel-natuur.pdf');
		expect(longer.length - '.pdf'.length).toBe(60);
	});

	it('is plain ASCII whatever the class is called', () => {
		for (const name of ['3B / Mentor-uur!', 'Ééntje', 'Klas 2Ω 🙂', 'ﬁlm & foto’s', 'Ærø\u0000\n\t"<>|?*:']) {
			const filename = exportFilename(named(name), 'csv');
			expect(filename, name).toMatch(/^klasakkoord-\d{4}-\d{2}-\d{2}(-[a-z0-9]+)*\.csv$/);
		}
		expect(exportFilename(named('Ærø\u0000\n\t"<>|?*:'), 'csv')).toBe('klasakkoord-2026-11-25-aero.csv');
		// Compatibility forms become their plain letters rather than vanishing: the "fi" ligature, wide letters.
		expect(exportFilename(named('ﬁlm & foto’s'), 'csv')).toBe('klasakkoord-2026-11-25-film-foto-s.csv');
		expect(exportFilename(named('Ｋｌａｓ ３Ｂ'), 'csv')).toBe('klasakkoord-2026-11-25-klas-3b.csv');
	});
});

describe('the day in the name', () => {
	const tz = process.env.TZ;
	afterEach(() => {
		if (tz === undefined) delete process.env.TZ;
		else process.env.TZ = tz;
	});

	it('is the export day, not the day the session started', () => {
		expect(exportFilename(record, 'md')).not.toContain('2026-11-24');
	});

	it('is taken in UTC from the ISO time', () => {
		expect(exportFilename(named(null, { exportedAt: '2026-11-25T23:30:00-02:00' }), 'md')).toBe('klasakkoord-2026-11-26-k7p2q.md');
		process.env.TZ = 'Pacific/Kiritimati';
		expect(exportFilename(named(null, { exportedAt: '2026-12-31T20:00:00.000Z' }), 'md')).toBe('klasakkoord-2026-12-31-k7p2q.md');
	});

	it('refuses an export time it cannot read', () => {
		expect(() => exportFilename(named(null, { exportedAt: 'morgen' }), 'md')).toThrow(RangeError);
	});
});

describe('slugify', () => {
	it('lowercases and joins words with single dashes', () => {
		expect(slugify('3B / Mentor-uur!')).toBe('3b-mentor-uur');
		expect(slugify('  --Ééntje--  ')).toBe('eentje');
		expect(slugify('A  &  B')).toBe('a-b');
	});
});
