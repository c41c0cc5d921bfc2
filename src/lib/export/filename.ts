/**
 * Download names such as `klasakkoord-2026-11-25-3b-mentor-uur.md`: sortable by date, telling classes
 * apart, and plain ASCII so they survive school file shares, e-mail attachments and zip tools.
 */
import type { SessionRecord } from './record';

export type ExportExtension = 'md' | 'json' | 'csv' | 'html' | 'pdf';

const PREFIX = 'klasakkoord';
/** Length of the name before the extension; leaves room for "(1)" suffixes and deep folders. */
const MAX_BASE = 60;

/** Letters that Unicode does not decompose into ASCII letters plus accents. */
const FOLD: Record<string, string> = {
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	ø: 'o',
	ł: 'l',
	đ: 'd',
	ð: 'd',
	þ: 'th',
	ı: 'i'
};

/** "3B / Mentor-uur!" → "3b-mentor-uur", "Ééntje" → "eentje". */
export function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[ßæœøłđðþı]/g, (letter) => FOLD[letter] ?? '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** The export's day as YYYY-MM-DD in UTC, so the name is the same on every machine. */
function day(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: ${iso}`);
	return date.toISOString().slice(0, 10);
}

export function exportFilename(record: SessionRecord, ext: ExportExtension): string {
	const base = `${PREFIX}-${day(record.exportedAt)}`;
	// The class name when it leaves something readable; the session code otherwise (e.g. "!!!" or "日本").
	const slug = slugify(record.className ?? '') || slugify(record.code);
	const room = MAX_BASE - base.length - 1;
	const cut = slug.slice(0, room).replace(/-+$/, '');
	return `${cut ? `${base}-${cut}` : base}.${ext}`;
}
