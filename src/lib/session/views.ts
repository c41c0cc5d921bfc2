/**
 * What each role may see of a session. These projections are the only way state leaves the server:
 * students never get hidden or pending proposals of others, flags, device numbers or tallies before
 * the reveal; the projector gets only what the mentor chose to show.
 *
 * A projection is split into its top-level fields, one entry per proposal and one per rule, so the
 * server can update a view entry by entry (see LiveSession) instead of rebuilding it for every vote.
 */
import { consensus, type Consensus } from './consensus';
import { checkinActivity, currentActivity, isAnswer, ratingKey, tally } from './state';
import type { ActivityKind } from '$lib/lessons/types';
import type { Choice, Flag, Phase, Proposal, ProjectorView, ProposalStatus, Rule, SessionState, Tally } from './types';
import type { Lang } from '$lib/lessons/types';

/** Where a live lesson is: its step and the activity on screen. */
export interface Progress {
	/** Index of the current slide, -1 before the lesson starts or in a bare round. */
	slide: number;
	slides: number;
	step: { number: number; title: string; steps: number } | null;
	activity: { id: string; kind: ActivityKind; label: string; text: string; options: string[] } | null;
}

interface Common extends Progress {
	code: string;
	title: string;
	theme: string;
	lang: Lang;
	closed: boolean;
	phase: Phase;
	revealed: boolean;
}

/** The class moving: what the projector and console count while a slide runs. */
export interface LiveCounts {
	/** Devices that took part in what is on screen: answered the statement, sent text, or voted. */
	answered: number;
	/** Text of the current round waiting for the mentor. */
	waiting: number;
	/** The page of a long slide the projector shows. */
	page: number;
}

/** How many devices chose each answer of a statement or scenario. */
export type Distribution = Record<string, number>;

/** A device as the mentor sees it: a random label, never its place in the joining order. */
export interface HostDevice {
	label: string;
	joinedAt: number;
	muted: boolean;
	proposals: number;
}

export interface HostMeta extends Common, LiveCounts {
	moduleId: string | null;
	/** Every device in the session (at most the join cap), newest first: joins arriving. */
	devices: HostDevice[];
	joining: { locked: boolean; cap: number };
	premoderation: boolean;
	projector: ProjectorView;
	participants: number;
	votes: number;
	/** The round that new text goes into and votes are on: a proposals round or a question. */
	round: string;
	slideStartedAt: number;
	/** Answers per statement and scenario, always visible to the mentor. */
	distributions: Record<string, Distribution>;
	checkin: HostCheckin | null;
	savedCharter: { charter: string; version: number } | null;
}

export interface HostProposal {
	id: string;
	n: number;
	round: string;
	text: string;
	original: string | null;
	status: ProposalStatus;
	flags: Flag[];
	/** The author's random label in this session, to show that several proposals come from one device. */
	device: string;
	muted: boolean;
	mergedInto: string | null;
	tally: Tally;
	consensus: Consensus;
	/** An answer to an open question (its id), shown on a wall, never voted on; null for a proposal. */
	answerTo: string | null;
	highlighted: boolean;
	/** The answer's group label on the board, '' for none. */
	group: string;
}

export interface HostRule {
	id: string;
	text: string;
	from: string[];
	position: number;
}

export interface PublicProposal {
	id: string;
	n: number;
	text: string;
	/** Only after the reveal; never for an answer to an open question. */
	tally: Tally | null;
	consensus: Consensus | null;
	/** Answers to an open question only: the mentor's highlight and group label. */
	highlighted?: boolean;
	group?: string;
}

export interface PublicRule {
	id: string;
	text: string;
	position: number;
}

export interface StudentMeta extends Common {
	/** The current statement's or scenario's answers, once revealed. */
	distribution: Distribution | null;
	/** While a check-in is on screen: the charter's rules to rate, with the class's ratings once revealed. */
	checkin: CheckinView | null;
}

/**
 * A check-in's rules as the class rates them: `id` is what a rating names (`step-2-a1:r3`, see
 * ratingKey), counts per choice (good, better, change) once revealed, or null.
 */
export interface CheckinView {
	activity: string;
	rules: Array<{ id: string; text: string; counts: Distribution | null }>;
}

/** The mentor's view of a check-in: which charter version, and every rule's ratings, always live. */
export interface HostCheckin {
	charter: string;
	version: number;
	activity: string | null;
	rules: Array<{ id: string; key: string; text: string; counts: Distribution }>;
}

export interface ProjectorMeta extends StudentMeta, LiveCounts {
	view: ProjectorView;
	participants: number;
}

/** A role's view: its top-level fields plus its proposals and rules, keyed by id. */
export type View<Meta, P, R> = Meta & { proposals: Record<string, P>; rules: Record<string, R> };

/**
 * Results as phones and the projector last got them. Sending each vote as it comes would let anyone
 * who watches the room see whose vote changed which tally, so the server publishes them in batches
 * (see LiveSession); the mentor's console stays live.
 */
export interface Published {
	tallies: Map<string, Tally>;
	distributions: Map<string, Distribution>;
}

/** Results as they are now, for a view without batching (tests, and the log replayed). */
export function publishNow(state: SessionState): Published {
	const tallies = new Map<string, Tally>();
	for (const id of state.votes.keys()) tallies.set(id, tally(state, id));
	const distributions = new Map<string, Distribution>();
	for (const id of state.responses.keys()) distributions.set(id, distribution(state, id));
	return { tallies, distributions };
}

export interface Projection<Meta extends object, P, R> {
	meta(state: SessionState, published?: Published): Meta;
	/** The proposal as this role sees it, or null when the role may not see it. */
	proposal(state: SessionState, proposal: Proposal, published?: Published): P | null;
	rule(state: SessionState, rule: Rule, position: number): R | null;
}

/** Proposal numbers follow the ids, which are handed out in order: p1, p2, … */
export function proposalNumber(id: string): number {
	return Number(id.slice(1));
}

function progress(state: SessionState): Progress {
	const slide = state.slides[state.slide];
	const step = slide ? state.steps[slide.step] : undefined;
	const activity = currentActivity(state);
	return {
		slide: state.slide,
		slides: state.slides.length,
		step: slide && step ? { number: slide.step + 1, title: step.title, steps: state.steps.length } : null,
		activity: activity
			? { id: activity.id, kind: activity.kind, label: activity.label, text: activity.text, options: activity.options }
			: null
	};
}

function common(state: SessionState): Common {
	return {
		code: state.code,
		title: state.title,
		theme: state.theme,
		lang: state.lang,
		closed: state.closed,
		phase: state.phase,
		revealed: state.revealed,
		...progress(state)
	};
}

function distribution(state: SessionState, activityId: string): Distribution {
	const counts: Distribution = {};
	for (const choice of state.responses.get(activityId)?.values() ?? []) counts[choice] = (counts[choice] ?? 0) + 1;
	return counts;
}

/** How many devices take part in the slide on screen, and how much text waits for approval. */
function liveCounts(state: SessionState): LiveCounts {
	const current = currentActivity(state);
	const devices = new Set<number>();
	let waiting = 0;
	if (current?.kind === 'statement' || current?.kind === 'scenario') {
		for (const device of state.responses.get(current.id)?.keys() ?? []) devices.add(device);
	} else if (current?.kind === 'checkin') {
		for (const rule of state.checkin?.rules ?? []) {
			for (const device of state.responses.get(ratingKey(current.id, rule.id))?.keys() ?? []) devices.add(device);
		}
	} else {
		const voting = state.phase === 'vote';
		for (const proposal of state.proposals.values()) {
			if (proposal.round !== state.round) continue;
			if (proposal.status === 'pending') waiting++;
			if (!voting) devices.add(proposal.device);
			else for (const device of state.votes.get(proposal.id)?.keys() ?? []) devices.add(device);
		}
	}
	return { answered: devices.size, waiting, page: state.page };
}

/** The current activity's answers for the class: only once the mentor reveals them. */
function revealedDistribution(state: SessionState, published?: Published): Distribution | null {
	const activity = currentActivity(state);
	if (!state.revealed || !activity || (activity.kind !== 'statement' && activity.kind !== 'scenario')) return null;
	return published ? (published.distributions.get(activity.id) ?? {}) : distribution(state, activity.id);
}

const NO_VOTES: Tally = { agree: 0, disagree: 0, pass: 0 };

/** The check-in on screen for phones and the projector: ratings only once revealed, as published. */
function checkinView(state: SessionState, published?: Published): CheckinView | null {
	const activity = currentActivity(state);
	if (activity?.kind !== 'checkin' || !state.checkin) return null;
	return {
		activity: activity.id,
		rules: state.checkin.rules.map((rule) => {
			const key = ratingKey(activity.id, rule.id);
			const counts = state.revealed ? (published ? (published.distributions.get(key) ?? {}) : distribution(state, key)) : null;
			return { id: key, text: rule.text, counts };
		})
	};
}

function hostCheckin(state: SessionState): HostCheckin | null {
	if (!state.checkin) return null;
	const activity = checkinActivity(state);
	return {
		charter: state.checkin.charter,
		version: state.checkin.version,
		activity,
		rules: state.checkin.rules.map((rule) => ({
			id: rule.id,
			key: rule.key,
			text: rule.text,
			counts: activity ? distribution(state, ratingKey(activity, rule.id)) : {}
		}))
	};
}

export const hostProjection: Projection<HostMeta, HostProposal, HostRule> = {
	meta(state) {
		let votes = 0;
		for (const perProposal of state.votes.values()) votes += perProposal.size;
		const authored = new Map<number, number>();
		for (const proposal of state.proposals.values()) authored.set(proposal.device, (authored.get(proposal.device) ?? 0) + 1);
		const devices: HostDevice[] = [];
		for (const [number, entry] of state.devices) {
			devices.push({ label: entry.label, joinedAt: entry.joinedAt, muted: entry.muted, proposals: authored.get(number) ?? 0 });
		}
		return {
			...common(state),
			moduleId: state.moduleId,
			devices: devices.reverse(),
			joining: { locked: state.joiningLocked, cap: state.joinCap },
			premoderation: state.premoderation,
			projector: state.projector,
			participants: state.devices.size,
			votes,
			round: state.round,
			slideStartedAt: state.slideStartedAt,
			...liveCounts(state),
			distributions: Object.fromEntries([...state.responses.keys()].map((id) => [id, distribution(state, id)])),
			checkin: hostCheckin(state),
			savedCharter: state.savedCharter
		};
	},
	proposal(state, proposal) {
		const counts = tally(state, proposal.id);
		return {
			id: proposal.id,
			n: proposalNumber(proposal.id),
			round: proposal.round,
			text: proposal.text,
			original: proposal.original === proposal.text ? null : proposal.original,
			status: proposal.status,
			flags: proposal.flags,
			device: state.devices.get(proposal.device)?.label ?? '',
			muted: state.devices.get(proposal.device)?.muted ?? false,
			mergedInto: proposal.mergedInto,
			tally: counts,
			consensus: consensus(counts, state.devices.size),
			answerTo: isAnswer(state, proposal) ? proposal.round : null,
			highlighted: proposal.highlighted ?? false,
			group: proposal.group ?? ''
		};
	},
	rule(_state, rule, position) {
		return { id: rule.id, text: rule.text, from: rule.from, position };
	}
};

/** Approved proposals (or answers) of the round the class is in. */
function publicProposal(state: SessionState, proposal: Proposal, published?: Published): PublicProposal | null {
	if (proposal.status !== 'approved' || proposal.round !== state.round) return null;
	if (isAnswer(state, proposal)) {
		const marks = { highlighted: proposal.highlighted ?? false, group: proposal.group ?? '' };
		return { id: proposal.id, n: proposalNumber(proposal.id), text: proposal.text, tally: null, consensus: null, ...marks };
	}
	const counts = state.revealed ? (published ? (published.tallies.get(proposal.id) ?? NO_VOTES) : tally(state, proposal.id)) : null;
	return {
		id: proposal.id,
		n: proposalNumber(proposal.id),
		text: proposal.text,
		tally: counts,
		consensus: counts ? consensus(counts, state.devices.size) : null
	};
}

export const studentProjection: Projection<StudentMeta, PublicProposal, PublicRule> = {
	meta: (state, published) => ({
		...common(state),
		distribution: revealedDistribution(state, published),
		checkin: checkinView(state, published)
	}),
	proposal: publicProposal,
	/** Adopted rules show once the class talks about results, or when the session is closed. */
	rule(state, rule, position) {
		return state.closed || state.phase === 'review' ? { id: rule.id, text: rule.text, position } : null;
	}
};

export const projectorProjection: Projection<ProjectorMeta, PublicProposal, PublicRule> = {
	meta(state, published) {
		return {
			...common(state),
			distribution: revealedDistribution(state, published),
			checkin: checkinView(state, published),
			view: state.closed ? 'rules' : state.projector,
			participants: state.devices.size,
			...liveCounts(state)
		};
	},
	proposal: publicProposal,
	rule(state, rule, position) {
		return state.closed || state.projector === 'rules' ? { id: rule.id, text: rule.text, position } : null;
	}
};

/** The whole view of a role at once: for page loads and tests. */
export function project<Meta extends object, P, R>(
	projection: Projection<Meta, P, R>,
	state: SessionState,
	published?: Published
): View<Meta, P, R> {
	const proposals: Record<string, P> = {};
	for (const proposal of state.proposals.values()) {
		const entry = projection.proposal(state, proposal, published);
		if (entry) proposals[proposal.id] = entry;
	}
	const rules: Record<string, R> = {};
	state.rules.forEach((rule, position) => {
		const entry = projection.rule(state, rule, position);
		if (entry) rules[rule.id] = entry;
	});
	return { ...projection.meta(state, published), proposals, rules };
}

export type HostView = View<HostMeta, HostProposal, HostRule>;
export type StudentView = View<StudentMeta, PublicProposal, PublicRule>;
export type ProjectorViewData = View<ProjectorMeta, PublicProposal, PublicRule>;

export const hostView = (state: SessionState): HostView => project(hostProjection, state);
export const studentView = (state: SessionState, published?: Published): StudentView => project(studentProjection, state, published);
export const projectorView = (state: SessionState, published?: Published): ProjectorViewData =>
	project(projectorProjection, state, published);

/**
 * What one device sees of its own: its votes and answers, and its proposals (or answers to the
 * current question) that are waiting or shown.
 */
export interface PersonalView {
	joined: boolean;
	votes: Record<string, Choice>;
	responses: Record<string, string>;
	mine: Record<string, { id: string; text: string; status: 'pending' | 'approved' }>;
}

export function personalView(state: SessionState, device: number | null): PersonalView {
	const view: PersonalView = { joined: device !== null && state.devices.has(device), votes: {}, responses: {}, mine: {} };
	if (device === null) return view;
	for (const [proposalId, votes] of state.votes) {
		const choice = votes.get(device);
		const proposal = state.proposals.get(proposalId);
		if (choice && proposal?.status === 'approved') view.votes[proposalId] = choice;
	}
	for (const [activity, responses] of state.responses) {
		const choice = responses.get(device);
		if (choice !== undefined) view.responses[activity] = choice;
	}
	for (const proposal of state.proposals.values()) {
		if (proposal.device === device && proposal.round === state.round && (proposal.status === 'pending' || proposal.status === 'approved')) {
			view.mine[proposal.id] = { id: proposal.id, text: proposal.text, status: proposal.status };
		}
	}
	return view;
}
