import { normalize } from '$lib/lessons/text';

/**
 * Near-duplicate proposals, so the mentor can merge "niet filmen zonder toestemming" and "Filmen zonder
 * toestemming mag niet!" into one before the vote. Wording, not meaning: two proposals that say the
 * same with different words are not found, and a proposal and its negation share most of their words.
 */

/**
 * Words that carry no content in a class agreement. Negations (niet, geen, nooit, niemand, not, no,
 * never) stay in as ordinary words, so a negation counts as one differing word: "niet filmen zonder
 * toestemming" and "filmen zonder toestemming" still score high (see the header).
 */
const STOPWORDS = new Set(
	`
	de het een en of in op aan van voor met bij naar om te tot uit over als dan ook wel nog al maar want dus
	we wij je jij jullie ze zij hij ik u me mij mijn ons onze jouw jullie hun haar zijn zich elkaar
	dat die dit deze er hier daar wat wie waar
	is ben bent was waren wordt worden word hebben heeft heb hebt had
	mag mogen moet moeten kan kunnen kun zal zullen wil willen gaan gaat doen doet
	the a an and or of in on at to for with by from as if so but
	we us our you your i me my it its this that these those they them their he she his her
	is are am be been was were will would should shall must can could may might do does did have has had
	lets let
	iemand iets eerst voordat even gewoon echt heel erg alsjeblieft
	someone somebody anyone anybody something anything first just really very please
`
		.split(/\s+/)
		.filter(Boolean)
);

/** Longest first, so "filmpjes" loses "pjes" rather than "s". */
const SUFFIXES = ['ingen', 'pjes', 'tjes', 'ing', 'pje', 'tje', 'jes', 'en', 'ed', 'es', 'je', 's', 't', 'e'];

/**
 * A rough stem, good enough to make inflections of one word equal; it is not a real word. "filmen",
 * "filmt", "films", "filming", "gefilmd" all become "film"; "vragen", "vraagt" and "gevraagd" become
 * "vrag": after cutting the ending, doubled vowels and a doubled last consonant are made single, as
 * Dutch spelling doubles them in open and closed syllables.
 */
function stem(word: string): string {
	let w = word;
	// Past participle: ge-...-d/t. Not "geen" (a negation) or short words like "geld".
	if (/^ge\p{L}{3,}[dt]$/u.test(w)) w = w.slice(2, -1);
	else {
		const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= 3);
		if (suffix) w = w.slice(0, -suffix.length);
	}
	return w.replace(/([aeou])\1/g, '$1').replace(/([^aeiou])\1$/, '$1');
}

export interface Features {
	stems: Set<string>;
	trigrams: Set<string>;
}

/** What the comparison needs of a text; worth keeping when the same text is compared again. */
export function features(text: string): Features {
	const words = normalize(text).split(' ').filter(Boolean);
	const content = words.filter((w) => !STOPWORDS.has(w));
	// A proposal of only stopwords ("we doen het") still needs something to compare.
	const kept = content.length > 0 ? content : words;
	const trigrams = new Set<string>();
	for (const word of kept) {
		const padded = ` ${word} `;
		for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
	}
	return { stems: new Set(kept.map(stem)), trigrams };
}

function overlap(a: Set<string>, b: Set<string>): number {
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	let shared = 0;
	for (const x of small) if (large.has(x)) shared++;
	return shared;
}

function score(a: Features, b: Features): number {
	if (a.stems.size === 0 || b.stems.size === 0) return 0;
	const sharedStems = overlap(a.stems, b.stems);
	const jaccard = sharedStems / (a.stems.size + b.stems.size - sharedStems);
	const dice = (2 * overlap(a.trigrams, b.trigrams)) / (a.trigrams.size + b.trigrams.size);
	// Word stems decide; trigrams add credit for spelling slips and endings the stemmer misses.
	return 0.6 * jaccard + 0.4 * dice;
}

/** How alike two short proposals are in wording, 0 (nothing shared) to 1 (the same content words). */
export function similarity(a: string, b: string): number {
	return score(features(a), features(b));
}

/** The most alike of the earlier items at or above the threshold, or null. */
export function bestEarlier(
	mine: Features,
	earlier: Array<{ id: string; features: Features }>,
	threshold = 0.6
): { into: string; score: number } | null {
	let best: { into: string; score: number } | null = null;
	for (const other of earlier) {
		const s = score(mine, other.features);
		if (s >= threshold && (!best || s > best.score)) best = { into: other.id, score: s };
	}
	return best;
}

/**
 * For each proposal, the most alike earlier proposal at or above the threshold: merging the later
 * duplicate into the first keeps the oldest id, which students may already have voted on. A chain is
 * possible (3 into 2, 2 into 1); the caller follows it.
 */
export function suggestMerges<T extends { id: string; text: string }>(
	items: T[],
	threshold = 0.6
): Array<{ id: string; into: string; score: number }> {
	const prepared = items.map((item) => ({ id: item.id, features: features(item.text) }));
	return prepared.flatMap((item, i) => {
		const best = bestEarlier(item.features, prepared.slice(0, i), threshold);
		return best ? [{ id: item.id, ...best }] : [];
	});
}
