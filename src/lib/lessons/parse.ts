import { parseFrontMatter } from './frontmatter';
import { markdownToText, renderMarkdown } from './markdown';
import { checkTiming, isOptionalWord, OPTIONAL_MARK } from './timing';
import {
	ACTIVITY_KINDS,
	BLOCK_KINDS,
	type Activity,
	type ActivityKind,
	type Block,
	type BlockKind,
	type Lang,
	type LessonIssue,
	type ParseResult,
	type Step
} from './types';

const STEP_HEADING = /^##\s+(?<title>.+?)\s*\((?<minutes>\d+)\s*min[a-z.]*(?:\s*,\s*(?<flag>[^)]*?))?\s*\)\s*$/i;
const ANY_STEP_HEADING = /^##\s+/;
const BLOCK_OPEN = /^:::\s*(?<kind>[A-Za-z-]+)\s*(?<rest>.*?)\s*$/;
const BLOCK_CLOSE = /^:::\s*$/;
const FENCE = /^\s*(```|~~~)/;
const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d+[.)])\s+(?<item>.+)$/;

interface OpenBlock {
	kind: BlockKind;
	rest: string;
	line: number;
	lines: string[];
	/** Minutes of an activity marked `(optional, n min)`; null when it is required. */
	optional: number | null;
}

interface Draft {
	title: string;
	minutes: number;
	optional: boolean;
	line: number;
	blocks: Block[];
}

/**
 * Parses one lesson file. Pure: takes the text and a name for messages, returns the lesson or every
 * problem found, each with the line it is on.
 */
export function parseLesson(source: string, file: string, lang: Lang): ParseResult {
	const issues: LessonIssue[] = [];
	const report = (line: number, message: string) => issues.push({ file, line, message });
	const lines = source.replace(/\r\n?/g, '\n').split('\n');

	if (lines[0]?.trim() !== '---') {
		report(1, 'a lesson file starts with front matter: a line "---", the fields, and another "---"');
		return { ok: false, issues };
	}
	const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
	if (end < 0) {
		report(1, 'the front matter is not closed: add a line "---" after the last field');
		return { ok: false, issues };
	}
	const front = parseFrontMatter(lines.slice(1, end).join('\n'));
	if (!front.ok) for (const issue of front.issues) report(issue.line + 1, issue.message);

	const intro: Block[] = [];
	const drafts: Draft[] = [];
	let target = intro;
	let open: OpenBlock | null = null;
	let text: { line: number; lines: string[] } | null = null;
	const addText = (line: number, raw: string) => (text ??= { line, lines: [] }).lines.push(raw);
	let inFence = false;

	const flushText = () => {
		if (text && text.lines.join('').trim()) {
			const markdown = trimBlank(text.lines);
			const end = text.line + text.lines.length - 1;
			target.push({ type: 'class', line: text.line, end, markdown, html: renderMarkdown(markdown) });
		}
		text = null;
	};

	for (let index = end + 1; index < lines.length; index++) {
		const raw = lines[index] ?? '';
		const lineNo = index + 1;

		if (FENCE.test(raw)) inFence = !inFence;
		if (inFence && !FENCE.test(raw)) {
			if (open) open.lines.push(raw);
			else addText(lineNo, raw);
			continue;
		}

		if (open) {
			if (BLOCK_CLOSE.test(raw)) {
				const block = closeBlock(open, lineNo, report);
				if (block) target.push(block);
				open = null;
			} else if (BLOCK_OPEN.test(raw)) {
				report(lineNo, `a block cannot start inside the ":::${open.kind}" block opened on line ${open.line}; close that one first with a line ":::"`);
			} else if (ANY_STEP_HEADING.test(raw)) {
				report(open.line, `the ":::${open.kind}" block is not closed before the next step (line ${lineNo}); add a line ":::"`);
				open = null;
				index--;
			} else {
				open.lines.push(raw);
			}
			continue;
		}

		if (ANY_STEP_HEADING.test(raw)) {
			flushText();
			const match = STEP_HEADING.exec(raw);
			if (!match?.groups) {
				report(lineNo, 'a step heading needs its minutes at the end, e.g. "## Welcome (5 min)"');
				continue;
			}
			const flag = match.groups.flag;
			if (flag !== undefined && !isOptionalWord(flag)) {
				report(lineNo, `after the minutes a step heading takes only the word "optional", e.g. "## Extra (5 min, optional)", not "${flag}"`);
			}
			const draft: Draft = {
				title: match.groups.title ?? '',
				minutes: Number(match.groups.minutes),
				optional: flag !== undefined && isOptionalWord(flag),
				line: lineNo,
				blocks: []
			};
			if (draft.minutes < 1) report(lineNo, 'a step takes at least 1 minute');
			drafts.push(draft);
			target = draft.blocks;
			continue;
		}

		if (/^#\s/.test(raw)) {
			report(lineNo, 'a lesson has no "# " headings: the title goes in the front matter and steps start with "## "');
			continue;
		}

		const opening = BLOCK_OPEN.exec(raw);
		if (opening?.groups) {
			const kind = opening.groups.kind?.toLowerCase() ?? '';
			if (!isBlockKind(kind)) {
				report(lineNo, `unknown block ":::${kind}"; known blocks: ${BLOCK_KINDS.join(', ')}`);
				continue;
			}
			flushText();
			let rest = opening.groups.rest ?? '';
			let optional: number | null = null;
			const mark = OPTIONAL_MARK.exec(rest);
			if (mark) {
				rest = rest.slice(0, mark.index).trim();
				if (!isActivityKind(kind)) {
					report(lineNo, `only steps and activities can be optional, not a ":::${kind}" block`);
				} else if (mark[1] === undefined) {
					report(lineNo, `an optional activity says how many minutes it takes, e.g. ":::${kind} (optional, 3 min)"`);
				} else {
					optional = Number(mark[1]);
					if (optional < 1) report(lineNo, 'an optional activity takes at least 1 minute');
				}
			}
			open = { kind, rest, line: lineNo, lines: [], optional };
			continue;
		}
		if (BLOCK_CLOSE.test(raw)) {
			report(lineNo, 'this ":::" closes nothing: there is no open block here');
			continue;
		}

		addText(lineNo, raw);
	}
	if (open) report(open.line, `the ":::${open.kind}" block is not closed; add a line ":::" after its text`);
	flushText();

	if (intro.some((block) => block.type === 'activity')) {
		const first = intro.find((block) => block.type === 'activity');
		report(first?.line ?? 1, 'activities belong to a step: put this block after a "## Step (n min)" heading');
	}
	if (drafts.length === 0) report(end + 2, 'a lesson needs at least one step: a heading such as "## Welcome (5 min)"');

	const steps = drafts.map((draft, index) => toStep(draft, index));
	checkVotes(steps, report);
	if (front.ok && front.meta.audience !== 'students') checkNoCheckin(steps, front.meta.audience, report);

	if (front.ok) {
		const durationLine = lines.findIndex((line) => /^duration\s*:/.test(line)) + 1;
		for (const issue of checkTiming(front.meta, steps, durationLine || 2)) report(issue.line, issue.message);
	}

	if (issues.length > 0 || !front.ok) return { ok: false, issues: sortIssues(issues) };
	return { ok: true, lesson: { file, lang, meta: front.meta, intro, steps } };
}

function closeBlock(open: OpenBlock, end: number, report: (line: number, message: string) => void): Block | null {
	const markdown = trimBlank(open.lines);
	const { kind, rest, line } = open;

	if (kind === 'helpcard') {
		if (markdown || rest) report(line, 'the ":::helpcard" block stays empty: the app fills in the help card');
		return { type: 'helpcard', line, end };
	}
	if (!markdown && kind !== 'checkin') {
		report(line, `the ":::${kind}" block is empty: write its text between ":::${kind}" and ":::"`);
		return null;
	}
	if (kind === 'notes' || kind === 'myth') {
		if (rest) report(line, `":::${kind}" takes nothing after its name; put "${rest}" on the next line`);
		return { type: kind, line, end, markdown, html: renderMarkdown(markdown) };
	}

	const activity = toActivity(kind, rest, markdown, line, report);
	if (activity && open.optional !== null) {
		activity.optional = true;
		activity.minutes = open.optional;
	}
	return activity ? { type: 'activity', line, end, activity } : null;
}

function toActivity(
	kind: ActivityKind,
	rest: string,
	markdown: string,
	line: number,
	report: (line: number, message: string) => void
): Activity | null {
	let label = '';
	let myth = false;
	let prompt = markdown;
	let options: string[] = [];

	switch (kind) {
		case 'statement':
			if (rest && rest.toLowerCase() !== 'myth') {
				report(line, `":::statement" takes only the word "myth" after it (for a myth the class takes apart), not "${rest}"`);
			}
			myth = rest.toLowerCase() === 'myth';
			break;
		case 'proposals':
			if (!rest) report(line, 'a proposals round needs its theme after the name, e.g. ":::proposals Filming in class"');
			label = rest;
			break;
		case 'scenario': {
			label = rest;
			const body = markdown.split('\n');
			options = body.flatMap((row) => LIST_ITEM.exec(row)?.groups?.item?.trim() ?? []);
			prompt = trimBlank(body.filter((row) => !LIST_ITEM.test(row)));
			if (options.length < 2) {
				report(line, 'a scenario needs at least two choices, each on a line starting with "- "');
			}
			if (!prompt) report(line, 'a scenario needs the dilemma itself above its choices');
			break;
		}
		case 'question':
		case 'vote':
		case 'checkin':
			if (rest) report(line, `":::${kind}" takes nothing after its name; put "${rest}" on the next line`);
			break;
	}
	return {
		id: '',
		kind,
		line,
		label,
		markdown: prompt,
		html: renderMarkdown(prompt),
		text: markdownToText(prompt),
		options,
		myth,
		optional: false,
		minutes: 0
	};
}

function toStep(draft: Draft, index: number): Step {
	const id = `step-${index + 1}`;
	const activities: Activity[] = [];
	for (const block of draft.blocks) {
		if (block.type === 'activity') {
			block.activity.id = `${id}-a${activities.length + 1}`;
			activities.push(block.activity);
		}
	}
	return {
		id,
		number: index + 1,
		title: draft.title,
		minutes: draft.minutes,
		optional: draft.optional,
		line: draft.line,
		blocks: draft.blocks,
		activities
	};
}

function checkVotes(steps: Step[], report: (line: number, message: string) => void) {
	let proposalsSeen = false;
	for (const activity of steps.flatMap((step) => step.activities)) {
		if (activity.kind === 'proposals') proposalsSeen = true;
		if (activity.kind === 'vote' && !proposalsSeen) {
			report(activity.line, 'a ":::vote" needs a ":::proposals" round before it: the class votes on its proposals');
		}
	}
}

/** A check-in runs live on the students' phones: modules for parents or staff have no live mode. */
function checkNoCheckin(steps: Step[], audience: string, report: (line: number, message: string) => void) {
	for (const activity of steps.flatMap((step) => step.activities)) {
		if (activity.kind === 'checkin') {
			report(
				activity.line,
				`a ":::checkin" is for a class rating its own agreements live, so it needs "audience: students"; this module is for ${audience}: remove the block or ask the question with a show of hands`
			);
		}
	}
}

function isActivityKind(kind: string): kind is ActivityKind {
	return (ACTIVITY_KINDS as readonly string[]).includes(kind);
}

function isBlockKind(kind: string): kind is BlockKind {
	return (BLOCK_KINDS as readonly string[]).includes(kind);
}

function trimBlank(lines: string[]): string {
	let start = 0;
	let stop = lines.length;
	while (start < stop && !lines[start]?.trim()) start++;
	while (stop > start && !lines[stop - 1]?.trim()) stop--;
	return lines.slice(start, stop).join('\n');
}

function sortIssues(issues: LessonIssue[]): LessonIssue[] {
	return [...issues].sort((a, b) => a.line - b.line);
}
