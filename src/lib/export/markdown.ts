/**
 * The agreements as Markdown, for the mentor to paste into the class's online environment. This is the
 * export the class sees, so it carries only what the class may see: the adopted rules and the approved
 * proposals. Pending and hidden proposals (which may name or insult someone) never appear here, and
 * merged ones live on in the proposal they were merged into.
 */
import type { Tally } from '$lib/session/types';
import type { RecordActivity, RecordAnswer, RecordProposal, RecordRule, SessionRecord } from './record';
import { exportLabels, formatExportDate, type ExportLabels } from './labels';

/**
 * Student and mentor text as inert Markdown: it renders as the same characters and cannot become
 * emphasis, a link, an image, HTML, a heading, a list, a table or a code span, whatever renderer the
 * school's environment uses. Line breaks are folded into spaces: every piece of text sits on one list
 * line, where a break could otherwise start a new block.
 */
export function escapeMarkdown(text: string): string {
	return (
		text
			.replace(/\s+/g, ' ')
			.trim()
			// `&` too, so an entity such as &lt;script&gt; shows as typed instead of being decoded.
			.replace(/[\\`*_{}[\]<>()#|~&]/g, '\\$&')
			// GFM turns bare web and mail addresses into links; breaking the pattern keeps them plain text.
			.replace(/:(?=\/\/)/g, '\\:')
			.replace(/\b(www)\./gi, '$1\\.')
			.replace(/@/g, '\\@')
			// At the start of a line these open a list or a quote; inside a list item they nest one.
			.replace(/^([-+])/, '\\$1')
			.replace(/^(\d+)([.)])/, '$1\\$2')
	);
}

function heading(record: SessionRecord): string {
	const parts = [record.title, record.className ?? ''].map(escapeMarkdown).filter(Boolean);
	parts.push(formatExportDate(record.createdAt, record.lang));
	return `# ${parts.join(' — ')}`;
}

function rulesSection(rules: readonly RecordRule[], labels: ExportLabels): string[] {
	const ordered = [...rules].sort((a, b) => a.position - b.position);
	// Numbered by their place in the list, not by `position`, so a gap left by a removed rule never shows.
	const items = ordered.map((rule, i) => `${i + 1}. ${escapeMarkdown(rule.text)}`);
	return [`## ${labels.rulesHeading}`, '', ...(items.length ? items : [labels.noRules])];
}

function tallyText(tally: Tally, labels: ExportLabels): string {
	const { agree, disagree, pass } = labels.choices;
	return `${tally.agree} ${agree}, ${tally.disagree} ${disagree}, ${tally.pass} ${pass}`;
}

function proposalsSection(proposals: readonly RecordProposal[], labels: ExportLabels): string[] {
	const items = proposals
		.filter((proposal) => proposal.status === 'approved')
		.map(
			(proposal) => `- ${escapeMarkdown(proposal.text)} — ${labels.consensus[proposal.consensus]} (${tallyText(proposal.tally, labels)})`
		);
	return [`## ${labels.proposalsHeading}`, '', ...(items.length ? items : [labels.noProposals])];
}

/**
 * A question's approved answers as the board showed them: highlighted ones marked, grouped ones under
 * their group's label (in the order the groups were made), the rest after them.
 */
function answerLines(activity: RecordActivity, answers: readonly RecordAnswer[] | undefined, labels: ExportLabels): string[] {
	if (!activity.answers) return [];
	const approved = answers?.filter((answer) => answer.question === activity.id && answer.status === 'approved');
	if (!approved) return activity.answers.length ? activity.answers.map((answer) => `- ${escapeMarkdown(answer)}`) : [labels.noAnswers];
	if (approved.length === 0) return [labels.noAnswers];
	const item = (answer: RecordAnswer, indent = '') =>
		`${indent}- ${escapeMarkdown(answer.text)}${answer.highlighted ? ` (${labels.answers.highlighted})` : ''}`;
	const groups = [...new Set(approved.map((answer) => answer.group).filter(Boolean))];
	if (groups.length === 0) return approved.map((answer) => item(answer));
	const loose = approved.filter((answer) => !answer.group);
	return [
		...groups.flatMap((group) => [
			`- **${escapeMarkdown(group)}**`,
			...approved.filter((answer) => answer.group === group).map((answer) => item(answer, '  '))
		]),
		...(loose.length ? [`- **${labels.answers.noGroup}**`, ...loose.map((answer) => item(answer, '  '))] : [])
	];
}

/** Statements and scenarios with their counts, open questions with the approved answers. */
function lessonSection(
	activities: readonly RecordActivity[],
	answers: readonly RecordAnswer[] | undefined,
	labels: ExportLabels
): string[] {
	const shown = activities.filter((activity) => activity.responses || activity.answers);
	if (shown.length === 0) return [];
	return [
		'',
		`## ${labels.lessonHeading}`,
		...shown.flatMap((activity) => [
			'',
			`### ${labels.stepLabel} ${activity.step}: ${escapeMarkdown(activity.stepTitle)} — ${labels.kinds[activity.kind]}`,
			'',
			escapeMarkdown(activity.text),
			'',
			...(activity.responses ?? []).map((response) => `- ${escapeMarkdown(response.answer)}: ${response.count}`),
			...answerLines(activity, answers, labels)
		])
	];
}

export function toMarkdown(record: SessionRecord): string {
	const labels = exportLabels(record.lang);
	const lines = [
		heading(record),
		'',
		...rulesSection(record.rules, labels),
		'',
		...proposalsSection(record.proposals, labels),
		...lessonSection(record.activities ?? [], record.answers, labels)
	];
	return `${lines.join('\n')}\n`;
}
