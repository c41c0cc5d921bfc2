import { describe, expect, it } from 'vitest';
import { decide, type Actor, type Command } from './commands';
import { apply, emptyState, fold } from './state';
import { cleanText } from './text';
import {
	MAX_PENDING,
	MAX_PROPOSALS_PER_DEVICE_ROUND,
	MAX_PROPOSALS_PER_SESSION,
	type Flag,
	type SessionEvent,
	type StoredEvent
} from './types';
import { hostView, projectorView, studentView } from './views';

const noFlags = (): Flag[] => [];
const host: Actor = { role: 'host' };
const device = (n: number): Actor => ({ role: 'device', device: n });

function session(joinCap?: number) {
	const state = emptyState();
	const log: StoredEvent[] = [];
	let seq = 0;
	const store = (event: SessionEvent) => {
		const stored = { ...event, seq: ++seq, at: seq * 1000 } as StoredEvent;
		log.push(stored);
		apply(state, stored);
	};
	store({
		type: 'session.created',
		code: 'ACDEFH',
		lang: 'nl',
		moduleId: null,
		title: 'Klas',
		round: 'agreements',
		theme: '',
		...(joinCap ? { joinCap } : {})
	});
	const run = (actor: Actor, command: Command) => {
		const decision = decide(state, actor, command, noFlags);
		if (decision.ok) decision.events.forEach(store);
		return decision;
	};
	const join = (label: string) => run({ role: 'device', device: null }, { type: 'join', label });
	return { state, log, run, join };
}

describe('joining: cap, lock, labels', () => {
	it('refuses devices over the cap with a code of its own, and the mentor can raise the cap', () => {
		const { state, join, run } = session(3);
		for (const label of ['AAA', 'CCC', 'DDD']) expect(join(label).ok).toBe(true);
		expect(join('EEE')).toEqual({ ok: false, error: 'class_full' });
		expect(run(host, { type: 'joinCap', cap: 4 })).toEqual({ ok: true, events: [{ type: 'joining.cap', cap: 4 }] });
		expect(join('EEE').ok).toBe(true);
		expect(state.devices.size).toBe(4);
		expect(run(host, { type: 'joinCap', cap: 0 })).toEqual({ ok: false, error: 'invalid_cap' });
		expect(run(device(1), { type: 'joinCap', cap: 100 })).toEqual({ ok: false, error: 'forbidden' });
	});

	it('defaults to a cap of 60 for logs from before the cap', () => {
		const { state } = session();
		expect(state.joinCap).toBe(60);
	});

	it('locks and unlocks joining; devices that joined stay', () => {
		const { state, join, run } = session();
		join('AAA');
		expect(run(host, { type: 'lockJoin', on: true })).toEqual({ ok: true, events: [{ type: 'joining.locked', on: true }] });
		expect(run(host, { type: 'lockJoin', on: true })).toEqual({ ok: true, events: [] });
		expect(join('CCC')).toEqual({ ok: false, error: 'joining_locked' });
		expect(run(device(1), { type: 'join', label: 'AAA' })).toEqual({ ok: true, events: [] });
		run(host, { type: 'lockJoin', on: false });
		expect(join('CCC').ok).toBe(true);
		expect(state.devices.size).toBe(2);
	});

	it('a closed session takes no new devices', () => {
		const { join, run } = session();
		run(host, { type: 'close' });
		expect(join('AAA')).toEqual({ ok: false, error: 'closed' });
	});

	it('stores the random label in the join event and refuses a label in use', () => {
		const { log, join } = session();
		join('K7Q');
		expect(log.at(-1)).toMatchObject({ type: 'device.joined', device: 1, label: 'K7Q' });
		expect(join('K7Q')).toEqual({ ok: false, error: 'label_taken' });
	});

	it('shows labels to the mentor only, never the joining order, and nothing of them to students or the projector', () => {
		const { state, join, run } = session();
		join('XQA');
		join('MEP');
		run(host, { type: 'premoderation', on: false });
		run(device(2), { type: 'propose', text: 'Eerst vragen' });
		const view = hostView(state);
		expect(view.proposals.p1!.device).toBe('MEP');
		expect(view.devices.map((d) => d.label)).toEqual(['MEP', 'XQA']);
		expect(view.devices[0]).toMatchObject({ proposals: 1, muted: false });
		expect(view.joining).toEqual({ locked: false, cap: 60 });
		for (const json of [JSON.stringify(studentView(state)), JSON.stringify(projectorView(state))]) {
			expect(json).not.toContain('MEP');
			expect(json).not.toContain('XQA');
			expect(json).not.toContain('"device"');
		}
	});
});

describe('removing a device', () => {
	function classOfThree() {
		const s = session();
		for (const label of ['AAA', 'CCC', 'DDD']) s.join(label);
		s.run(host, { type: 'premoderation', on: false });
		s.run(device(1), { type: 'propose', text: 'Van een bot' });
		s.run(device(2), { type: 'propose', text: 'Eerst vragen' });
		s.run(device(2), { type: 'propose', text: 'Altijd eerst vragen' });
		s.run(host, { type: 'merge', id: 'p3', into: 'p1' });
		s.run(host, { type: 'phase', phase: 'vote' });
		for (const n of [1, 2, 3]) s.run(device(n), { type: 'vote', proposal: 'p2', choice: 'agree' });
		s.run(device(3), { type: 'vote', proposal: 'p1', choice: 'agree' });
		s.run(host, { type: 'adopt', text: 'Vragen', from: ['p1', 'p2'] });
		return s;
	}

	it('takes its proposals and votes with it; proposals merged into them come back hidden', () => {
		const { state, run } = classOfThree();
		expect(run(host, { type: 'removeDevice', device: 'AAA' })).toEqual({
			ok: true,
			events: [{ type: 'device.removed', device: 1, nextProposal: 4 }]
		});
		expect(state.devices.has(1)).toBe(false);
		expect(state.proposals.has('p1')).toBe(false);
		expect(state.proposals.get('p3')).toMatchObject({ status: 'hidden', mergedInto: null });
		expect([...state.votes.get('p2')!.keys()]).toEqual([2, 3]);
		expect(state.votes.has('p1')).toBe(false);
		expect(state.rules[0]!.from).toEqual(['p2']);
		expect(run(device(1), { type: 'vote', proposal: 'p2', choice: 'pass' })).toEqual({ ok: false, error: 'not_joined' });
		expect(run(host, { type: 'removeDevice', device: 'AAA' })).toEqual({ ok: false, error: 'unknown_device' });
		expect(run(device(1), { type: 'removeDevice', device: 'CCC' })).toEqual({ ok: false, error: 'forbidden' });
	});

	it('gives the same state when its events are purged from the log and the log is replayed', () => {
		const { state, log, run } = classOfThree();
		run(host, { type: 'removeDevice', device: 'AAA' });
		const purged = log.filter((event) => {
			if ('device' in event && event.device === 1 && event.type !== 'device.joined' && event.type !== 'device.removed') return false;
			if (event.type !== 'proposal.submitted' && 'id' in event && event.id === 'p1' && event.type.startsWith('proposal.')) return false;
			return true;
		});
		expect(purged.length).toBeLessThan(log.length);
		expect(fold(purged)).toEqual(state);
	});

	it('never reuses a removed device number', () => {
		const { state, run, join } = classOfThree();
		run(host, { type: 'removeDevice', device: 'DDD' });
		join('EEE');
		expect([...state.devices.keys()]).toEqual([1, 2, 4]);
	});
});

describe('proposal caps', () => {
	it(`takes at most ${MAX_PROPOSALS_PER_DEVICE_ROUND} proposals per device per round`, () => {
		const { state, join, run } = session();
		join('AAA');
		join('CCC');
		for (let i = 0; i < MAX_PROPOSALS_PER_DEVICE_ROUND; i++)
			expect(run(device(1), { type: 'propose', text: `Voorstel ${i}` }).ok).toBe(true);
		expect(run(device(1), { type: 'propose', text: 'Nog een' })).toEqual({ ok: false, error: 'proposal_cap' });
		expect(run(device(2), { type: 'propose', text: 'Van een ander' }).ok).toBe(true);
		expect(state.proposals.size).toBe(MAX_PROPOSALS_PER_DEVICE_ROUND + 1);
	});

	it(`holds at most ${MAX_PENDING} proposals waiting for the mentor`, () => {
		const { state, join, run } = session(100);
		for (let n = 1; n <= 11; n++) join(`L${n}`);
		for (let i = 0; i < MAX_PENDING; i++)
			expect(run(device(1 + Math.floor(i / 10)), { type: 'propose', text: `Voorstel ${i}` }).ok).toBe(true);
		expect(run(device(11), { type: 'propose', text: 'Te veel' })).toEqual({ ok: false, error: 'queue_full' });
		run(host, { type: 'approve', id: 'p1' });
		expect(run(device(11), { type: 'propose', text: 'Nu wel' }).ok).toBe(true);
		expect(state.proposals.size).toBe(MAX_PENDING + 1);
	});

	it(`takes at most ${MAX_PROPOSALS_PER_SESSION} proposals in a session`, () => {
		const { state, join, run } = session(100);
		run(host, { type: 'premoderation', on: false });
		const devices = Math.ceil(MAX_PROPOSALS_PER_SESSION / MAX_PROPOSALS_PER_DEVICE_ROUND) + 1;
		for (let n = 1; n <= devices; n++) join(`L${n}`);
		let refused = 0;
		for (let n = 1; n <= devices; n++) {
			for (let i = 0; i < MAX_PROPOSALS_PER_DEVICE_ROUND; i++) {
				const decision = run(device(n), { type: 'propose', text: `Voorstel ${n}-${i}` });
				if (!decision.ok) {
					expect(decision.error).toBe('session_cap');
					refused++;
				}
			}
		}
		expect(state.proposals.size).toBe(MAX_PROPOSALS_PER_SESSION);
		expect(refused).toBe(devices * MAX_PROPOSALS_PER_DEVICE_ROUND - MAX_PROPOSALS_PER_SESSION);
	});
});

describe('text: emoji sequences and named characters', () => {
	it.each(['🤷‍♀️', '👨‍👩‍👧', '🏳️‍🌈', 'Samen 🧑🏽‍🤝‍🧑🏻 afspreken', '❤️‍🔥'])('accepts %s', (text) => {
		expect(cleanText(text)).toEqual({ ok: true, text });
	});

	it.each([
		['a\u200Db', 'U+200D'],
		['\u200D🙂', 'U+200D'],
		['🙂\u200D', 'U+200D'],
		['x\u200By', 'U+200B'],
		['\u202Eevil', 'U+202E'],
		['a\u0007b', 'U+0007'],
		['a\u0085b', 'U+0085']
	])('refuses %j and names %s', (text, char) => {
		expect(cleanText(text)).toEqual({ ok: false, error: 'control', char });
	});
});
