import { sentences, stripMarkdown, words } from './text';
import type { Lang, Lesson } from './types';

export interface Readability {
	sentences: number;
	words: number;
	/** Average words per sentence. */
	wordsPerSentence: number;
	/** Average syllables per word (estimated from vowel groups). */
	syllablesPerWord: number;
	/**
	 * Flesch-Douma for Dutch, Flesch Reading Ease for English: higher is easier; around 60-70 is
	 * plain language for teenagers, above 80 is easy.
	 */
	score: number;
	scoreName: 'Flesch-Douma' | 'Flesch';
}

/**
 * The sentences students see: class text, activities and quoted myths. Not the notes or the intro
 * (for the mentor), and not step titles, which are headings rather than sentences.
 */
export function studentText(lesson: Lesson): string {
	const parts: string[] = [];
	for (const step of lesson.steps) {
		for (const block of step.blocks) {
			if (block.type === 'class' || block.type === 'myth') parts.push(stripMarkdown(block.markdown));
			if (block.type === 'activity') {
				parts.push(stripMarkdown(block.activity.markdown), ...block.activity.options);
			}
		}
	}
	return parts.join('\n');
}

export function readability(text: string, lang: Lang): Readability {
	const list = sentences(text);
	const allWords = list.flatMap(words);
	const syllableCount = allWords.reduce((sum, word) => sum + syllables(word, lang), 0);
	const wordsPerSentence = list.length ? allWords.length / list.length : 0;
	const syllablesPerWord = allWords.length ? syllableCount / allWords.length : 0;
	const score =
		lang === 'nl'
			? 206.84 - 0.77 * (syllablesPerWord * 100) - 0.93 * wordsPerSentence
			: 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord;
	return {
		sentences: list.length,
		words: allWords.length,
		wordsPerSentence: round(wordsPerSentence),
		syllablesPerWord: round(syllablesPerWord),
		score: round(score),
		scoreName: lang === 'nl' ? 'Flesch-Douma' : 'Flesch'
	};
}

/** Vowel groups as syllables; Dutch "ij" and English silent endings handled, digits count as one. */
export function syllables(word: string, lang: Lang): number {
	let w = word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
	if (/^\d+$/.test(w)) return 1;
	if (lang === 'nl') {
		w = w.replace(/ij/g, 'i');
		return Math.max(1, (w.match(/[aeiouy]+/g) ?? []).length);
	}
	w = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
	return Math.max(1, (w.match(/[aeiouy]{1,2}/g) ?? []).length);
}

function round(value: number): number {
	return Math.round(value * 10) / 10;
}
