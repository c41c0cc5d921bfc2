import { describe, expect, it } from 'vitest';
import { decide, type Actor, type Command } from './commands';
import { consensus } from './consensus';
import { applyPatch, diff } from './patch';
import { apply, emptyState, fold, tally, voteOf } from './state';
import { cleanText } from './text';
import type { Flag, SessionEvent, SessionState, StoredEvent } from './types';
import { hostView, personalView, projectorView, studentView } from './views';

const noFlags = (): Flag[] => [];
const host: Actor = { role: 'host' };
const device = (n: number): Actor => ({ role: 'device', device: n });

/** A session driven through `decide` and `apply`, as the server does. */
function session() {
	const state = emptyState();
	let seq = 0;
	let clock = 1_000;
	const store = (event: SessionEvent) => apply(state, { ...event, seq: ++seq, at: (clock += 1000) } as StoredEvent);
	store({
		type: 'session.created',
		code: 'ACDEFG',
		lang: 'nl',
		moduleId: null,
		title: 'Klasafspraken',
		round: 'agreements',
		theme: 'Filmen'
	});
	const run = (actor: Actor, command: Command, flags = noFlags) => {
		const decision = decide(state, actor, command, flags);
		if (decision.ok) decision.events.forEach(store);
		return decision;
	};
	return { state, run };
}

function classWith(devices: number) {
	const s = session();
	for (let i = 0; i < devices; i++) s.run({ role: 'device', device: null }, { type: 'join', label: `L${i}` });
	return s;
}

describe('decide and fold: proposals and moderation', () => {
	it('numbers devices in joining order and ignores a second join', () => {
		const { state, run } = classWith(3);
		expect([...state.devices.keys()]).toEqual([1, 2, 3]);
		expect(run(device(2), { type: 'join', label: 'NEW' })).toEqual({ ok: true, events: [] });
	});

	it('holds proposals for approval by default and shows them once approved', () => {
		const { state, run } = classWith(2);
		run(device(1), { type: 'propose', text: '  Wij vragen   eerst toestemming ' });
		expect(state.proposals.get('p1')).toMatchObject({ text: 'Wij vragen eerst toestemming', status: 'pending' });
		expect(studentView(state).proposals).toEqual({});
		run(host, { type: 'approve', id: 'p1' });
		expect(Object.values(studentView(state).proposals).map((p) => p.text)).toEqual(['Wij vragen eerst toestemming']);
	});

	it('publishes at once when pre-moderation is off, and hides proposals of a muted device', () => {
		const { state, run } = classWith(2);
		run(host, { type: 'premoderation', on: false });
		run(device(1), { type: 'propose', text: 'Eerste' });
		expect(state.proposals.get('p1')!.status).toBe('approved');
		run(host, { type: 'mute', id: 'p1' });
		run(device(1), { type: 'propose', text: 'Tweede' });
		expect(state.proposals.get('p2')!.status).toBe('hidden');
		run(host, { type: 'unmute', id: 'p1' });
		run(device(1), { type: 'propose', text: 'Derde' });
		expect(state.proposals.get('p3')!.status).toBe('approved');
	});

	it('keeps the original wording when the mentor edits', () => {
		const { state, run } = classWith(1);
		run(device(1), { type: 'propose', text: 'wij vragen toestming' });
		run(host, { type: 'edit', id: 'p1', text: 'Wij vragen toestemming' });
		expect(state.proposals.get('p1')).toMatchObject({ text: 'Wij vragen toestemming', original: 'wij vragen toestming' });
		expect(hostView(state).proposals.p1!.original).toBe('wij vragen toestming');
	});

	it('stores the flags the check raised', () => {
		const { state, run } = classWith(1);
		run(device(1), { type: 'propose', text: 'Bel 0612345678' }, () => [{ reason: 'phone', match: '0612345678' }]);
		expect(hostView(state).proposals.p1!.flags).toEqual([{ reason: 'phone', match: '0612345678' }]);
		expect(JSON.stringify(studentView(state))).not.toContain('phone');
	});

	it('refuses bad input and changes nothing', () => {
		const { state, run } = classWith(1);
		const before = state.seq;
		expect(run(device(1), { type: 'propose', text: '   ' })).toEqual({ ok: false, error: 'empty' });
		expect(run(device(1), { type: 'propose', text: 'x'.repeat(281) })).toEqual({ ok: false, error: 'too_long' });
		expect(run(device(1), { type: 'propose', text: 'a\u0007b' })).toEqual({ ok: false, error: 'control', detail: 'U+0007' });
		expect(run(device(1), { type: 'propose', text: 'bad \uFFFD utf-8' })).toEqual({ ok: false, error: 'encoding' });
		expect(run({ role: 'device', device: 9 }, { type: 'propose', text: 'hoi' })).toEqual({ ok: false, error: 'not_joined' });
		expect(run(device(1), { type: 'approve', id: 'p1' })).toEqual({ ok: false, error: 'forbidden' });
		expect(run(host, { type: 'propose', text: 'hoi' })).toEqual({ ok: false, error: 'forbidden' });
		expect(run(host, { type: 'approve', id: 'p9' })).toEqual({ ok: false, error: 'unknown_proposal' });
		expect(state.seq).toBe(before);
	});

	it('accepts 280 characters, counting an emoji as one', () => {
		expect(cleanText('😀'.repeat(280))).toEqual({ ok: true, text: '😀'.repeat(280) });
	});
});

describe('voting', () => {
	function votingClass() {
		const s = classWith(4);
		s.run(host, { type: 'premoderation', on: false });
		s.run(device(1), { type: 'propose', text: 'Wij vragen toestemming' });
		s.run(device(2), { type: 'propose', text: 'Niet filmen zonder toestemming' });
		s.run(device(3), { type: 'propose', text: 'Wij zijn aardig' });
		s.run(host, { type: 'phase', phase: 'vote' });
		return s;
	}

	it('takes one vote per device, changeable while voting is open', () => {
		const { state, run } = votingClass();
		run(device(1), { type: 'vote', proposal: 'p1', choice: 'agree' });
		run(device(1), { type: 'vote', proposal: 'p1', choice: 'disagree' });
		run(device(2), { type: 'vote', proposal: 'p1', choice: 'pass' });
		expect(tally(state, 'p1')).toEqual({ agree: 0, disagree: 1, pass: 1 });
		run(host, { type: 'phase', phase: 'review' });
		expect(run(device(1), { type: 'vote', proposal: 'p1', choice: 'agree' })).toEqual({ ok: false, error: 'voting_closed' });
		expect(voteOf(state, 'p1', 1)).toBe('disagree');
	});

	it('refuses votes on hidden, pending or unknown proposals and proposals outside the round', () => {
		const { state, run } = votingClass();
		run(host, { type: 'hide', id: 'p3' });
		expect(run(device(1), { type: 'vote', proposal: 'p3', choice: 'agree' })).toEqual({ ok: false, error: 'not_votable' });
		expect(run(device(1), { type: 'vote', proposal: 'p7', choice: 'agree' })).toEqual({ ok: false, error: 'unknown_proposal' });
		expect(run(device(1), { type: 'propose', text: 'Te laat' })).toEqual({ ok: false, error: 'proposals_closed' });
		expect(state.votes.size).toBe(0);
	});

	it('merging keeps every vote; a device that voted on both keeps its vote on the survivor', () => {
		const { state, run } = votingClass();
		run(device(1), { type: 'vote', proposal: 'p1', choice: 'agree' });
		run(device(1), { type: 'vote', proposal: 'p2', choice: 'disagree' });
		run(device(2), { type: 'vote', proposal: 'p2', choice: 'agree' });
		run(device(3), { type: 'vote', proposal: 'p2', choice: 'pass' });
		run(host, { type: 'merge', id: 'p2', into: 'p1' });
		expect(tally(state, 'p1')).toEqual({ agree: 2, disagree: 0, pass: 1 });
		expect(voteOf(state, 'p1', 1)).toBe('agree');
		expect(state.proposals.get('p2')).toMatchObject({ status: 'merged', mergedInto: 'p1' });
		expect(studentView(state).proposals.p2).toBeUndefined();
		expect(run(device(4), { type: 'vote', proposal: 'p2', choice: 'agree' })).toEqual({ ok: false, error: 'not_votable' });
		expect(run(host, { type: 'merge', id: 'p1', into: 'p1' })).toEqual({ ok: false, error: 'same_proposal' });
	});

	it('keeps tallies from students and projector until the reveal; the mentor sees them live', () => {
		const { state, run } = votingClass();
		run(device(1), { type: 'vote', proposal: 'p1', choice: 'agree' });
		expect(hostView(state).proposals.p1!.tally).toEqual({ agree: 1, disagree: 0, pass: 0 });
		expect(studentView(state).proposals.p1!.tally).toBeNull();
		expect(projectorView(state).proposals.p1!.tally).toBeNull();
		run(host, { type: 'reveal', on: true });
		expect(studentView(state).proposals.p1!.tally).toEqual({ agree: 1, disagree: 0, pass: 0 });
		expect(personalView(state, 1).votes).toEqual({ p1: 'agree' });
		expect(personalView(state, 2).votes).toEqual({});
	});
});

describe('rules and closing', () => {
	it('adopts, rewords, orders and removes rules; students see them in review', () => {
		const { state, run } = classWith(1);
		run(device(1), { type: 'propose', text: 'niet filmen' });
		run(host, { type: 'adopt', text: 'We vragen toestemming voordat we filmen', from: ['p1'] });
		run(host, { type: 'adopt', text: 'We steunen elkaar', from: [] });
		run(host, { type: 'moveRule', id: 'r2', to: 0 });
		run(host, { type: 'editRule', id: 'r1', text: 'We vragen eerst toestemming' });
		expect(state.rules.map((rule) => rule.text)).toEqual(['We steunen elkaar', 'We vragen eerst toestemming']);
		expect(studentView(state).rules).toEqual({});
		run(host, { type: 'phase', phase: 'review' });
		expect(Object.values(studentView(state).rules).map((rule) => rule.text)).toEqual(['We steunen elkaar', 'We vragen eerst toestemming']);
		run(host, { type: 'removeRule', id: 'r2' });
		expect(state.rules.map((rule) => rule.id)).toEqual(['r1']);
		expect(run(host, { type: 'adopt', text: 'x', from: ['p9'] })).toEqual({ ok: false, error: 'unknown_proposal' });
	});

	it('closing stops all input and shows the rules everywhere', () => {
		const { state, run } = classWith(1);
		run(host, { type: 'adopt', text: 'We vragen toestemming', from: [] });
		run(host, { type: 'close' });
		expect(run(device(1), { type: 'propose', text: 'hoi' })).toEqual({ ok: false, error: 'closed' });
		expect(run(host, { type: 'approve', id: 'p1' })).toEqual({ ok: false, error: 'closed' });
		expect(run({ role: 'device', device: null }, { type: 'join', label: 'NEW' })).toEqual({ ok: false, error: 'closed' });
		expect(Object.keys(studentView(state).rules)).toEqual(['r1']);
		expect(projectorView(state).view).toBe('rules');
	});
});

describe('fold', () => {
	it('replays a log into the same state as live application', () => {
		const { state, run } = classWith(2);
		run(host, { type: 'premoderation', on: false });
		run(device(1), { type: 'propose', text: 'A' });
		const log: StoredEvent[] = [];
		const recorder = emptyState();
		// Rebuild from the same decisions, recording the stored events.
		let seq = 0;
		for (const event of [
			{ type: 'session.created', code: 'X', lang: 'en', moduleId: null, title: 't', round: 'agreements', theme: '' },
			{ type: 'device.joined', device: 1 },
			{ type: 'proposal.submitted', id: 'p1', device: 1, text: 'A', round: 'agreements', flags: [], status: 'approved' }
		] as SessionEvent[]) {
			const stored = { ...event, seq: ++seq, at: seq } as StoredEvent;
			log.push(stored);
			apply(recorder, stored);
		}
		expect(fold(log)).toEqual(recorder);
		expect(state.proposals.get('p1')!.text).toBe('A');
	});
});

describe('consensus', () => {
	const t = (agree: number, disagree: number, pass: number) => ({ agree, disagree, pass });
	it.each([
		[t(8, 2, 0), 10, 'wide'],
		[t(15, 5, 5), 30, 'wide'],
		[t(6, 4, 0), 10, 'divided'],
		[t(4, 6, 2), 12, 'not'],
		[t(2, 0, 0), 10, 'too-few'],
		[t(3, 0, 0), 30, 'too-few'],
		[t(10, 0, 0), 30, 'wide'],
		[t(0, 0, 9), 10, 'too-few']
	] as const)('%o with %i participants is %s', (tally, participants, label) => {
		expect(consensus(tally, participants)).toBe(label);
	});

	it('counts pass only towards turnout', () => {
		expect(consensus(t(3, 1, 20), 24)).toBe('wide');
		expect(consensus(t(3, 1, 0), 24)).toBe('too-few');
	});
});

describe('patch', () => {
	it('sends only what changed and rebuilds the view on the other side', () => {
		const before = { phase: 'propose', proposals: { p1: { text: 'a' }, p2: { text: 'b' } }, rules: {} };
		const after = { phase: 'vote', proposals: { p1: { text: 'a' }, p3: { text: 'c' } }, rules: {} };
		const patch = diff<object>(before, after);
		expect(patch).toEqual({ set: { phase: 'vote', 'proposals.p3': { text: 'c' } }, del: ['proposals.p2'] });
		expect(applyPatch(structuredClone(before), patch!)).toEqual(after);
		expect(diff(after, structuredClone(after))).toBeNull();
	});
});

describe('projections never leak', () => {
	function busyClass(): SessionState {
		const { state, run } = classWith(3);
		run(device(1), { type: 'propose', text: 'Verborgen voorstel' }, () => [{ reason: 'insult', match: 'x' }]);
		run(device(2), { type: 'propose', text: 'Goedgekeurd voorstel' });
		run(host, { type: 'hide', id: 'p1' });
		run(host, { type: 'approve', id: 'p2' });
		run(host, { type: 'phase', phase: 'vote' });
		run(device(3), { type: 'vote', proposal: 'p2', choice: 'agree' });
		return state;
	}

	it('gives students and the projector no hidden text, flags, device numbers or tallies', () => {
		const state = busyClass();
		for (const view of [studentView(state), projectorView(state), personalView(state, 3)]) {
			const json = JSON.stringify(view);
			expect(json).not.toContain('Verborgen');
			expect(json).not.toContain('insult');
			expect(json).not.toMatch(/"device"|"flags"|"muted"/);
			expect(json).not.toMatch(/"agree":\s*1/);
		}
	});

	it('shows a device its own pending proposal, but not a hidden one', () => {
		const { state, run } = classWith(1);
		run(device(1), { type: 'propose', text: 'Wacht' });
		expect(personalView(state, 1).mine).toEqual({ p1: { id: 'p1', text: 'Wacht', status: 'pending' } });
		run(host, { type: 'hide', id: 'p1' });
		expect(personalView(state, 1).mine).toEqual({});
	});
});
