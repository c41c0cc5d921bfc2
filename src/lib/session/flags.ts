/**
 * Automatic flags on a student's proposal. A flag only draws the mentor's eye; the mentor decides. So
 * each check leans towards staying quiet on ordinary class-agreement text: a flag that fires on every
 * other proposal stops being read.
 */
import { ABBREVIATED_TITLES, ABBREVIATIONS, ALLOWED, COMPOUND_HEADS, FUNCTION_WORDS, INSULTS_EN, INSULTS_NL, key, PARTICLES, TITLES } from './flag-words';
import type { Flag, FlagReason } from './types';

function allCaps(word: string): boolean {
	return word === word.toUpperCase() && word !== word.toLowerCase();
}

function isCommon(word: string): boolean {
	// Short capitals are acronyms (PE, ICT, LO); long ones are shouting ("NOOIT"), not names.
	if (allCaps(word)) return true;
	const k = key(word);
	if (ALLOWED.has(k)) return true;
	const [head = k] = k.split(/['-]/);
	if (ALLOWED.has(head)) return true;
	return COMPOUND_HEADS.some((word) => k.startsWith(word));
}

interface Token {
	word: string;
	start: number;
	end: number;
	capital: boolean;
	sentenceStart: boolean;
	sentence: number;
}

const WORD = /(?<![\p{L}\p{M}\p{N}_@#'’])\p{L}[\p{L}\p{M}\p{N}]*(?:['’-]\p{L}[\p{L}\p{M}\p{N}]*)*/gu;
const OPENING_QUOTES = new Set(['“', '„', '‘', '‚', '«', '‹']);
const SKIPPED_BEFORE_WORD = new Set(['”', '’', '»', '›', ')', ']', '*', '•', '-', '–', '—']);
const SENTENCE_ENDS = new Set(['.', '!', '?', ':', '…']);

/** Whether the full stop at `dot` belongs to an abbreviation or an initial ("bijv.", "Mr.", "J.") rather than ending a sentence. */
function abbreviationBefore(text: string, dot: number): boolean {
	if (text[dot] !== '.') return false;
	const before = /[\p{L}.]+$/u.exec(text.slice(0, dot))?.[0] ?? '';
	if (/^\p{Lu}$/u.test(before)) return true;
	const k = key(before.replace(/\./g, ''));
	return ABBREVIATIONS.has(k) || ABBREVIATED_TITLES.has(k);
}

/** Start of text, after . ! ? : … or a line break, or right after an opening quote. */
function atSentenceStart(text: string, index: number): boolean {
	for (let i = index - 1; i >= 0; i--) {
		const c = text[i] ?? '';
		if (c === '\n' || c === '\r') return true;
		if (OPENING_QUOTES.has(c)) return true;
		if (c === '"' || c === "'") {
			// A straight quote opens when nothing but space or an opening bracket comes before it.
			if (i === 0 || /[\s([{]/.test(text[i - 1] ?? '')) return true;
			continue;
		}
		if (/\s/.test(c) || SKIPPED_BEFORE_WORD.has(c)) continue;
		if (SENTENCE_ENDS.has(c)) return !abbreviationBefore(text, i);
		return false;
	}
	return true;
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let sentence = 0;
	for (const m of text.matchAll(WORD)) {
		const start = m.index;
		const sentenceStart = atSentenceStart(text, start);
		if (sentenceStart && tokens.length > 0) sentence++;
		tokens.push({ word: m[0], start, end: start + m[0].length, capital: /^\p{Lu}/u.test(m[0]), sentenceStart, sentence });
	}
	return tokens;
}

/** Whether only spaces (and, after an abbreviated title, its full stop) separate two tokens. */
function adjacent(text: string, a: Token, b: Token, allowDot = false): boolean {
	const gap = text.slice(a.end, b.start);
	return allowDot ? /^\.?[ \t\u00a0]+$|^\.$/.test(gap) : /^[ \t\u00a0]+$/.test(gap);
}

/** The title before token `i`, skipping name particles ("meneer van Dijk"), or -1. */
function titleBefore(text: string, tokens: Token[], i: number): number {
	let j = i - 1;
	while (j >= 0) {
		const prev = tokens[j];
		const next = tokens[j + 1];
		if (!prev || !next) return -1;
		const k = key(prev.word);
		if (TITLES.has(k)) return adjacent(text, prev, next, ABBREVIATED_TITLES.has(k)) ? j : -1;
		if (!PARTICLES.has(k) || !adjacent(text, prev, next)) return -1;
		j--;
	}
	return -1;
}

function findPersons(text: string, claimed: Array<[number, number]>): Array<{ index: number; match: string }> {
	const tokens = tokenize(text).filter((t) => !claimed.some(([s, e]) => t.start < e && t.end > s));
	const titleCase = new Set<number>();
	const capitalisedFunctionWords = new Map<number, number>();
	for (const t of tokens) {
		if (t.sentenceStart || !t.capital || !FUNCTION_WORDS.has(key(t.word))) continue;
		const count = (capitalisedFunctionWords.get(t.sentence) ?? 0) + 1;
		capitalisedFunctionWords.set(t.sentence, count);
		if (count >= 2) titleCase.add(t.sentence);
	}

	const candidate = (i: number): boolean => {
		const t = tokens[i];
		if (!t?.capital) return false;
		if (titleBefore(text, tokens, i) >= 0) return true;
		return !t.sentenceStart && !titleCase.has(t.sentence) && !isCommon(t.word);
	};

	const found: Array<{ index: number; match: string }> = [];
	let i = 0;
	while (i < tokens.length) {
		if (!candidate(i)) {
			i++;
			continue;
		}
		// Grow the name over further capitalised words and particles: "Jan de Vries", "Sanne Jansen".
		let last = i;
		for (let j = i + 1; j < tokens.length; j++) {
			const prev = tokens[j - 1];
			const t = tokens[j];
			if (!prev || !t || !adjacent(text, prev, t)) break;
			if (candidate(j)) last = j;
			else if (!PARTICLES.has(key(t.word))) break;
		}
		const title = titleBefore(text, tokens, i);
		const first = tokens[title >= 0 ? title : i];
		const end = tokens[last];
		if (first && end) found.push({ index: first.start, match: text.slice(first.start, end.end) });
		i = last + 1;
	}
	return found;
}

// ---------------------------------------------------------------------------------------------------
// Contact details
// ---------------------------------------------------------------------------------------------------

const EMAIL =
	/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|\s?[([]at[)\]]\s?)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/giu;

const URL = /(?:https?:\/\/|www\.)[^\s<>"]+/giu;

/**
 * Bare domains only with a lower-case top-level domain from a short list. A missing space after a full
 * stop ("toestemming.De foto") then does not look like a site, and neither do Dutch words that are
 * also top-level domains (de, is, nu, in, it, at).
 */
const DOMAIN =
	/(?<![\p{L}\p{N}@._-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:com|nl|be|org|net|eu|io|info|app|dev|ai|tv|me|gg|ly|co|uk|xyz|online|site|link|edu|gov|fr|es)(?![\p{L}\p{N}-])(?:[/?#][^\s<>"]*)?/gu;

const HANDLE = /(?<![\p{L}\p{N}_.@])@(?=[\p{L}\p{N}_.]*\p{L})[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?/gu;

/** Digit groups with single separators; `phoneLike` decides whether the run is a phone number. */
const DIGITS = /(?<![\p{L}\p{N}+])\+?\(?\d+\)?(?:(?: - |[ .\-/])?\(?\d+\)?)*/gu;

function phoneLike(candidate: string): boolean {
	const digits = candidate.replace(/\D/g, '');
	if (digits.length < 9 || digits.length > 15) return false;
	// 1.000.000.000 is an amount; "2023 2024 2025" is a list of years.
	if (/^\d{1,3}(?:\.\d{3})+$/.test(candidate)) return false;
	const groups = candidate.match(/\d+/g) ?? [];
	if (groups.every((g) => /^(?:19|20)\d\d$/.test(g))) return false;
	// "10 - 12 - 14 - 16" is a list; phone numbers start with + or 0 or have a longer block.
	return /^[+(]|^0/.test(candidate) || groups.some((g) => g.length >= 3);
}

/** Drops trailing punctuation and unbalanced brackets that the patterns take along. */
function trimMatch(match: string): string {
	let m = match.replace(/[.,;:!?'"”’]+$/u, '');
	while (m.endsWith(')') && (m.match(/\(/g) ?? []).length < (m.match(/\)/g) ?? []).length) m = m.slice(0, -1).replace(/[.,;:!?]+$/u, '');
	return m;
}

// ---------------------------------------------------------------------------------------------------
// Insults and swear words
// ---------------------------------------------------------------------------------------------------

const INSULT = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${[...INSULTS_NL, ...INSULTS_EN].join('|')})(?![\p{L}\p{N}])`, 'giu');

/** "kanker" is also the illness: "mijn oma heeft kanker", "onderzoek naar kankercellen". */
const ILLNESS_BEFORE = /(?:heeft|had|hadden|hebben|heb|hebt|aan|tegen|kreeg|kregen|gekregen|over|met|genezen van|soort|vorm|naar)\s+$/iu;
const ILLNESS_COMPOUND =
	/^kanker(?:onderzoek|pati[eë]nt|cel|bestrijding|fonds|behandeling|diagnose|gezwel|vrij|verwekkend|risico|soort|afdeling|arts|specialist|centrum)/iu;

function swearing(text: string, match: string, index: number): boolean {
	if (!/^kanker/iu.test(match)) return true;
	if (ILLNESS_COMPOUND.test(match)) return false;
	return !(/^kanker$/iu.test(match) && ILLNESS_BEFORE.test(text.slice(0, index)));
}

// ---------------------------------------------------------------------------------------------------

interface Found {
	reason: FlagReason;
	index: number;
	match: string;
}

/**
 * The flags for a proposal, one per distinct match (case-insensitive), in order of first appearance.
 * Contact details are found first and hidden from the later checks, so "tiktok.com/@x" is one link and
 * not also a handle, and a name inside an e-mail address is not also a person.
 */
export function flagText(text: string): Flag[] {
	const found: Found[] = [];
	const claimed: Array<[number, number]> = [];
	const free = (start: number, end: number) => !claimed.some(([s, e]) => start < e && end > s);

	const take = (reason: FlagReason, pattern: RegExp, accept: (match: string, index: number) => boolean = () => true) => {
		for (const m of text.matchAll(pattern)) {
			const match = trimMatch(m[0]);
			const start = m.index;
			const end = start + match.length;
			if (!match || !free(start, end) || !accept(match, start)) continue;
			found.push({ reason, index: start, match });
			claimed.push([start, end]);
		}
	};

	take('email', EMAIL);
	take('link', URL);
	take('link', DOMAIN);
	take('phone', DIGITS, phoneLike);
	take('handle', HANDLE);
	take('insult', INSULT, (match, index) => swearing(text, match, index));
	for (const person of findPersons(text, claimed)) found.push({ reason: 'person', ...person });

	const seen = new Set<string>();
	return found
		.sort((a, b) => a.index - b.index)
		.filter((f) => {
			const id = `${f.reason}\u0000${f.match.toLowerCase()}`;
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		})
		.map(({ reason, match }) => ({ reason, match }));
}
