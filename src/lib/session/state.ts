import {
	BARE_ROUND,
	DEFAULT_JOIN_CAP,
	type CheckinSeed,
	type Choice,
	type MergeRecord,
	type OutlineStep,
	type Phase,
	type Proposal,
	type SessionState,
	type Slide,
	type StoredEvent,
	type Tally
} from './types';

export function emptyState(): SessionState {
	return {
		code: '',
		lang: 'nl',
		moduleId: null,
		title: '',
		round: BARE_ROUND,
		theme: '',
		createdAt: 0,
		closed: false,
		premoderation: true,
		phase: 'propose',
		revealed: false,
		projector: 'join',
		devices: new Map(),
		nextDevice: 1,
		joiningLocked: false,
		joinCap: DEFAULT_JOIN_CAP,
		proposals: new Map(),
		votes: new Map(),
		rules: [],
		steps: [],
		slides: [],
		slide: -1,
		slideStartedAt: 0,
		page: 0,
		revealedSlides: new Set(),
		responses: new Map(),
		seq: 0,
		nextProposal: 1,
		nextRule: 1,
		merges: new Map(),
		checkin: null,
		savedCharter: null
	};
}

/**
 * Folds one event into the state, in place: the server keeps a live state per session and applies
 * each event once, after it is stored. `fold` replays a whole log the same way.
 */
export function apply(state: SessionState, event: StoredEvent): SessionState {
	state.seq = event.seq;
	switch (event.type) {
		case 'session.created':
			Object.assign(state, {
				code: event.code,
				lang: event.lang,
				moduleId: event.moduleId,
				title: event.title,
				round: event.round,
				theme: event.theme,
				createdAt: event.at,
				steps: event.steps ?? [],
				joinCap: event.joinCap ?? DEFAULT_JOIN_CAP,
				slides: slidesOf(event.steps ?? []),
				// A lesson starts with everyone looking at the board until the mentor starts the first step.
				phase: event.steps?.length ? 'screen' : 'propose'
			});
			if (event.checkin) seedCheckin(state, event.checkin);
			break;
		case 'slide.set':
			enterSlide(state, event.slide, event.at);
			break;
		case 'response.cast': {
			let responses = state.responses.get(event.activity);
			if (!responses) state.responses.set(event.activity, (responses = new Map()));
			responses.set(event.device, event.choice);
			break;
		}
		case 'device.joined':
			state.devices.set(event.device, { muted: false, joinedAt: event.at, label: event.label ?? String(event.device) });
			state.nextDevice = Math.max(state.nextDevice, event.device + 1);
			break;
		case 'device.removed':
			removeDevice(state, event.device);
			// Its proposals leave the log (see store.ts): their numbers must not come back.
			if (event.nextProposal) state.nextProposal = Math.max(state.nextProposal, event.nextProposal);
			break;
		case 'joining.locked':
			state.joiningLocked = event.on;
			break;
		case 'joining.cap':
			state.joinCap = event.cap;
			break;
		case 'device.muted':
		case 'device.unmuted': {
			const device = state.devices.get(event.device);
			if (device) device.muted = event.type === 'device.muted';
			break;
		}
		case 'proposal.submitted':
			state.proposals.set(event.id, {
				id: event.id,
				device: event.device,
				round: event.round,
				text: event.text,
				original: event.text,
				status: event.status,
				flags: event.flags,
				mergedInto: null,
				submittedAt: event.at
			});
			state.nextProposal = Math.max(state.nextProposal, Number(event.id.slice(1)) + 1);
			break;
		case 'proposal.approved':
		case 'proposal.hidden': {
			const proposal = state.proposals.get(event.id);
			if (proposal) proposal.status = event.type === 'proposal.approved' ? 'approved' : 'hidden';
			break;
		}
		case 'proposal.edited': {
			const proposal = state.proposals.get(event.id);
			if (proposal) proposal.text = event.text;
			break;
		}
		case 'proposal.merged':
			merge(state, event.id, event.into);
			break;
		case 'premoderation.set':
			state.premoderation = event.on;
			break;
		case 'phase.set':
			state.phase = event.phase;
			break;
		case 'results.revealed':
			state.revealed = event.on;
			if (state.slide >= 0) {
				if (event.on) state.revealedSlides.add(state.slide);
				else state.revealedSlides.delete(state.slide);
			}
			break;
		case 'projector.set':
			state.projector = event.view;
			state.page = 0;
			break;
		case 'page.set':
			state.page = event.page;
			break;
		case 'vote.cast': {
			let votes = state.votes.get(event.proposal);
			if (!votes) state.votes.set(event.proposal, (votes = new Map()));
			votes.set(event.device, event.choice);
			break;
		}
		case 'rule.adopted':
			state.rules.push({ id: event.id, text: event.text, from: event.from });
			state.nextRule = Math.max(state.nextRule, Number(event.id.slice(1)) + 1);
			break;
		case 'rule.edited': {
			const rule = state.rules.find((candidate) => candidate.id === event.id);
			if (rule) rule.text = event.text;
			break;
		}
		case 'rule.removed':
			state.rules = state.rules.filter((rule) => rule.id !== event.id);
			break;
		case 'rule.moved': {
			const from = state.rules.findIndex((rule) => rule.id === event.id);
			if (from >= 0) {
				const [rule] = state.rules.splice(from, 1);
				state.rules.splice(Math.max(0, Math.min(event.to, state.rules.length)), 0, rule!);
			}
			break;
		}
		case 'session.closed':
			state.closed = true;
			break;
		case 'proposal.unmerged':
			unmerge(state, event.id);
			break;
		case 'charter.saved':
			state.savedCharter = { charter: event.charter, version: event.version };
			break;
		case 'answer.highlighted': {
			const proposal = state.proposals.get(event.id);
			if (proposal) proposal.highlighted = event.on;
			break;
		}
		case 'answer.grouped': {
			const proposal = state.proposals.get(event.id);
			if (proposal) proposal.group = event.group;
			break;
		}
	}
	return state;
}

/** A check-in starts with the charter's rules as the session's rules r1, r2, …: kept unless changed. */
function seedCheckin(state: SessionState, seed: CheckinSeed) {
	const rules = seed.rules.map((rule, index) => ({ id: `r${index + 1}`, ...rule }));
	state.checkin = { charter: seed.charter, version: seed.version, rules };
	state.rules = rules.map((rule) => ({ id: rule.id, text: rule.text, from: [] }));
	state.nextRule = rules.length + 1;
}

/** The check-in activity of a lesson (the first, if it has several); its ratings are keyed by its id. */
export function checkinActivity(state: SessionState): string | null {
	for (const step of state.steps) for (const activity of step.activities) if (activity.kind === 'checkin') return activity.id;
	return null;
}

/** Where a rating is kept: in the responses, under the check-in activity and the rule, `step-2-a1:r3`. */
export function ratingKey(activity: string, rule: string): string {
	return `${activity}:${rule}`;
}

/**
 * The merged proposal keeps every vote: each vote moves to the surviving proposal, except where the
 * device already voted there; that device keeps its vote on the survivor.
 */
function merge(state: SessionState, id: string, into: string) {
	const source = state.proposals.get(id);
	if (!source || source.status === 'merged') return;
	const record: MergeRecord = { status: source.status, votes: new Map(state.votes.get(id)), moved: new Map() };
	state.merges.set(id, record);
	source.status = 'merged';
	source.mergedInto = into;
	const moving = state.votes.get(id);
	if (!moving) return;
	let target = state.votes.get(into);
	if (!target) state.votes.set(into, (target = new Map()));
	for (const [device, choice] of moving) {
		if (target.has(device)) continue;
		target.set(device, choice);
		record.moved.set(device, choice);
	}
	state.votes.delete(id);
}

/**
 * Undoing a merge: the proposal gets its status and its own votes back, and the votes that moved
 * leave the survivor, unless the device has since changed that vote there (then it is the device's
 * own vote on the survivor).
 */
function unmerge(state: SessionState, id: string) {
	const source = state.proposals.get(id);
	const record = state.merges.get(id);
	if (!source || source.status !== 'merged' || !record) return;
	const target = state.votes.get(source.mergedInto ?? '');
	if (target) {
		for (const [device, choice] of record.moved) if (target.get(device) === choice) target.delete(device);
		if (target.size === 0) state.votes.delete(source.mergedInto ?? '');
	}
	if (record.votes.size) state.votes.set(id, new Map(record.votes));
	source.status = record.status;
	source.mergedInto = null;
	state.merges.delete(id);
}

/**
 * A removed device takes its proposals, votes and answers with it. A proposal merged into one of its
 * proposals comes back as hidden (the votes it brought along went with the removed one); rules keep
 * their text but no longer point at removed proposals.
 */
function removeDevice(state: SessionState, device: number) {
	state.devices.delete(device);
	for (const votes of state.votes.values()) votes.delete(device);
	for (const responses of state.responses.values()) responses.delete(device);
	for (const proposal of state.proposals.values()) if (proposal.device === device) state.proposals.delete(proposal.id);
	// The same whether the removed proposals were folded in or purged from the log before a replay.
	for (const id of state.votes.keys()) if (!state.proposals.has(id)) state.votes.delete(id);
	for (const proposal of state.proposals.values()) {
		if (proposal.mergedInto && !state.proposals.has(proposal.mergedInto)) {
			proposal.status = 'hidden';
			proposal.mergedInto = null;
		}
	}
	for (const rule of state.rules) {
		if (rule.from.some((id) => !state.proposals.has(id))) rule.from = rule.from.filter((id) => state.proposals.has(id));
	}
}

/** The screens of a lesson: one per activity, or one for a step without any. */
export function slidesOf(steps: OutlineStep[]): Slide[] {
	return steps.flatMap((step, index): Slide[] =>
		step.activities.length === 0 ? [{ step: index, activity: null }] : step.activities.map((_, activity) => ({ step: index, activity }))
	);
}

/** Text sent to a lesson's open question is an answer, not a proposal: it is never voted on. */
export function isAnswer(state: SessionState, proposal: Pick<Proposal, 'round'>): boolean {
	return questionIds(state).has(proposal.round);
}

const questionsOf = new WeakMap<OutlineStep[], Set<string>>();

/** The ids of the lesson's open questions (the outline never changes once the session started). */
export function questionIds(state: SessionState): Set<string> {
	let ids = questionsOf.get(state.steps);
	if (!ids) {
		ids = new Set(state.steps.flatMap((step) => step.activities.filter((activity) => activity.kind === 'question').map((a) => a.id)));
		questionsOf.set(state.steps, ids);
	}
	return ids;
}

export function currentActivity(state: SessionState) {
	const slide = state.slides[state.slide];
	if (!slide || slide.activity === null) return null;
	return state.steps[slide.step]?.activities[slide.activity] ?? null;
}

/**
 * Moving to a slide sets what students do, and which round new text goes into: a proposals round or
 * a question collects text under its own id; a vote is on the nearest proposals round before it.
 */
function enterSlide(state: SessionState, index: number, at: number) {
	state.slide = index;
	state.slideStartedAt = at;
	state.page = 0;
	state.revealed = state.revealedSlides.has(index);
	const activity = currentActivity(state);
	const phases: Record<string, Phase> = {
		proposals: 'propose',
		question: 'answer',
		vote: 'vote',
		statement: 'respond',
		scenario: 'respond',
		checkin: 'respond'
	};
	state.phase = activity ? (phases[activity.kind] ?? 'screen') : 'screen';
	if (activity?.kind === 'proposals' || activity?.kind === 'question') state.round = activity.id;
	if (activity?.kind === 'vote') {
		const before = state.slides
			.slice(0, index)
			.map((slide) => (slide.activity === null ? null : state.steps[slide.step]?.activities[slide.activity]))
			.filter((candidate) => candidate?.kind === 'proposals');
		state.round = before.at(-1)?.id ?? state.round;
	}
	state.projector = 'step';
}

export function fold(events: Iterable<StoredEvent>): SessionState {
	const state = emptyState();
	for (const event of events) apply(state, event);
	return state;
}

export function tally(state: SessionState, proposalId: string): Tally {
	const result: Tally = { agree: 0, disagree: 0, pass: 0 };
	for (const choice of state.votes.get(proposalId)?.values() ?? []) result[choice]++;
	return result;
}

export function voteOf(state: SessionState, proposalId: string, device: number): Choice | null {
	return state.votes.get(proposalId)?.get(device) ?? null;
}
