/** Rules for text that students and mentors type: proposals, edits and rules. */

export const MAX_TEXT = 280;

export type TextError = 'empty' | 'too_long' | 'control' | 'encoding';

/**
 * Cleans a typed text: line breaks become spaces (a proposal is one line), runs of spaces one space.
 * Refuses control characters and text that arrived as broken UTF-8 (decoded to U+FFFD), rather than
 * quietly changing what someone wrote.
 */
export function cleanText(raw: string): { ok: true; text: string } | { ok: false; error: TextError; char?: string } {
	if (raw.includes('\uFFFD') || /[\uD800-\uDFFF]/u.test(raw.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
		return { ok: false, error: 'encoding' };
	}
	const unified = raw.replace(/\r\n?|\n|\t/g, ' ');
	// A zero-width joiner between two emoji is part of one emoji (🤷‍♀️, 👨‍👩‍👧, 🏳️‍🌈): text, not a trick.
	const refused = unified.replace(EMOJI_JOINER, '$1').match(REFUSED);
	if (refused) return { ok: false, error: 'control', char: codePoint(refused[0]) };
	const text = unified.normalize('NFC').replace(/\s+/g, ' ').trim();
	if (!text) return { ok: false, error: 'empty' };
	if ([...text].length > MAX_TEXT) return { ok: false, error: 'too_long' };
	return { ok: true, text };
}

// eslint-disable-next-line no-control-regex
const REFUSED = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/u;
/** An emoji (with its variation selector or skin tone), a zero-width joiner, and the next emoji. */
const EMOJI_JOINER = /(\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])?)\u200D(?=\p{Extended_Pictographic})/gu;

/** A character as the message names it: `U+200B`. */
export function codePoint(char: string): string {
	return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Length as a person counts it (code points), for the counter on the form. */
export function textLength(text: string): number {
	return [...text].length;
}
