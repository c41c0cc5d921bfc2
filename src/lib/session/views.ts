/**
 * What each role may see of a session. These projections are the only way state leaves the server:
 * students never get hidden or pending proposals of others, flags, device numbers or tallies before
 * the reveal; the projector gets only what the mentor chose to show.
 */
import { consensus, type Consensus } from './consensus';
import { tally } from './state';
import type { Choice, Flag, Phase, ProjectorView, ProposalStatus, SessionState, Tally } from './types';
import type { Lang } from '$lib/lessons/types';

interface Common {
	code: string;
	title: string;
	theme: string;
	lang: Lang;
	closed: boolean;
	phase: Phase;
	revealed: boolean;
}

export interface HostProposal {
	id: string;
	n: number;
	text: string;
	original: string | null;
	status: ProposalStatus;
	flags: Flag[];
	/** The author's number in this session, to show that several proposals come from one device. */
	device: number;
	muted: boolean;
	mergedInto: string | null;
	tally: Tally;
	consensus: Consensus;
}

export interface HostView extends Common {
	moduleId: string | null;
	premoderation: boolean;
	projector: ProjectorView;
	participants: number;
	votes: number;
	proposals: Record<string, HostProposal>;
	rules: Record<string, { id: string; text: string; from: string[]; position: number }>;
}

export interface PublicProposal {
	id: string;
	n: number;
	text: string;
	/** Only after the reveal. */
	tally: Tally | null;
	consensus: Consensus | null;
}

export interface StudentView extends Common {
	proposals: Record<string, PublicProposal>;
	/** Adopted rules, once the class talks about results or the session is closed. */
	rules: Record<string, { id: string; text: string; position: number }>;
}

export interface ProjectorViewData extends StudentView {
	view: ProjectorView;
	participants: number;
}

/** What one device sees of its own: its votes, and its proposals that are waiting or shown. */
export interface PersonalView {
	joined: boolean;
	votes: Record<string, Choice>;
	mine: Record<string, { id: string; text: string; status: 'pending' | 'approved' }>;
}

function common(state: SessionState): Common {
	return {
		code: state.code,
		title: state.title,
		theme: state.theme,
		lang: state.lang,
		closed: state.closed,
		phase: state.phase,
		revealed: state.revealed
	};
}

export function hostView(state: SessionState): HostView {
	const participants = state.devices.size;
	const proposals: Record<string, HostProposal> = {};
	let n = 0;
	for (const proposal of state.proposals.values()) {
		const counts = tally(state, proposal.id);
		proposals[proposal.id] = {
			id: proposal.id,
			n: ++n,
			text: proposal.text,
			original: proposal.original === proposal.text ? null : proposal.original,
			status: proposal.status,
			flags: proposal.flags,
			device: proposal.device,
			muted: state.devices.get(proposal.device)?.muted ?? false,
			mergedInto: proposal.mergedInto,
			tally: counts,
			consensus: consensus(counts, participants)
		};
	}
	let votes = 0;
	for (const perProposal of state.votes.values()) votes += perProposal.size;
	return {
		...common(state),
		moduleId: state.moduleId,
		premoderation: state.premoderation,
		projector: state.projector,
		participants,
		votes,
		proposals,
		rules: Object.fromEntries(state.rules.map((rule, position) => [rule.id, { ...rule, position }]))
	};
}

export function studentView(state: SessionState): StudentView {
	const participants = state.devices.size;
	const proposals: Record<string, PublicProposal> = {};
	let n = 0;
	for (const proposal of state.proposals.values()) {
		n++;
		if (proposal.status !== 'approved') continue;
		const counts = state.revealed ? tally(state, proposal.id) : null;
		proposals[proposal.id] = {
			id: proposal.id,
			n,
			text: proposal.text,
			tally: counts,
			consensus: counts ? consensus(counts, participants) : null
		};
	}
	const showRules = state.closed || state.phase === 'review';
	return {
		...common(state),
		proposals,
		rules: showRules
			? Object.fromEntries(state.rules.map((rule, position) => [rule.id, { id: rule.id, text: rule.text, position }]))
			: {}
	};
}

export function projectorView(state: SessionState): ProjectorViewData {
	const base = studentView(state);
	const rulesShown = state.closed || state.projector === 'rules';
	return {
		...base,
		rules: rulesShown
			? Object.fromEntries(state.rules.map((rule, position) => [rule.id, { id: rule.id, text: rule.text, position }]))
			: {},
		view: state.closed ? 'rules' : state.projector,
		participants: state.devices.size
	};
}

export function personalView(state: SessionState, device: number | null): PersonalView {
	const view: PersonalView = { joined: device !== null && state.devices.has(device), votes: {}, mine: {} };
	if (device === null) return view;
	for (const [proposalId, votes] of state.votes) {
		const choice = votes.get(device);
		const proposal = state.proposals.get(proposalId);
		if (choice && proposal?.status === 'approved') view.votes[proposalId] = choice;
	}
	for (const proposal of state.proposals.values()) {
		if (proposal.device === device && (proposal.status === 'pending' || proposal.status === 'approved')) {
			view.mine[proposal.id] = { id: proposal.id, text: proposal.text, status: proposal.status };
		}
	}
	return view;
}
