/**
 * An advisory hint for rules phrased as a ban. Agreements that say what the class does ("we ask
 * first") are easier to keep and to remind each other of than lists of what is forbidden. The hint
 * never blocks a proposal.
 */
import type { Lang } from '$lib/lessons/types';

/**
 * Words that make a rule a prohibition, in either language: a Dutch class sometimes writes in English
 * and the other way round, and the hint is in the session's language anyway. "mag niet" is covered by
 * "niet", "not allowed" by "not".
 */
const PROHIBITION = new RegExp(
	String.raw`(?<![\p{L}\p{N}])(?:` +
		[
			// Dutch
			'niet',
			'nooit',
			'geen',
			'niets',
			'niks',
			'niemand',
			'nergens',
			'verbod',
			'verboden',
			// English
			'not',
			'never',
			'nobody',
			'nothing',
			String.raw`no\s+one`,
			'forbidden',
			'prohibited',
			'dont',
			String.raw`(?:do|does|don|can|won|must|should|is|are|shall)n['’]t`,
			'cannot'
		].join('|') +
		String.raw`)(?![\p{L}\p{N}])`,
	'iu'
);

/** "No filming in the changing room": "no" opening a sentence, where it is a ban rather than an answer word. */
const NO_AT_START = /(?:^|[.!?\n])\s*["'“‘(]?no\s/iu;

const HINTS: Record<Lang, string> = {
	nl: 'Tip: schrijf wat we wél doen, in de wij-vorm. Bijvoorbeeld: "We vragen toestemming voordat we iemand filmen."',
	en: 'Tip: write what we do, in the "we" form. For example: "We ask for consent before we film someone."'
};

/** A tip to rephrase a prohibition as what we do, or null when the text bans nothing. */
export function phrasingHint(text: string, lang: Lang): string | null {
	const bans = PROHIBITION.test(text) || NO_AT_START.test(text);
	return bans ? HINTS[lang] : null;
}
