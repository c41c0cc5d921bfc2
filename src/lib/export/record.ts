/**
 * The whole record of a session as exports carry it: rules, every proposal with its moderation state
 * and aggregated tallies. No device numbers or ids: a proposal's author is never part of an export.
 */
import type { ActivityKind } from '$lib/lessons/types';
import type { Consensus } from '$lib/session/consensus';
import type { ProposalStatus, Tally } from '$lib/session/types';
import type { Lang } from '$lib/lessons/types';

export interface RecordProposal {
	id: string;
	/** The text as shown (after edits). */
	text: string;
	/** The student's own wording, when the mentor edited it; otherwise null. */
	originalText: string | null;
	status: ProposalStatus;
	/** For a merged proposal, the id it was merged into. */
	mergedInto: string | null;
	/** Reasons the automatic check flagged it, e.g. ["phone", "insult"]. */
	flags: string[];
	tally: Tally;
	consensus: Consensus;
	/** ISO 8601 time of submission. */
	submittedAt: string;
}

/**
 * An answer to a lesson's open question: moderated like a proposal, but never voted on, so it has no
 * tally and no verdict. The mentor may have highlighted it or put it in a labelled group on the board.
 */
export interface RecordAnswer {
	id: string;
	/** The question's activity id (see `activities`). */
	question: string;
	text: string;
	originalText: string | null;
	status: ProposalStatus;
	flags: string[];
	highlighted: boolean;
	/** The group label on the board, '' for none. */
	group: string;
	submittedAt: string;
}

/** A lesson activity's results, aggregated: counts per answer, approved open answers. */
export interface RecordActivity {
	step: number;
	stepTitle: string;
	id: string;
	kind: ActivityKind;
	text: string;
	/** For statements and scenarios: each answer with how many devices chose it. */
	responses: Array<{ answer: string; count: number }> | null;
	/** For open questions: the answers the mentor approved. */
	answers: string[] | null;
}

export interface RecordRule {
	position: number;
	text: string;
	/** Ids of the proposals the rule came from. */
	from: string[];
}

export interface SessionRecord {
	format: 'klasakkoord.session/1';
	code: string;
	lang: Lang;
	title: string;
	theme: string;
	moduleId: string | null;
	/** Optional class name the mentor typed for the export. */
	className: string | null;
	/** ISO 8601 times. */
	createdAt: string;
	exportedAt: string;
	closed: boolean;
	participants: number;
	rules: RecordRule[];
	/** Proposals for class agreements; answers to open questions are in `answers`. */
	proposals: RecordProposal[];
	/** Answers to the lesson's open questions, hidden and pending ones included; absent when there are none. */
	answers?: RecordAnswer[];
	/** A live lesson's results per activity; absent for a bare round of agreements. */
	activities?: RecordActivity[];
}
