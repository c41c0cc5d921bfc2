import { CHECKIN_CHOICES } from '$lib/charter/types';
import { cleanText, type TextError } from './text';
import { currentActivity, isAnswer } from './state';
import {
	MAX_GROUP_LABEL,
	MAX_JOIN_CAP,
	MAX_PENDING,
	MAX_PROPOSALS_PER_DEVICE_ROUND,
	MAX_PROPOSALS_PER_SESSION,
	STATEMENT_CHOICES,
	type Choice,
	type Flag,
	type Phase,
	type ProjectorView,
	type SessionEvent,
	type SessionState
} from './types';

export type Actor = { role: 'host' } | { role: 'device'; device: number | null };

export type Command =
	/** `label`: a random label for the mentor's console, made by the caller (decide is pure). */
	| { type: 'join'; label: string }
	| { type: 'propose'; text: string }
	| { type: 'vote'; proposal: string; choice: Choice }
	| { type: 'respond'; activity: string; choice: string }
	| { type: 'slide'; index: number }
	| { type: 'approve'; id: string }
	| { type: 'hide'; id: string }
	| { type: 'edit'; id: string; text: string }
	| { type: 'merge'; id: string; into: string }
	| { type: 'mute'; id: string }
	| { type: 'unmute'; id: string }
	| { type: 'premoderation'; on: boolean }
	| { type: 'phase'; phase: Phase }
	| { type: 'reveal'; on: boolean }
	| { type: 'projector'; view: ProjectorView }
	| { type: 'adopt'; text: string; from: string[] }
	| { type: 'editRule'; id: string; text: string }
	| { type: 'removeRule'; id: string }
	| { type: 'moveRule'; id: string; to: number }
	| { type: 'close' }
	| { type: 'page'; page: number }
	| { type: 'unmerge'; id: string }
	| { type: 'lockJoin'; on: boolean }
	| { type: 'joinCap'; cap: number }
	/** A device by the label the console shows. */
	| { type: 'removeDevice'; device: string }
	/** The server saved the rules to a charter (never from a form: see src/lib/server/charters.ts). */
	| { type: 'charterSaved'; charter: string; version: number; close: boolean }
	/** Answers to an open question: make one stand out, or put it in a labelled group ('' for none). */
	| { type: 'highlight'; id: string; on: boolean }
	| { type: 'group'; id: string; group: string };

/** A slide never needs more pages than this; the projector shows its last page for anything beyond. */
export const MAX_PAGE = 20;

export type CommandType = Command['type'];

export type DomainError =
	| 'forbidden'
	| 'closed'
	| 'proposals_closed'
	| 'voting_closed'
	| 'not_joined'
	| 'unknown_proposal'
	| 'not_votable'
	| 'unknown_rule'
	| 'same_proposal'
	| 'merge_target'
	| 'not_now'
	| 'unknown_slide'
	| 'unmerge_later_first'
	| 'unknown_device'
	| 'joining_locked'
	| 'class_full'
	| 'label_taken'
	| 'proposal_cap'
	| 'session_cap'
	| 'queue_full'
	| 'invalid_cap'
	| 'not_answer'
	| 'group_too_long'
	| TextError;

/** A refusal may name what it refused: the character of a `control` text. */
export type Decision = { ok: true; events: SessionEvent[] } | { ok: false; error: DomainError; detail?: string };

const STUDENT_COMMANDS: ReadonlySet<CommandType> = new Set(['join', 'propose', 'vote', 'respond']);

/**
 * Decides what a command means for a session: the events to store, or why it is refused. Pure: the
 * state is only read. A command that changes nothing (approving an approved proposal, the same vote
 * again) is accepted with no events.
 */
export function decide(state: SessionState, actor: Actor, command: Command, flagText: (text: string) => Flag[]): Decision {
	if (actor.role === 'device' && !STUDENT_COMMANDS.has(command.type)) return refuse('forbidden');
	if (actor.role === 'host' && STUDENT_COMMANDS.has(command.type)) return refuse('forbidden');
	// The rules of a closed session can still become a charter.
	if (command.type === 'charterSaved') {
		// A session's rules become a new charter once (a check-in adds versions to its own charter).
		if (command.version === 1 && state.savedCharter) return refuse('not_now');
		const saved: SessionEvent[] = [{ type: 'charter.saved', charter: command.charter, version: command.version }];
		return accept(...saved, ...(command.close && !state.closed ? [{ type: 'session.closed' } as const] : []));
	}
	if (state.closed) return refuse('closed');

	switch (command.type) {
		case 'join': {
			if (actor.role === 'device' && actor.device !== null && state.devices.has(actor.device)) return accept();
			if (state.joiningLocked) return refuse('joining_locked');
			if (state.devices.size >= state.joinCap) return refuse('class_full');
			const label = command.label.trim();
			if (!label || [...state.devices.values()].some((entry) => entry.label === label)) return refuse('label_taken');
			return accept({ type: 'device.joined', device: state.nextDevice, label });
		}
		case 'propose': {
			const device = joinedDevice(state, actor);
			if (device === null) return refuse('not_joined');
			if (state.phase !== 'propose' && state.phase !== 'answer') return refuse('proposals_closed');
			if (state.proposals.size >= MAX_PROPOSALS_PER_SESSION) return refuse('session_cap');
			let mine = 0;
			let pending = 0;
			for (const proposal of state.proposals.values()) {
				if (proposal.device === device && proposal.round === state.round) mine++;
				if (proposal.status === 'pending') pending++;
			}
			if (mine >= MAX_PROPOSALS_PER_DEVICE_ROUND) return refuse('proposal_cap');
			const cleaned = cleanText(command.text);
			if (!cleaned.ok) return refuseText(cleaned);
			const muted = state.devices.get(device)?.muted ?? false;
			const status = muted ? 'hidden' : state.premoderation ? 'pending' : 'approved';
			if (status === 'pending' && pending >= MAX_PENDING) return refuse('queue_full');
			return accept({
				type: 'proposal.submitted',
				id: `p${state.nextProposal}`,
				device,
				text: cleaned.text,
				round: state.round,
				flags: flagText(cleaned.text),
				status
			});
		}
		case 'vote': {
			const device = joinedDevice(state, actor);
			if (device === null) return refuse('not_joined');
			if (state.phase !== 'vote') return refuse('voting_closed');
			const proposal = state.proposals.get(command.proposal);
			if (!proposal) return refuse('unknown_proposal');
			if (proposal.status !== 'approved' || proposal.round !== state.round) return refuse('not_votable');
			if (state.votes.get(proposal.id)?.get(device) === command.choice) return accept();
			return accept({ type: 'vote.cast', proposal: proposal.id, device, choice: command.choice });
		}
		case 'respond': {
			const device = joinedDevice(state, actor);
			if (device === null) return refuse('not_joined');
			const activity = currentActivity(state);
			if (activity?.kind === 'checkin') return rate(state, device, activity.id, command);
			if (state.phase !== 'respond' || !activity || activity.id !== command.activity) return refuse('not_now');
			const allowed = activity.kind === 'statement' ? STATEMENT_CHOICES : activity.options.map((_, index) => String(index));
			if (!(allowed as readonly string[]).includes(command.choice)) return refuse('not_now');
			if (state.responses.get(activity.id)?.get(device) === command.choice) return accept();
			return accept({ type: 'response.cast', activity: activity.id, device, choice: command.choice });
		}
		case 'slide': {
			if (!Number.isInteger(command.index) || !state.slides[command.index]) return refuse('unknown_slide');
			return command.index === state.slide ? accept() : accept({ type: 'slide.set', slide: command.index });
		}
		case 'approve':
		case 'hide': {
			const proposal = state.proposals.get(command.id);
			if (!proposal) return refuse('unknown_proposal');
			if (proposal.status === 'merged') return refuse('not_votable');
			const status = command.type === 'approve' ? 'approved' : 'hidden';
			if (proposal.status === status) return accept();
			return accept({ type: command.type === 'approve' ? 'proposal.approved' : 'proposal.hidden', id: proposal.id });
		}
		case 'edit': {
			const proposal = state.proposals.get(command.id);
			if (!proposal) return refuse('unknown_proposal');
			const cleaned = cleanText(command.text);
			if (!cleaned.ok) return refuseText(cleaned);
			if (cleaned.text === proposal.text) return accept();
			return accept({ type: 'proposal.edited', id: proposal.id, text: cleaned.text });
		}
		case 'merge': {
			if (command.id === command.into) return refuse('same_proposal');
			const source = state.proposals.get(command.id);
			const target = state.proposals.get(command.into);
			if (!source || !target) return refuse('unknown_proposal');
			if (source.status === 'merged' || target.status === 'merged' || target.status === 'hidden') {
				return refuse('merge_target');
			}
			return accept({ type: 'proposal.merged', id: source.id, into: target.id });
		}
		case 'mute':
		case 'unmute': {
			const proposal = state.proposals.get(command.id);
			if (!proposal) return refuse('unknown_proposal');
			const muted = state.devices.get(proposal.device)?.muted ?? false;
			if (command.type === 'mute' && muted) return accept();
			if (command.type === 'unmute' && !muted) return accept();
			return accept({ type: command.type === 'mute' ? 'device.muted' : 'device.unmuted', device: proposal.device });
		}
		case 'premoderation':
			return state.premoderation === command.on ? accept() : accept({ type: 'premoderation.set', on: command.on });
		case 'phase':
			return state.phase === command.phase ? accept() : accept({ type: 'phase.set', phase: command.phase });
		case 'reveal':
			return state.revealed === command.on ? accept() : accept({ type: 'results.revealed', on: command.on });
		case 'projector':
			return state.projector === command.view ? accept() : accept({ type: 'projector.set', view: command.view });
		case 'adopt': {
			const cleaned = cleanText(command.text);
			if (!cleaned.ok) return refuseText(cleaned);
			const from = [...new Set(command.from)];
			if (from.some((id) => !state.proposals.has(id))) return refuse('unknown_proposal');
			return accept({ type: 'rule.adopted', id: `r${state.nextRule}`, text: cleaned.text, from });
		}
		case 'editRule': {
			const rule = state.rules.find((candidate) => candidate.id === command.id);
			if (!rule) return refuse('unknown_rule');
			const cleaned = cleanText(command.text);
			if (!cleaned.ok) return refuseText(cleaned);
			return cleaned.text === rule.text ? accept() : accept({ type: 'rule.edited', id: rule.id, text: cleaned.text });
		}
		case 'removeRule':
			if (!state.rules.some((rule) => rule.id === command.id)) return refuse('unknown_rule');
			return accept({ type: 'rule.removed', id: command.id });
		case 'moveRule': {
			const from = state.rules.findIndex((rule) => rule.id === command.id);
			if (from < 0) return refuse('unknown_rule');
			const to = Math.max(0, Math.min(Math.trunc(command.to), state.rules.length - 1));
			return from === to ? accept() : accept({ type: 'rule.moved', id: command.id, to });
		}
		case 'close':
			return accept({ type: 'session.closed' });
		case 'page': {
			const page = Math.max(0, Math.min(Math.trunc(command.page), MAX_PAGE));
			return page === state.page ? accept() : accept({ type: 'page.set', page });
		}
		case 'unmerge': {
			const proposal = state.proposals.get(command.id);
			if (!proposal) return refuse('unknown_proposal');
			if (proposal.status !== 'merged') return accept();
			// Merges are undone last first: the survivor may itself have been merged on since.
			if (state.proposals.get(proposal.mergedInto ?? '')?.status === 'merged') return refuse('unmerge_later_first');
			return accept({ type: 'proposal.unmerged', id: proposal.id });
		}
		case 'lockJoin':
			return state.joiningLocked === command.on ? accept() : accept({ type: 'joining.locked', on: command.on });
		case 'joinCap': {
			const cap = Math.trunc(command.cap);
			if (!Number.isFinite(cap) || cap < 1 || cap > MAX_JOIN_CAP) return refuse('invalid_cap');
			return state.joinCap === cap ? accept() : accept({ type: 'joining.cap', cap });
		}
		case 'highlight':
		case 'group': {
			const proposal = state.proposals.get(command.id);
			if (!proposal) return refuse('unknown_proposal');
			if (!isAnswer(state, proposal)) return refuse('not_answer');
			if (command.type === 'highlight') {
				return (proposal.highlighted ?? false) === command.on
					? accept()
					: accept({ type: 'answer.highlighted', id: proposal.id, on: command.on });
			}
			let group = '';
			if (command.group.trim()) {
				const cleaned = cleanText(command.group);
				if (!cleaned.ok) return refuseText(cleaned);
				if ([...cleaned.text].length > MAX_GROUP_LABEL) return refuse('group_too_long');
				// The same label in other capitals joins the group that is already there.
				const same = [...state.proposals.values()].find((other) => other.group?.toLowerCase() === cleaned.text.toLowerCase());
				group = same?.group ?? cleaned.text;
			}
			return (proposal.group ?? '') === group ? accept() : accept({ type: 'answer.grouped', id: proposal.id, group });
		}
		case 'removeDevice': {
			for (const [number, entry] of state.devices) {
				if (entry.label === command.device) return accept({ type: 'device.removed', device: number, nextProposal: state.nextProposal });
			}
			return refuse('unknown_device');
		}
	}
}

/**
 * A check-in rating: `activity` is `<check-in activity>:<rule>` for one of the charter's rules, the
 * choice one of CHECKIN_CHOICES. Stored as an answer, so it is anonymous, changeable and published in
 * batches like every other answer.
 */
function rate(state: SessionState, device: number, activity: string, command: { activity: string; choice: string }): Decision {
	const prefix = `${activity}:`;
	const rule = command.activity.startsWith(prefix) ? command.activity.slice(prefix.length) : '';
	if (state.phase !== 'respond' || !state.checkin?.rules.some((candidate) => candidate.id === rule)) return refuse('not_now');
	if (!(CHECKIN_CHOICES as readonly string[]).includes(command.choice)) return refuse('not_now');
	if (state.responses.get(command.activity)?.get(device) === command.choice) return accept();
	return accept({ type: 'response.cast', activity: command.activity, device, choice: command.choice });
}

function joinedDevice(state: SessionState, actor: Actor): number | null {
	if (actor.role !== 'device' || actor.device === null) return null;
	return state.devices.has(actor.device) ? actor.device : null;
}

function accept(...events: SessionEvent[]): Decision {
	return { ok: true, events };
}

function refuse(error: DomainError): Decision {
	return { ok: false, error };
}

function refuseText(cleaned: { error: TextError; char?: string }): Decision {
	return cleaned.char ? { ok: false, error: cleaned.error, detail: cleaned.char } : { ok: false, error: cleaned.error };
}
