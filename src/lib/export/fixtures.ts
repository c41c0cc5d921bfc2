/**
 * Export records for the export tests: one builder with the defaults of a closed Dutch session of 27
 * students, so that a test spells out only what it is about (its rules, proposals and results).
 */
import { consensus } from '$lib/session/consensus';
import type { Tally } from '$lib/session/types';
import type { RecordActivity, RecordProposal, RecordRule, SessionRecord } from './record';

/** The default class size; a proposal's default consensus is reckoned against it. */
export const PARTICIPANTS = 27;

/** A tally from its three counts, in the order the exports write them. */
export function votes(agree: number, disagree: number, pass: number): Tally {
	return { agree, disagree, pass };
}

/**
 * An approved proposal without votes, flags or edits, submitted at 08:52:10. Unless given, its consensus
 * is the one its tally earns in a class of {@link PARTICIPANTS}.
 */
export function proposal(id: string, overrides: Partial<RecordProposal> = {}): RecordProposal {
	const tally = overrides.tally ?? votes(0, 0, 0);
	return {
		id,
		text: '',
		originalText: null,
		status: 'approved',
		mergedInto: null,
		flags: [],
		tally,
		consensus: consensus(tally, PARTICIPANTS),
		submittedAt: '2026-11-25T08:52:10.000Z',
		...overrides
	};
}

export function rule(position: number, text: string, from: string[] = []): RecordRule {
	return { position, text, from };
}

/**
 * The pair most export tests start from: a proposal the mentor edited and the class widely supports
 * (p1, 21 agree, 2 disagree, 3 pass), one merged into it (p3), and the rule adopted from both.
 */
export const editedProposal = proposal('p1', {
	text: 'Eerst vragen voordat je een foto van iemand deelt',
	originalText: 'eerst vragen voor je een foto deelt!!',
	tally: votes(21, 2, 3)
});
export const mergedProposal = proposal('p3', {
	text: 'Altijd toestemming vragen',
	status: 'merged',
	mergedInto: 'p1',
	tally: votes(3, 1, 0)
});
export const consentRule = rule(1, 'We vragen toestemming voordat we een foto van iemand delen.', ['p1', 'p3']);

/** A lesson activity's results; by default step 2's statement, which nobody has answered yet. */
export function activityResult(overrides: Partial<RecordActivity> = {}): RecordActivity {
	return {
		step: 2,
		stepTitle: 'Waarom afspraken?',
		id: 'step-2-a1',
		kind: 'statement',
		text: 'De afspraken van onze klas gelden ook in de groepsapp.',
		responses: [
			{ answer: 'eens', count: 0 },
			{ answer: 'oneens', count: 0 },
			{ answer: 'weet niet', count: 0 }
		],
		answers: null,
		...overrides
	};
}

/**
 * A session record in the key order `toRecord` writes: closed, Dutch, class "3B / Mentor-uur!", started
 * 25 November 2026 at 08:40 and exported at 09:35, with no rules, proposals or lesson results.
 */
export function exportRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
	return {
		format: 'klasakkoord.session/1',
		code: 'K7P2Q',
		lang: 'nl',
		title: 'Onze klasafspraken',
		theme: 'Foto’s en filmpjes van anderen',
		moduleId: 'onze-klasafspraken',
		className: '3B / Mentor-uur!',
		createdAt: '2026-11-25T08:40:00.000Z',
		exportedAt: '2026-11-25T09:35:12.000Z',
		closed: true,
		participants: PARTICIPANTS,
		rules: [],
		proposals: [],
		...overrides
	};
}
