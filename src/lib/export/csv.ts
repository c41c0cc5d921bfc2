/**
 * Every proposal as a CSV row, hidden and pending ones included, answers to open questions and the
 * adopted rules in sections of their own: the school's record, for a spreadsheet. CRLF line ends, every field quoted (quotes
 * doubled), with a UTF-8 byte order mark, without which Excel reads the file as ANSI and mangles
 * "Ééntje" and "foto’s".
 *
 * Two dialects: `toCsv` separates fields with `,` (RFC 4180); `toDutchCsv` with `;`, which is what
 * Excel with Dutch regional settings expects when it opens a file by double-click.
 */
import type { Lang } from '$lib/lessons/types';
import type { RecordAnswer, RecordProposal, SessionRecord } from './record';
import { exportLabels, flagLabel, type ExportLabels } from './labels';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** Characters that make a spreadsheet read a cell as a formula when they start it. */
const FORMULA_START = /^[=+\-@\t\r\n]/;
/**
 * A formula starter right after a separator, a line break or a quote: a spreadsheet that splits on a
 * separator the file does not use (`;` in a `,` file, or the other way round), or ignores the quotes,
 * would start a cell there.
 */
const FORMULA_INSIDE = /([,;\t\r\n"])(\s*)([=+\-@])/g;

/**
 * One field, safe to open in a spreadsheet with any separator: a leading apostrophe before every
 * formula starter at the start of the text or after a separator, so the spreadsheet shows it as text
 * (a student's "=HYPERLINK(...)" or "ok;=1+1" stays words). Always quoted.
 */
export function csvField(value: string | number): string {
	let text = String(value);
	if (typeof value === 'string') {
		text = text.replace(FORMULA_INSIDE, "$1$2'$3");
		if (FORMULA_START.test(text.trimStart())) text = `'${text}`;
	}
	return `"${text.replace(/"/g, '""')}"`;
}

function header(labels: ExportLabels): string[] {
	const c = labels.columns;
	return [c.id, c.text, c.originalText, c.status, c.mergedInto, c.flags, c.agree, c.disagree, c.pass, c.consensus, c.submittedAt];
}

function row(proposal: RecordProposal, labels: ExportLabels, lang: Lang): Array<string | number> {
	return [
		proposal.id,
		proposal.text,
		proposal.originalText ?? '',
		labels.status[proposal.status],
		proposal.mergedInto ?? '',
		proposal.flags.map((flag) => flagLabel(flag, lang)).join(', '),
		proposal.tally.agree,
		proposal.tally.disagree,
		proposal.tally.pass,
		labels.consensus[proposal.consensus],
		// Kept as ISO 8601: exact, sortable, and the same whatever the reader's locale.
		proposal.submittedAt
	];
}

const RULES_HEADING = { nl: ['Afspraken', 'Nummer', 'Tekst', 'Uit voorstellen'], en: ['Agreements', 'Number', 'Text', 'From proposals'] };

/** The adopted rules, as worded at the end (also a reworded rule), after the proposals and a blank line. */
function rules(record: SessionRecord): Array<Array<string | number>> {
	const [title, position, text, from] = RULES_HEADING[record.lang];
	return [[title!], [position!, text!, from!], ...record.rules.map((rule) => [rule.position, rule.text, rule.from.join(' ')])];
}

/**
 * Answers to open questions, when there are any: a table of their own between the proposals and the
 * rules, without vote columns (nobody votes on an answer), with the mentor's group and highlight.
 */
function answers(record: SessionRecord, labels: ExportLabels): Array<Array<string | number>> {
	if (!record.answers?.length) return [];
	const c = labels.columns;
	const a = labels.answers;
	const line = (answer: RecordAnswer) => [
		answer.id,
		answer.question,
		answer.text,
		answer.originalText ?? '',
		labels.status[answer.status],
		answer.flags.map((flag) => flagLabel(flag, record.lang)).join(', '),
		answer.group,
		answer.highlighted ? a.yes : '',
		answer.submittedAt
	];
	return [
		[a.heading],
		[c.id, a.question, c.text, c.originalText, c.status, c.flags, a.group, a.highlighted, c.submittedAt],
		...record.answers.map(line),
		[]
	];
}

function render(record: SessionRecord, separator: ',' | ';'): string {
	const labels = exportLabels(record.lang);
	const rows = [
		header(labels),
		...record.proposals.map((proposal) => row(proposal, labels, record.lang)),
		[],
		...answers(record, labels),
		...rules(record)
	];
	return BOM + rows.map((fields) => fields.map(csvField).join(separator) + CRLF).join('');
}

export function toCsv(record: SessionRecord): string {
	return render(record, ',');
}

/** For Excel with Dutch (or other European) settings: `;` between fields. */
export function toDutchCsv(record: SessionRecord): string {
	return render(record, ';');
}
