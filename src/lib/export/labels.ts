/**
 * The exports' own words in Dutch and English. Kept apart from the UI strings because an export is read
 * outside the app (a class's online environment, a spreadsheet), in the session's language, not the
 * language of whoever clicks the button.
 */
import type { ActivityKind, Lang } from '$lib/lessons/types';
import type { Consensus } from '$lib/session/consensus';
import type { FlagReason, ProposalStatus } from '$lib/session/types';

export interface ExportLabels {
	/** January first; the day-month-year order is the same in both languages. */
	months: readonly string[];
	rulesHeading: string;
	noRules: string;
	proposalsHeading: string;
	noProposals: string;
	lessonHeading: string;
	stepLabel: string;
	kinds: Record<ActivityKind, string>;
	statement: { agree: string; disagree: string; unsure: string };
	noAnswers: string;
	/** Answers to open questions: their own table in the CSV, marks in the Markdown. */
	answers: { heading: string; question: string; group: string; highlighted: string; yes: string; noGroup: string };
	choices: { agree: string; disagree: string; pass: string };
	columns: {
		id: string;
		text: string;
		originalText: string;
		status: string;
		mergedInto: string;
		flags: string;
		agree: string;
		disagree: string;
		pass: string;
		consensus: string;
		submittedAt: string;
	};
	status: Record<ProposalStatus, string>;
	consensus: Record<Consensus, string>;
	flags: Record<FlagReason, string>;
}

const nl: ExportLabels = {
	months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
	rulesHeading: 'Onze afspraken',
	noRules: 'Er zijn nog geen afspraken vastgesteld.',
	proposalsHeading: 'Goedgekeurde voorstellen en stemmen',
	noProposals: 'Er zijn geen goedgekeurde voorstellen.',
	lessonHeading: 'Resultaten van de les',
	stepLabel: 'Stap',
	kinds: { statement: 'Stelling', question: 'Vraag', proposals: 'Voorstellen', vote: 'Stemmen', scenario: 'Situatie', checkin: 'Check-in' },
	statement: { agree: 'eens', disagree: 'oneens', unsure: 'weet niet' },
	noAnswers: 'Geen goedgekeurde antwoorden.',
	answers: {
		heading: 'Antwoorden op open vragen',
		question: 'vraag',
		group: 'groep',
		highlighted: 'uitgelicht',
		yes: 'ja',
		noGroup: 'Zonder groep'
	},
	choices: { agree: 'eens', disagree: 'oneens', pass: 'overgeslagen' },
	columns: {
		id: 'id',
		text: 'tekst',
		originalText: 'oorspronkelijke tekst',
		status: 'status',
		mergedInto: 'samengevoegd met',
		flags: 'signalen',
		agree: 'eens',
		disagree: 'oneens',
		pass: 'overgeslagen',
		consensus: 'draagvlak',
		submittedAt: 'ingediend op'
	},
	status: {
		pending: 'wacht op goedkeuring',
		approved: 'goedgekeurd',
		hidden: 'verborgen',
		merged: 'samengevoegd'
	},
	consensus: {
		wide: 'breed gedragen',
		divided: 'verdeeld',
		not: 'niet gedragen',
		'too-few': 'te weinig stemmen'
	},
	flags: {
		person: 'naam van een persoon',
		handle: 'gebruikersnaam',
		phone: 'telefoonnummer',
		email: 'e-mailadres',
		link: 'link',
		insult: 'scheldwoord'
	}
};

const en: ExportLabels = {
	months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
	rulesHeading: 'Our agreements',
	noRules: 'No agreements have been adopted yet.',
	proposalsHeading: 'Approved proposals and votes',
	noProposals: 'There are no approved proposals.',
	lessonHeading: 'Results of the lesson',
	stepLabel: 'Step',
	kinds: { statement: 'Statement', question: 'Question', proposals: 'Proposals', vote: 'Vote', scenario: 'Situation', checkin: 'Check-in' },
	statement: { agree: 'agree', disagree: 'disagree', unsure: 'not sure' },
	noAnswers: 'No approved answers.',
	answers: {
		heading: 'Answers to open questions',
		question: 'question',
		group: 'group',
		highlighted: 'highlighted',
		yes: 'yes',
		noGroup: 'No group'
	},
	choices: { agree: 'agree', disagree: 'disagree', pass: 'pass' },
	columns: {
		id: 'id',
		text: 'text',
		originalText: 'original text',
		status: 'status',
		mergedInto: 'merged into',
		flags: 'flags',
		agree: 'agree',
		disagree: 'disagree',
		pass: 'pass',
		consensus: 'consensus',
		submittedAt: 'submitted at'
	},
	status: {
		pending: 'awaiting approval',
		approved: 'approved',
		hidden: 'hidden',
		merged: 'merged'
	},
	consensus: {
		wide: 'widely supported',
		divided: 'divided',
		not: 'not supported',
		'too-few': 'too few votes'
	},
	flags: {
		person: 'name of a person',
		handle: 'username',
		phone: 'phone number',
		email: 'email address',
		link: 'link',
		insult: 'insult'
	}
};

const all: Record<Lang, ExportLabels> = { nl, en };

export function exportLabels(lang: Lang): ExportLabels {
	return all[lang];
}

/**
 * A flag reason in words. The record stores reasons as plain strings, so one this version does not
 * know (from a newer check) is shown as it is rather than dropped.
 */
export function flagLabel(reason: string, lang: Lang): string {
	const flags = all[lang].flags;
	return Object.hasOwn(flags, reason) ? flags[reason as FlagReason] : reason;
}

/**
 * "25 november 2026" / "25 November 2026". Read in UTC and with our own month names so the result does
 * not depend on the machine's time zone or locale data (a server without full ICU, a CI runner in UTC).
 */
export function formatExportDate(iso: string, lang: Lang): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid date: ${iso}`);
	const month = all[lang].months[date.getUTCMonth()];
	return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}`;
}
