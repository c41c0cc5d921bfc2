import {
	ACTION,
	ACTION_SUGGESTION,
	CONTEXT_SUGGESTION,
	CONTEXT_WORDS,
	LAW_NAMES,
	PHRASES,
	RISK,
	aboutForwardingEvenWithConsent,
	aboutForwardingWithoutConsent,
	citesLaw
} from './tone-rules';
import { normalize } from './text';
import type { Block, Lesson, Step } from './types';

export type ToneRule = 'phrase' | 'context' | 'risk-without-action' | 'no-action-step' | 'no-helpcard';

export interface ToneFinding {
	file: string;
	line: number;
	rule: ToneRule;
	/** The phrase or word found, as the rule names it. */
	phrase: string;
	suggestion: string;
}

/** Who reads a stretch of the file. Quoted myths are exempt from the word rules. */
type Voice = 'student' | 'mentor' | 'myth';

interface Region {
	voice: Voice;
	step: Step | null;
	lines: Array<{ line: number; text: string }>;
}

interface Sentence {
	region: Region;
	normalized: string;
	/** Normalised text of each source line the sentence touches, for finding the line of a match. */
	lines: Array<{ line: number; normalized: string }>;
}

/**
 * Checks a parsed lesson against its source for scaremongering and victim blaming: listed phrases
 * anywhere in the lesson's own voice (facilitator notes included), context words outside sentences
 * about forwarding without consent or even with consent (see `contextAllowed`), and for student modules a risk without an action in its step, no
 * step about what students can do, or no help card. Text in `:::myth` blocks and `:::statement myth`
 * is a quoted voice and exempt from the word rules.
 */
export function checkTone(source: string, lesson: Lesson): ToneFinding[] {
	const findings: ToneFinding[] = [];
	const file = lesson.file;
	const sourceLines = source.replace(/\r\n?/g, '\n').split('\n');
	const regions = collectRegions(sourceLines, lesson);

	for (const sentence of regions.flatMap(splitSentences)) {
		if (sentence.region.voice === 'myth') continue;
		for (const { phrase, pattern, suggestion } of PHRASES) {
			for (const match of sentence.normalized.matchAll(pattern)) {
				findings.push({ file, line: lineOf(sentence, match[0]), rule: 'phrase', phrase, suggestion });
			}
		}
		if (!contextAllowed(sentence, lesson)) {
			for (const match of sentence.normalized.replace(LAW_NAMES, 'wet').matchAll(CONTEXT_WORDS)) {
				findings.push({ file, line: lineOf(sentence, match[0]), rule: 'context', phrase: match[0], suggestion: CONTEXT_SUGGESTION });
			}
		}
	}

	if (lesson.meta.audience === 'students') findings.push(...checkStructure(regions, lesson));
	return findings.sort((a, b) => a.line - b.line);
}

/**
 * Where the context words ("strafbaar", "crime", …) may stand: in a sentence about forwarding without
 * consent, or about forwarding that stays unlawful even with consent (a minor's sexual image). Text for
 * adults may also use them where it cites the law by article, and a staff module's notes for the
 * mentor (legal duties are their subject) may use them freely. Student text never gets these two.
 */
function contextAllowed(sentence: Sentence, lesson: Lesson): boolean {
	const text = sentence.normalized;
	if (aboutForwardingWithoutConsent(text) || aboutForwardingEvenWithConsent(text)) return true;
	const forAdults = sentence.region.voice === 'mentor' || lesson.meta.audience !== 'students';
	if (forAdults && citesLaw(text)) return true;
	return lesson.meta.audience === 'staff' && sentence.region.voice === 'mentor';
}

function checkStructure(regions: Region[], lesson: Lesson): ToneFinding[] {
	const findings: ToneFinding[] = [];
	const file = lesson.file;
	let actionSteps = 0;

	for (const step of lesson.steps) {
		const studentRegions = regions.filter((region) => region.step === step && region.voice === 'student');
		const sentences = studentRegions.flatMap(splitSentences);
		const actions = new Set(sentences.flatMap((sentence) => [...sentence.normalized.matchAll(ACTION)].map((m) => m[0])));
		if (actions.size >= 2) actionSteps++;
		const risky = sentences.find((sentence) => new RegExp(RISK.source).test(sentence.normalized));
		if (risky && actions.size === 0) {
			const risk = risky.normalized.match(new RegExp(RISK.source))?.[0] ?? '';
			findings.push({
				file,
				line: lineOf(risky, risk),
				rule: 'risk-without-action',
				phrase: risk,
				suggestion: `step ${step.number} names a risk but no action: ${ACTION_SUGGESTION}`
			});
		}
	}

	if (actionSteps === 0) {
		findings.push({
			file,
			line: lesson.steps[0]?.line ?? 1,
			rule: 'no-action-step',
			phrase: '',
			suggestion: 'no step is about what students can do: add a step where they practise it (write a reply, plan what a bystander does)'
		});
	}
	const hasHelpcard = lesson.steps.some((step) => step.blocks.some((block) => block.type === 'helpcard'));
	if (!hasHelpcard) {
		findings.push({
			file,
			line: lesson.steps.at(-1)?.line ?? 1,
			rule: 'no-helpcard',
			phrase: '',
			suggestion: 'every student module shows the help card: add an empty ":::helpcard" block, usually in the last step'
		});
	}
	return findings;
}

function collectRegions(sourceLines: string[], lesson: Lesson): Region[] {
	const span = (from: number, to: number) =>
		sourceLines.slice(from - 1, to).map((text, index) => ({ line: from + index, text }));
	const regions: Region[] = [];

	const frontEnd = sourceLines.findIndex((line, index) => index > 0 && line.trim() === '---') + 1;
	const frontText = span(2, frontEnd - 1).filter(({ text }) => /^\s*(title|summary|-)\b|^\s*-\s/.test(text));
	regions.push({ voice: 'mentor', step: null, lines: frontText.map(({ line, text }) => ({ line, text: text.replace(/^\s*(title|summary)\s*:|^\s*-\s/, '') })) });

	const blockRegion = (block: Block, step: Step | null): Region | null => {
		const inner = block.type === 'class' ? span(block.line, block.end) : span(block.line + 1, block.end - 1);
		switch (block.type) {
			case 'helpcard':
				return null;
			case 'notes':
				return { voice: 'mentor', step, lines: inner };
			case 'myth':
				return { voice: 'myth', step, lines: inner };
			case 'activity': {
				const header = { line: block.line, text: block.activity.label };
				const voice = block.activity.myth ? 'myth' : 'student';
				return { voice, step, lines: [header, ...inner] };
			}
			case 'class':
				return { voice: step ? 'student' : 'mentor', step, lines: inner };
		}
	};

	for (const block of lesson.intro) {
		const region = blockRegion(block, null);
		if (region) regions.push(region);
	}
	for (const step of lesson.steps) {
		regions.push({ voice: 'student', step, lines: [{ line: step.line, text: step.title }] });
		for (const block of step.blocks) {
			const region = blockRegion(block, step);
			if (region) regions.push(region);
		}
	}
	return regions;
}

/**
 * Sentences of a region, each knowing its lines. A sentence ends at ., ! or ?, at a blank line, and
 * before a list item; Markdown wraps long sentences over several lines, so lines are joined first.
 */
function splitSentences(region: Region): Sentence[] {
	const sentences: Sentence[] = [];
	let current: Sentence | null = null;
	const close = () => {
		if (current && current.normalized.trim()) sentences.push({ ...current, normalized: current.normalized.trim() });
		current = null;
	};

	for (const { line, text } of region.lines) {
		if (!text.trim() || /^\s*(?:[-*+]|\d+[.)]|\|)\s/.test(text) || /^\s*#/.test(text)) close();
		// "art. 139h" and "bijv. een" do not end a sentence.
		const pieces = text.split(/(?<=(?<!\b(?:art|Art|nr|bijv|vgl|ca|zgn|e\.g|i\.e))[.!?])\s+/);
		pieces.forEach((piece, index) => {
			if (index > 0) close();
			const normalized = normalize(piece);
			if (!normalized) return;
			current ??= { region, normalized: '', lines: [] };
			current.normalized += ` ${normalized}`;
			current.lines.push({ line, normalized });
		});
		if (/[.!?]\s*$/.test(text)) close();
	}
	close();
	return sentences;
}

function lineOf(sentence: Sentence, match: string): number {
	const firstWord = match.split(' ')[0] ?? match;
	const hit = sentence.lines.find(({ normalized }) => ` ${normalized} `.includes(` ${firstWord}`));
	return (hit ?? sentence.lines[0])?.line ?? 1;
}
