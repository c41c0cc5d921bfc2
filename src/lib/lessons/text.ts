/** Small text tools shared by the tone check, the readability figures and proposal similarity. */

/**
 * Lower case, no diacritics, no apostrophes, every other non-letter a single space. "Eigen-Schuld!"
 * and "eigen schuld" become the same; "naïef" becomes "naief"; "don't" becomes "dont".
 */
export function normalize(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/['’‘`´]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Markdown to readable text for counting: no emphasis marks, link targets, list bullets or tables. */
export function stripMarkdown(markdown: string): string {
	return markdown
		.replace(/```[\s\S]*?```/g, ' ')
		.replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/^\s{0,3}(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/gm, '')
		.replace(/^\s*>\s?/gm, '')
		.replace(/^\s*\|?\s*:?-{2,}.*$/gm, '')
		.replace(/\|/g, '\n')
		.replace(/[*_~`#]/g, '');
}

/**
 * Sentences of a text: a line break, or ., ! or ? followed by a space, ends a sentence. List items and
 * table cells are sentences of their own. Empty pieces are dropped.
 */
export function sentences(text: string): string[] {
	return text
		.split(/\n+|(?<=[.!?…])["”’)]?\s+/)
		.map((sentence) => sentence.trim())
		.filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

export function words(sentence: string): string[] {
	return sentence.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}
