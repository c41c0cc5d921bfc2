/**
 * The live session domain: a session is an append-only log of events; its state is a fold over them.
 * Devices are known only by a number within their session; the cookie that identifies a device never
 * appears in an event.
 */
import type { ActivityKind, Lang } from '$lib/lessons/types';
import type { Consensus } from './consensus';

export const CHOICES = ['agree', 'disagree', 'pass'] as const;
export type Choice = (typeof CHOICES)[number];

/**
 * What students see and can do: write proposals, vote on them, talk about the results. A session that
 * follows a lesson adds: answer an open question, respond to a statement or scenario, or look at the
 * board during a step without an activity. The mentor sets the first three by hand; the lesson's
 * steps set the others.
 */
export const PHASES = ['propose', 'vote', 'review'] as const;
export const LESSON_PHASES = ['answer', 'respond', 'screen'] as const;
export type Phase = (typeof PHASES)[number] | (typeof LESSON_PHASES)[number];

/** The lesson a session follows, as it was when the session started. */
export interface OutlineActivity {
	id: string;
	kind: ActivityKind;
	label: string;
	text: string;
	options: string[];
}

export interface OutlineStep {
	id: string;
	title: string;
	minutes: number;
	activities: OutlineActivity[];
}

/** One screen of a live lesson: a step, and one of its activities (or none). */
export interface Slide {
	step: number;
	activity: number | null;
}

/** Answers to a statement; a scenario's answers are its option numbers ("0", "1", …). */
export const STATEMENT_CHOICES = ['agree', 'disagree', 'unsure'] as const;

/** What the projector shows; results appear only once revealed. */
export const PROJECTOR_VIEWS = ['join', 'step', 'proposals', 'results', 'rules'] as const;
export type ProjectorView = (typeof PROJECTOR_VIEWS)[number];

export type ProposalStatus = 'pending' | 'approved' | 'hidden' | 'merged';

export type FlagReason = 'person' | 'handle' | 'phone' | 'email' | 'link' | 'insult';

export interface Flag {
	reason: FlagReason;
	/** The part of the text that raised the flag. */
	match: string;
}

/** Where a proposal or vote belongs: the lesson activity of a proposals round, or the bare round. */
export const BARE_ROUND = 'agreements';

export type SessionEvent =
	| {
			type: 'session.created';
			code: string;
			lang: Lang;
			moduleId: string | null;
			title: string;
			round: string;
			theme: string;
			steps?: OutlineStep[];
			/** How many devices may join; absent in sessions from before the cap (see DEFAULT_JOIN_CAP). */
			joinCap?: number;
			/** A check-in: the charter version the class looks back on (its rules become the session's first rules). */
			checkin?: CheckinSeed;
	  }
	| { type: 'slide.set'; slide: number }
	| { type: 'response.cast'; activity: string; device: number; choice: string }
	/** `label`: a short random name for the mentor's eyes only, so the console never shows join order. */
	| { type: 'device.joined'; device: number; label?: string }
	/** The device, its proposals, votes and answers are gone; its token no longer works. */
	/** `nextProposal`: the counter when it was removed, so a replay of the purged log numbers on from there. */
	| { type: 'device.removed'; device: number; nextProposal?: number }
	| { type: 'joining.locked'; on: boolean }
	| { type: 'joining.cap'; cap: number }
	| {
			type: 'proposal.submitted';
			id: string;
			device: number;
			text: string;
			round: string;
			flags: Flag[];
			status: 'pending' | 'approved' | 'hidden';
	  }
	| { type: 'proposal.approved'; id: string }
	| { type: 'proposal.hidden'; id: string }
	| { type: 'proposal.edited'; id: string; text: string }
	| { type: 'proposal.merged'; id: string; into: string }
	| { type: 'device.muted'; device: number }
	| { type: 'device.unmuted'; device: number }
	| { type: 'premoderation.set'; on: boolean }
	| { type: 'phase.set'; phase: Phase }
	| { type: 'results.revealed'; on: boolean }
	| { type: 'projector.set'; view: ProjectorView }
	| { type: 'page.set'; page: number }
	| { type: 'vote.cast'; proposal: string; device: number; choice: Choice }
	| { type: 'rule.adopted'; id: string; text: string; from: string[] }
	| { type: 'rule.edited'; id: string; text: string }
	| { type: 'rule.removed'; id: string }
	| { type: 'rule.moved'; id: string; to: number }
	| { type: 'session.closed' }
	| { type: 'proposal.unmerged'; id: string }
	/** The rules were saved as version `version` of a class charter (see src/lib/charter). */
	| { type: 'charter.saved'; charter: string; version: number }
	/** An answer to an open question stands out on the board (or no longer does). */
	| { type: 'answer.highlighted'; id: string; on: boolean }
	/** An answer joins a labelled cluster on the board; `group` '' takes it out of any. */
	| { type: 'answer.grouped'; id: string; group: string };

export type EventType = SessionEvent['type'];

/** An event as stored: its place in the log and when it happened (ms since the epoch). */
export type StoredEvent = SessionEvent & { seq: number; at: number };

export interface Proposal {
	id: string;
	device: number;
	round: string;
	/** The text as shown now (after the mentor's edits). */
	text: string;
	/** The text as the student wrote it. */
	original: string;
	status: ProposalStatus;
	flags: Flag[];
	/** When status is `merged`: the proposal it was merged into. */
	mergedInto: string | null;
	submittedAt: number;
	/** Answers to an open question only: the mentor made it stand out on the board. */
	highlighted?: boolean;
	/** Answers to an open question only: the label of the cluster the mentor put it in ('' for none). */
	group?: string;
}

/** A group label on the board is a few words: "Eerst vragen", "Hulp zoeken". */
export const MAX_GROUP_LABEL = 40;

export interface DeviceEntry {
	muted: boolean;
	joinedAt: number;
	/** Random per session (see `device.joined`); older logs fall back to the number. */
	label: string;
}

/** A class is about 30; a school can raise or lower this per server (JOIN_CAP) or per session. */
export const DEFAULT_JOIN_CAP = 60;
export const MAX_JOIN_CAP = 500;
/** Proposals (and answers to open questions) per device in one round, and in a whole session. */
export const MAX_PROPOSALS_PER_DEVICE_ROUND = 10;
export const MAX_PROPOSALS_PER_SESSION = 300;
/** Proposals waiting for the mentor: a full queue waits until the mentor has looked at it. */
export const MAX_PENDING = 100;

export interface Rule {
	id: string;
	text: string;
	from: string[];
}

export interface Tally {
	agree: number;
	disagree: number;
	pass: number;
}

export interface SessionState {
	code: string;
	lang: Lang;
	moduleId: string | null;
	title: string;
	round: string;
	theme: string;
	createdAt: number;
	closed: boolean;
	premoderation: boolean;
	phase: Phase;
	revealed: boolean;
	projector: ProjectorView;
	/** Devices by number, in joining order. */
	devices: Map<number, DeviceEntry>;
	/** Device numbers are never reused, also after a device was removed. */
	nextDevice: number;
	/** The mentor stopped new devices from joining. */
	joiningLocked: boolean;
	/** How many devices may be in the session at once. */
	joinCap: number;
	/** Proposals by id, in submission order. */
	proposals: Map<string, Proposal>;
	/** Votes per proposal: device number to choice. */
	votes: Map<string, Map<number, Choice>>;
	rules: Rule[];
	/** The lesson's steps; empty for a bare round of agreements. */
	steps: OutlineStep[];
	slides: Slide[];
	/** Index into `slides`, or -1 before the lesson starts (and always for a bare round). */
	slide: number;
	/** When the current slide began (ms since the epoch), for the step timer. */
	slideStartedAt: number;
	/** Which page of a slide too long for one screen the projector shows (0 on entering a slide). */
	page: number;
	/** Slides whose results the mentor revealed: coming back to one shows them again. */
	revealedSlides: Set<number>;
	/** Answers to statements and scenarios: activity id to device number to choice. */
	responses: Map<string, Map<number, string>>;
	/** Sequence number of the last event folded in. */
	seq: number;
	/** Counters for the next ids. */
	nextProposal: number;
	nextRule: number;
	/** What each merge changed, so it can be undone: the merged proposal's status and votes before it. */
	merges: Map<string, MergeRecord>;
	/** A check-in session: the charter version it looks back on; null for any other session. */
	checkin: CheckinState | null;
	/** The charter the rules were last saved to, if any. */
	savedCharter: { charter: string; version: number } | null;
}

/** The charter version a check-in starts from: its id, number and rules, in order. */
export interface CheckinSeed {
	charter: string;
	version: number;
	rules: Array<{ key: string; text: string; support: Consensus | null }>;
}

/** A check-in's rules in the session: rule `id` (r1, r2, …) stands for the charter's rule `key`. */
export interface CheckinState {
	charter: string;
	version: number;
	rules: Array<{ id: string; key: string; text: string; support: Consensus | null }>;
}

export interface MergeRecord {
	status: Exclude<ProposalStatus, 'merged'>;
	/** The merged proposal's own votes. */
	votes: Map<number, Choice>;
	/** The votes that moved to the surviving proposal (devices that had not voted there). */
	moved: Map<number, Choice>;
}
