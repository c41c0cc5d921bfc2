/**
 * Automatic flags on a student's proposal. A flag only draws the mentor's eye; the mentor decides. So
 * each check leans towards staying quiet on ordinary class-agreement text: a flag that fires on every
 * other proposal stops being read.
 */
import { FIRST_NAMES, NAMES_THAT_ARE_WORDS } from './first-names';
import {
	ABBREVIATED_TITLES,
	ABBREVIATIONS,
	ADDRESSED_PRONOUNS,
	AIMED,
	AIMED_PRONOUNS,
	AIMED_VERBS,
	ALLOWED,
	CLASS_AFTER,
	COMPOUND_HEADS,
	COPULAS,
	DETERMINERS,
	FILLERS,
	FUNCTION_WORDS,
	KIN,
	INSULTING_ADJECTIVES,
	INSULTING_NOUNS,
	INSULT_STEMS,
	INSULTS_EN,
	INSULTS_NL,
	key,
	NEGATIONS,
	OPINION_VERBS,
	PARTICLES,
	POSSESSIVES,
	SURNAME_PARTICLES,
	TITLES
} from './flag-words';
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

/**
 * Whether a word is a given name: `name` for one that is a name wherever it stands ("Sanne", "sanne",
 * "Sanne's", "Anne-Sophie"), `word` for a name that is also an everyday word ("Roos", "max", "Will").
 */
function nameKind(k: string): 'name' | 'word' | null {
	const bare = k.includes("'") ? k.replace(/'s?$/, '') : k;
	if (bare.includes('-')) {
		const parts = bare.split('-');
		return parts.every((part) => FIRST_NAMES.has(part) || NAMES_THAT_ARE_WORDS.has(part)) && parts.some((part) => FIRST_NAMES.has(part))
			? 'name'
			: null;
	}
	if (NAMES_THAT_ARE_WORDS.has(bare)) return 'word';
	if (!FIRST_NAMES.has(bare)) return null;
	return ALLOWED.has(bare) ? 'word' : 'name';
}

interface Token {
	word: string;
	/** The word as `key` compares it. */
	key: string;
	start: number;
	end: number;
	capital: boolean;
	sentenceStart: boolean;
	sentence: number;
	/** Already flagged as an insult, so not a name, but it completes an insult aimed at one. */
	insult: boolean;
}

const WORD = /(?<![\p{L}\p{M}\p{N}_@#'’])\p{L}[\p{L}\p{M}\p{N}]*(?:['’-]\p{L}[\p{L}\p{M}\p{N}]*)*/gu;
const OPENING_QUOTES = new Set(['“', '„', '‘', '‚', '«', '‹']);
const SKIPPED_BEFORE_WORD = new Set(['”', '’', '»', '›', ')', ']', '*', '•', '-', '–', '—']);
const SENTENCE_ENDS = new Set(['.', '!', '?', ':', '…']);

/** Whether the full stop at `dot` belongs to an abbreviation or an initial ("bijv.", "Mr.", "J.") rather than ending a sentence. */
function abbreviationBefore(text: string, dot: number): boolean {
	if (text[dot] !== '.') return false;
	// Abbreviations are short: looking back 20 characters keeps this linear in the length of the text.
	const before = /[\p{L}.]+$/u.exec(text.slice(Math.max(0, dot - 20), dot))?.[0] ?? '';
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

/** The words of the text outside contact details; words inside an insult found earlier are marked. */
function tokenize(text: string, claimed: ReadonlyArray<Claim>): Token[] {
	const tokens: Token[] = [];
	let sentence = 0;
	let words = 0;
	for (const m of text.matchAll(WORD)) {
		const start = m.index;
		const end = start + m[0].length;
		const sentenceStart = atSentenceStart(text, start);
		if (sentenceStart && words > 0) sentence++;
		words++;
		const claim = claimed.find((c) => start < c.end && end > c.start);
		if (claim && claim.reason !== 'insult') continue;
		tokens.push({
			word: m[0],
			key: key(m[0]),
			start,
			end,
			capital: /^\p{Lu}/u.test(m[0]),
			sentenceStart,
			sentence,
			insult: claim !== undefined
		});
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
		if (TITLES.has(prev.key)) return adjacent(text, prev, next, ABBREVIATED_TITLES.has(prev.key)) ? j : -1;
		if (!PARTICLES.has(prev.key) || !adjacent(text, prev, next)) return -1;
		j--;
	}
	return -1;
}

const AIMED_WORD = new RegExp(`^(?:${AIMED.join('|')})$`, 'iu');

/**
 * What is said of the person ending at token `i`, when it is an insult: "is (echt zo) lelijk", "is een
 * dikke koe", "stinkt", "is so fat"; also through family ("zn moeder is dik") and after a verb of
 * opinion ("vindt Mila stom"). `found` when there is one; `words` are the insulting words that no
 * earlier check flagged. `possessive` for "Lewis's", "Thomas'"; `copulaIncluded` for "she's".
 */
function aimedAfter(tokens: Token[], i: number, possessive: boolean, copulaIncluded = false): { found: boolean; words: Token[] } {
	const none = { found: false, words: [] };
	const target = tokens[i];
	if (!target) return none;
	const at = (j: number) => {
		const t = tokens[j];
		return t && t.sentence === target.sentence ? t : undefined;
	};
	let j = i + 1;
	if (POSSESSIVES.has(at(j)?.key ?? '') && KIN.has(at(j + 1)?.key ?? '')) j += 2;
	else if (possessive && KIN.has(at(j)?.key ?? '')) j += 1;
	// Not family: "Emily's ugly" is "Emily is ugly"; "Thomas' ugly" says nothing.
	else if (possessive) copulaIncluded = target.key.endsWith("'s");
	const first = at(j);
	if (!first) return none;
	const opinion = OPINION_VERBS.has(at(i - 1)?.key ?? '');
	if (!copulaIncluded && !opinion && AIMED_VERBS.has(first.key)) {
		return NEGATIONS.has(at(j + 1)?.key ?? '') ? none : { found: true, words: [first] };
	}
	if (!copulaIncluded && !opinion) {
		if (!COPULAS.has(first.key)) return none;
		j++;
	}
	const words: Token[] = [];
	let found = false;
	let fillers = 0;
	for (let t = at(j); t && !NEGATIONS.has(t.key); t = at(++j)) {
		if (t.insult || AIMED_WORD.test(t.word)) {
			found = true;
			fillers = 0;
			if (!t.insult) words.push(t);
		} else if (FILLERS.has(t.key) && fillers < 3) fillers++;
		else break;
	}
	return { found, words };
}

interface Person {
	index: number;
	match: string;
	/** The last token of the name, where what is said of the person follows. */
	last: number;
}

/**
 * Names of people, and insults aimed at a person. A name is a capitalised word in the middle of a
 * sentence that is not a common word, a word after a title, or a given name from the list, in any case
 * and anywhere; a given name that is also a word ("roos", "max", "Will") counts only in a person
 * context: "die van roos", "roos uit 2b", "roos is dom".
 */
function findPersons(text: string, tokens: Token[]): { persons: Person[]; insults: Found[] } {
	const perSentence = new Map<number, { words: number; capitals: number; functionWords: number }>();
	for (const t of tokens) {
		const counts = perSentence.get(t.sentence) ?? { words: 0, capitals: 0, functionWords: 0 };
		counts.words++;
		if (t.capital) counts.capitals++;
		if (t.capital && !t.sentenceStart && FUNCTION_WORDS.has(t.key)) counts.functionWords++;
		perSentence.set(t.sentence, counts);
	}
	// Title Case, where capitals say nothing: two capitalised function words, or every word capitalised.
	const titleCase = new Set(
		[...perSentence].filter(([, c]) => c.functionWords >= 2 || (c.words >= 3 && c.capitals === c.words)).map(([sentence]) => sentence)
	);

	const inPersonContext = (i: number): boolean => {
		const t = tokens[i];
		const before = tokens[i - 1];
		if (!t) return false;
		if (before && before.sentence === t.sentence && DETERMINERS.has(before.key) && adjacent(text, before, t)) return false;
		if (before?.key === 'van' && tokens[i - 2]?.key === 'die') return true;
		if (CLASS_AFTER.test(text.slice(t.end, t.end + 40))) return true;
		return aimedAfter(tokens, i, /'s?$/.test(t.key)).found;
	};

	const candidate = (i: number): 'yes' | 'maybe' | false => {
		const t = tokens[i];
		if (!t || t.insult) return false;
		const kind = nameKind(t.key);
		const title = titleBefore(text, tokens, i);
		if (title >= 0) {
			if (t.capital || kind) return 'yes';
			if (FUNCTION_WORDS.has(t.key) || isCommon(t.word)) return false;
			// "de juf", "the teacher": a noun, not a title.
			const beforeTitle = tokens[title - 1];
			if (beforeTitle && DETERMINERS.has(beforeTitle.key)) return false;
			// "meneer de vries", "mrs davies": a surname in lower case after a Dutch particle or an abbreviated title.
			const particles = tokens.slice(title + 1, i);
			if (particles.length > 0 && particles.every((p) => SURNAME_PARTICLES.has(p.key))) return 'yes';
			return ABBREVIATED_TITLES.has(tokens[title]?.key ?? '') ? 'yes' : 'maybe';
		}
		if (kind === 'name') return 'yes';
		if (t.capital && !t.sentenceStart && !titleCase.has(t.sentence) && !isCommon(t.word)) return 'yes';
		return kind === 'word' ? 'maybe' : false;
	};

	const persons: Person[] = [];
	let i = 0;
	while (i < tokens.length) {
		const kind = candidate(i);
		if (!kind || (kind === 'maybe' && !inPersonContext(i))) {
			i++;
			continue;
		}
		// Grow the name over further capitalised words and particles: "Jan de Vries", "Sanne Jansen".
		let last = i;
		for (let j = i + 1; j < tokens.length; j++) {
			const prev = tokens[j - 1];
			const t = tokens[j];
			if (!prev || !t || !adjacent(text, prev, t)) break;
			if (t.capital && candidate(j) === 'yes') last = j;
			else if (!PARTICLES.has(t.key)) break;
		}
		const title = titleBefore(text, tokens, i);
		const first = tokens[title >= 0 ? title : i];
		const end = tokens[last];
		if (first && end) persons.push({ index: first.start, match: text.slice(first.start, end.end), last });
		i = last + 1;
	}

	const insults: Found[] = [];
	const aimedAt = (last: number, possessive: boolean, copulaIncluded = false) => {
		for (const t of aimedAfter(tokens, last, possessive, copulaIncluded).words)
			insults.push({ reason: 'insult', index: t.start, match: t.word });
	};
	for (const person of persons) aimedAt(person.last, /'s?$/.test(tokens[person.last]?.key ?? ''));
	tokens.forEach((t, index) => {
		if (AIMED_PRONOUNS.has(t.key) || (t.sentenceStart && ADDRESSED_PRONOUNS.has(t.key))) aimedAt(index, false, t.key.includes("'"));
	});
	return { persons, insults };
}

interface Found {
	reason: FlagReason;
	index: number;
	match: string;
}

interface Claim {
	reason: FlagReason;
	start: number;
	end: number;
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

/** An insulting adjective before an animal or swear word: "dikke koe", "fat pig". */
const INSULTING_PAIR = new RegExp(
	String.raw`(?<![\p{L}\p{N}])(?:${INSULTING_ADJECTIVES.join('|')})\s+(?:${INSULTING_NOUNS.join('|')})(?![\p{L}\p{N}])`,
	'giu'
);

/** Cheap tests before the slow patterns: most proposals hold no insult at all. */
const INSULTING_PAIR_HINT = new RegExp(`(?:${INSULTING_ADJECTIVES.join('|')})\\s`, 'i');

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

/**
 * The flags for a proposal, one per distinct match (case-insensitive), in order of first appearance.
 * Contact details are found first and hidden from the later checks, so "tiktok.com/@x" is one link and
 * not also a handle, and a name inside an e-mail address is not also a person.
 */
export function flagText(text: string): Flag[] {
	const found: Found[] = [];
	const claimed: Claim[] = [];
	const free = (start: number, end: number) => !claimed.some((c) => start < c.end && end > c.start);

	const take = (reason: FlagReason, pattern: RegExp, accept: (match: string, index: number) => boolean = () => true) => {
		for (const m of text.matchAll(pattern)) {
			const match = trimMatch(m[0]);
			const start = m.index;
			const end = start + match.length;
			if (!match || !free(start, end) || !accept(match, start)) continue;
			found.push({ reason, index: start, match });
			claimed.push({ reason, start, end });
		}
	};

	take('email', EMAIL);
	take('link', URL);
	take('link', DOMAIN);
	take('phone', DIGITS, phoneLike);
	take('handle', HANDLE);
	if (INSULTING_PAIR_HINT.test(text)) take('insult', INSULTING_PAIR);
	if (INSULT_STEMS.test(text)) take('insult', INSULT, (match, index) => swearing(text, match, index));
	const { persons, insults } = findPersons(text, tokenize(text, claimed));
	for (const { index, match } of persons) found.push({ reason: 'person', index, match });
	found.push(...insults);

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
