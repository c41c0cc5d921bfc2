import { describe, expect, it } from 'vitest';
import { decide, type Actor, type Command } from './commands';
import { apply, emptyState, fold, tally, voteOf } from './state';
import type { SessionEvent, StoredEvent } from './types';
import { hostView, personalView } from './views';

const host: Actor = { role: 'host' };
const device = (n: number): Actor => ({ role: 'device', device: n });

/** A class of four with three proposals (p1 pending, p2 and p3 approved) and voting open. */
function votingClass() {
	const state = emptyState();
	const log: StoredEvent[] = [];
	const store = (event: SessionEvent) => {
		const stored = { ...event, seq: log.length + 1, at: 1_000 * (log.length + 1) } as StoredEvent;
		log.push(stored);
		apply(state, stored);
	};
	store({ type: 'session.created', code: 'ACDEFG', lang: 'nl', moduleId: null, title: 'Klasafspraken', round: 'agreements', theme: '' });
	const run = (actor: Actor, command: Command) => {
		const decision = decide(state, actor, command, () => []);
		if (decision.ok) decision.events.forEach(store);
		return decision;
	};
	for (let i = 0; i < 4; i++) run({ role: 'device', device: null }, { type: 'join', label: `L${i}` });
	run(device(1), { type: 'propose', text: 'Wij vragen toestemming' });
	run(device(2), { type: 'propose', text: 'Niet filmen zonder toestemming' });
	run(device(3), { type: 'propose', text: 'Wij zijn aardig' });
	run(host, { type: 'approve', id: 'p2' });
	run(host, { type: 'approve', id: 'p3' });
	run(host, { type: 'phase', phase: 'vote' });
	return { state, run, log };
}

describe('undoing a merge', () => {
	it('gives the proposal back its status and its own votes, and takes the moved votes off the survivor', () => {
		const { state, run } = votingClass();
		run(device(1), { type: 'vote', proposal: 'p2', choice: 'agree' });
		run(device(2), { type: 'vote', proposal: 'p2', choice: 'disagree' });
		run(device(2), { type: 'vote', proposal: 'p3', choice: 'agree' });
		run(device(3), { type: 'vote', proposal: 'p3', choice: 'pass' });
		run(host, { type: 'merge', id: 'p2', into: 'p3' });
		expect(tally(state, 'p3')).toEqual({ agree: 2, disagree: 0, pass: 1 });

		expect(run(host, { type: 'unmerge', id: 'p2' })).toEqual({ ok: true, events: [{ type: 'proposal.unmerged', id: 'p2' }] });
		expect(state.proposals.get('p2')).toMatchObject({ status: 'approved', mergedInto: null });
		expect(tally(state, 'p2')).toEqual({ agree: 1, disagree: 1, pass: 0 });
		expect(tally(state, 'p3')).toEqual({ agree: 1, disagree: 0, pass: 1 });
		expect(voteOf(state, 'p2', 2)).toBe('disagree');
		expect(hostView(state).proposals.p2).toMatchObject({ status: 'approved', tally: { agree: 1, disagree: 1, pass: 0 } });
		expect(personalView(state, 1).votes).toEqual({ p2: 'agree' });
	});

	it('brings a pending proposal back as pending', () => {
		const { state, run } = votingClass();
		run(host, { type: 'merge', id: 'p1', into: 'p3' });
		run(host, { type: 'unmerge', id: 'p1' });
		expect(state.proposals.get('p1')).toMatchObject({ status: 'pending', mergedInto: null });
		expect(state.merges.size).toBe(0);
	});

	it('keeps a vote the device changed on the survivor after the merge', () => {
		const { state, run } = votingClass();
		run(device(1), { type: 'vote', proposal: 'p2', choice: 'agree' });
		run(host, { type: 'merge', id: 'p2', into: 'p3' });
		run(device(1), { type: 'vote', proposal: 'p3', choice: 'disagree' });
		run(host, { type: 'unmerge', id: 'p2' });
		expect(voteOf(state, 'p3', 1)).toBe('disagree');
		expect(voteOf(state, 'p2', 1)).toBe('agree');
	});

	it('undoes merges last first, and accepts an unmerge of an unmerged proposal with no events', () => {
		const { state, run } = votingClass();
		run(device(1), { type: 'vote', proposal: 'p2', choice: 'agree' });
		run(host, { type: 'approve', id: 'p1' });
		run(host, { type: 'merge', id: 'p2', into: 'p3' });
		run(host, { type: 'merge', id: 'p3', into: 'p1' });
		expect(run(host, { type: 'unmerge', id: 'p2' })).toEqual({ ok: false, error: 'unmerge_later_first' });
		run(host, { type: 'unmerge', id: 'p3' });
		expect(tally(state, 'p1')).toEqual({ agree: 0, disagree: 0, pass: 0 });
		expect(tally(state, 'p3')).toEqual({ agree: 1, disagree: 0, pass: 0 });
		run(host, { type: 'unmerge', id: 'p2' });
		expect(tally(state, 'p2')).toEqual({ agree: 1, disagree: 0, pass: 0 });
		expect(tally(state, 'p3')).toEqual({ agree: 0, disagree: 0, pass: 0 });
		expect(run(host, { type: 'unmerge', id: 'p2' })).toEqual({ ok: true, events: [] });
		expect(run(host, { type: 'unmerge', id: 'p9' })).toEqual({ ok: false, error: 'unknown_proposal' });
	});

	it('is for the mentor only, and not after closing', () => {
		const { run } = votingClass();
		run(host, { type: 'merge', id: 'p2', into: 'p3' });
		expect(run(device(1), { type: 'unmerge', id: 'p2' })).toEqual({ ok: false, error: 'forbidden' });
		run(host, { type: 'close' });
		expect(run(host, { type: 'unmerge', id: 'p2' })).toEqual({ ok: false, error: 'closed' });
	});

	it('replays to the same state from the log', () => {
		const { state, run, log } = votingClass();
		run(device(1), { type: 'vote', proposal: 'p2', choice: 'agree' });
		run(host, { type: 'merge', id: 'p2', into: 'p3' });
		run(host, { type: 'unmerge', id: 'p2' });
		expect(hostView(fold(log))).toEqual(hostView(state));
	});
});
