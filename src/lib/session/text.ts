/** Rules for text that students and mentors type: proposals, edits and rules. */

export const MAX_TEXT = 280;

export type TextError = 'empty' | 'too_long' | 'control' | 'encoding';

/**
 * Cleans a typed text: line breaks become spaces (a proposal is one line), runs of spaces one space.
 * Refuses control characters and text that arrived as broken UTF-8 (decoded to U+FFFD), rather than
 * quietly changing what someone wrote.
 */
export function cleanText(raw: string): { ok: true; text: string } | { ok: false; error: TextError } {
	if (raw.includes('\uFFFD') || /[\uD800-\uDFFF]/u.test(raw.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
		return { ok: false, error: 'encoding' };
	}
	const unified = raw.replace(/\r\n?|\n|\t/g, ' ');
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/.test(unified)) {
		return { ok: false, error: 'control' };
	}
	const text = unified.normalize('NFC').replace(/\s+/g, ' ').trim();
	if (!text) return { ok: false, error: 'empty' };
	if ([...text].length > MAX_TEXT) return { ok: false, error: 'too_long' };
	return { ok: true, text };
}

/** Length as a person counts it (code points), for the counter on the form. */
export function textLength(text: string): number {
	return [...text].length;
}
