/**
 * Every proposal as a CSV row, hidden and pending ones included: the school's record, for a
 * spreadsheet. RFC 4180 (CRLF, fields quoted only when needed, quotes doubled) with a UTF-8 byte order
 * mark, without which Excel reads the file as ANSI and mangles "Ééntje" and "foto’s".
 */
import type { Lang } from '$lib/lessons/types';
import type { RecordProposal, SessionRecord } from './record';
import { exportLabels, flagLabel, type ExportLabels } from './labels';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * One field, safe to open in a spreadsheet. Text starting with = + - @, a tab or a CR would be read as a
 * formula (a student's "=HYPERLINK(...)" becomes a live link); a leading apostrophe makes the
 * spreadsheet show it as text.
 */
export function csvField(value: string | number): string {
	let text = String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function header(labels: ExportLabels): string[] {
	const c = labels.columns;
	return [
		c.id,
		c.text,
		c.originalText,
		c.status,
		c.mergedInto,
		c.flags,
		c.agree,
		c.disagree,
		c.pass,
		c.consensus,
		c.submittedAt
	];
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

export function toCsv(record: SessionRecord): string {
	const labels = exportLabels(record.lang);
	const rows = [header(labels), ...record.proposals.map((proposal) => row(proposal, labels, record.lang))];
	return BOM + rows.map((fields) => fields.map(csvField).join(',') + CRLF).join('');
}
