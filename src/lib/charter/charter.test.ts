import { describe, expect, it } from 'vitest';
import { decide, type Actor, type Command } from '$lib/session/commands';
import { apply, emptyState } from '$lib/session/state';
import type { CheckinSeed, OutlineStep, SessionEvent, SessionState } from '$lib/session/types';
import { hostView, personalView, studentView } from '$lib/session/views';
import { diffRules, diffVersions, unchanged } from './diff';
import type { CharterRule } from './types';
import { checkDates, checkMeta, checkRules, className, isoDay, reviewDue, schoolYear, schoolYearOf } from './validate';
import { checkinSeed, current, lastKey, rulesFromSession, versionOf } from './version';

const rule = (key: string, text: string, support: CharterRule['support'] = 'wide'): CharterRule => ({ key, text, support });

describe('diff between two versions', () => {
	const v1 = [rule('k1', 'Wij vragen eerst'), rule('k2', 'Wij filmen geen docenten'), rule('k3', 'Wij sturen niets door')];
	const v2 = [rule('k1', 'Wij vragen eerst'), rule('k3', 'Wij sturen niets door zonder te vragen'), rule('k4', 'Wij helpen elkaar')];

	it('sorts every rule into kept, changed (old → new), added and dropped, by key', () => {
		expect(diffVersions({ version: 1, rules: v1 }, { version: 2, rules: v2 })).toEqual({
			from: 1,
			to: 2,
			kept: [{ key: 'k1', text: 'Wij vragen eerst' }],
			changed: [{ key: 'k3', from: 'Wij sturen niets door', to: 'Wij sturen niets door zonder te vragen' }],
			added: [{ key: 'k4', text: 'Wij helpen elkaar' }],
			dropped: [{ key: 'k2', text: 'Wij filmen geen docenten' }]
		});
	});

	it('matches by key, not by text: the same words under a new key are a drop and an add', () => {
		const result = diffRules([rule('k1', 'Wij vragen eerst')], [rule('k2', 'Wij vragen eerst')]);
		expect(result.added).toHaveLength(1);
		expect(result.dropped).toHaveLength(1);
		expect(result.kept).toHaveLength(0);
	});

	it('a version against itself keeps everything; a reorder is a change of the whole but keeps each rule', () => {
		expect(diffRules(v1, v1)).toEqual({ kept: v1.map(({ key, text }) => ({ key, text })), changed: [], added: [], dropped: [] });
		expect(unchanged(v1, v1)).toBe(true);
		const reordered = [v1[1]!, v1[0]!, v1[2]!];
		expect(unchanged(v1, reordered)).toBe(false);
		expect(diffRules(v1, reordered).kept.map((kept) => kept.key)).toEqual(['k2', 'k1', 'k3']);
	});
});

describe('validation', () => {
	it('reads school years in the ways people write them, and refuses the rest', () => {
		expect(schoolYear('2026-2027')).toBe('2026-2027');
		expect(schoolYear(' 2026 / 27 ')).toBe('2026-2027');
		expect(schoolYear('2026–2027')).toBe('2026-2027');
		expect(schoolYear('2026-2028')).toBeNull();
		expect(schoolYear('26-27')).toBeNull();
		expect(schoolYear(2026)).toBeNull();
		expect(schoolYearOf('2026-12-02')).toBe('2026-2027');
		expect(schoolYearOf('2027-03-01')).toBe('2026-2027');
		expect(schoolYearOf('2027-08-20')).toBe('2027-2028');
	});

	it('takes real calendar days only, and a review not before the day agreed', () => {
		expect(isoDay('2026-02-29')).toBeNull();
		expect(isoDay('2028-02-29')).toBe('2028-02-29');
		expect(isoDay('2026-12-2')).toBeNull();
		expect(checkDates('2026-12-02', '2026-12-01')).toEqual({ ok: false, error: 'review_before_agreed' });
		expect(checkDates('2026-12-02', '2026-12-02')).toEqual({ ok: true, value: { agreedOn: '2026-12-02', reviewOn: '2026-12-02' } });
		expect(reviewDue('2026-12-30', '2026-12-29')).toBe(false);
		expect(reviewDue('2026-12-30', '2026-12-30')).toBe(true);
	});

	it('cleans a class name and refuses an empty, too long or control-character one', () => {
		expect(className('  3B   mentor ')).toBe('3B mentor');
		expect(className('')).toBeNull();
		expect(className('x'.repeat(61))).toBeNull();
		expect(className('3B\u202E')).toBeNull();
		expect(checkMeta({ className: '3B', schoolYear: 'dit jaar', agreedOn: '2026-12-02', reviewOn: '2026-12-30' })).toEqual({
			ok: false,
			error: 'school_year'
		});
	});

	it('takes one to thirty rules with clean texts and unique keys', () => {
		expect(checkRules([])).toEqual({ ok: false, error: 'no_rules' });
		expect(checkRules(Array.from({ length: 31 }, (_, i) => rule(`k${i + 1}`, `Regel ${i + 1}`)))).toEqual({
			ok: false,
			error: 'too_many_rules'
		});
		expect(checkRules([rule('k1', 'a'), rule('k1', 'b')])).toEqual({ ok: false, error: 'duplicate_key' });
		expect(checkRules([rule('k1', '   ')])).toEqual({ ok: false, error: 'rule_text' });
		expect(checkRules([rule('k1', ' Wij\nvragen  eerst ')])).toEqual({ ok: true, value: [rule('k1', 'Wij vragen eerst')] });
	});
});

const STEPS: OutlineStep[] = [
	{ id: 'step-1', title: 'Welkom', minutes: 2, activities: [] },
	{
		id: 'step-2',
		title: 'Hoe gaat het?',
		minutes: 5,
		activities: [{ id: 'step-2-a1', kind: 'checkin', label: '', text: '', options: [] }]
	},
	{
		id: 'step-3',
		title: 'Nieuwe afspraken',
		minutes: 8,
		activities: [
			{ id: 'step-3-a1', kind: 'proposals', label: 'Nieuwe of betere afspraken', text: 'Schrijf een afspraak.', options: [] },
			{ id: 'step-3-a2', kind: 'vote', label: '', text: 'Stem.', options: [] }
		]
	}
];

const SEED: CheckinSeed = {
	charter: 'abcdefghijklmnop',
	version: 1,
	rules: [rule('k1', 'Wij vragen eerst'), rule('k2', 'Wij filmen geen docenten', 'divided'), rule('k3', 'Wij sturen niets door')]
};

function checkinSession() {
	const state = emptyState();
	let seq = 0;
	const run = (actor: Actor, command: Command) => {
		const decision = decide(state, actor, command, () => []);
		if (decision.ok)
			for (const event of decision.events)
				apply(state, { ...event, seq: ++seq, at: 1_000 + seq } as SessionEvent & { seq: number; at: number });
		return decision;
	};
	apply(state, {
		type: 'session.created',
		code: 'ACDEFH',
		lang: 'nl',
		moduleId: 'terugblik',
		title: 'Terugblik',
		round: 'step-3-a1',
		theme: '',
		steps: STEPS,
		checkin: SEED,
		seq: ++seq,
		at: 1_000
	});
	const host: Actor = { role: 'host' };
	for (let i = 0; i < 3; i++) run({ role: 'device', device: null }, { type: 'join', label: `L${i}` });
	return { state, run, host, phone: (device: number): Actor => ({ role: 'device', device }) };
}

describe('a check-in session', () => {
	it('starts with the charter’s rules as its rules, r1 … rn', () => {
		const { state } = checkinSession();
		expect(state.rules.map((r) => [r.id, r.text])).toEqual([
			['r1', 'Wij vragen eerst'],
			['r2', 'Wij filmen geen docenten'],
			['r3', 'Wij sturen niets door']
		]);
		expect(state.nextRule).toBe(4);
	});

	it('takes one changeable rating per device per rule, only while the check-in is on screen', () => {
		const { state, run, host, phone } = checkinSession();
		expect(run(phone(1), { type: 'respond', activity: 'step-2-a1:r1', choice: 'good' })).toEqual({ ok: false, error: 'not_now' });
		run(host, { type: 'slide', index: 1 });
		expect(state.phase).toBe('respond');
		expect(run(phone(1), { type: 'respond', activity: 'step-2-a1:r1', choice: 'good' }).ok).toBe(true);
		expect(run(phone(1), { type: 'respond', activity: 'step-2-a1:r1', choice: 'change' }).ok).toBe(true);
		expect(run(phone(2), { type: 'respond', activity: 'step-2-a1:r1', choice: 'change' }).ok).toBe(true);
		// The same again changes nothing; an unknown rule, a rule added later or a made-up choice is refused.
		expect(run(phone(2), { type: 'respond', activity: 'step-2-a1:r1', choice: 'change' })).toEqual({ ok: true, events: [] });
		expect(run(phone(1), { type: 'respond', activity: 'step-2-a1:r9', choice: 'good' })).toEqual({ ok: false, error: 'not_now' });
		expect(run(phone(1), { type: 'respond', activity: 'step-2-a1:r1', choice: 'agree' })).toEqual({ ok: false, error: 'not_now' });
		expect(run(phone(1), { type: 'respond', activity: 'step-2-a1', choice: 'good' })).toEqual({ ok: false, error: 'not_now' });

		const host_ = hostView(state);
		expect(host_.checkin?.rules[0]).toEqual({ id: 'r1', key: 'k1', text: 'Wij vragen eerst', counts: { change: 2 } });
		expect(host_.answered).toBe(2);
		// Phones see the rules to rate, but no counts before the reveal; each phone sees its own choice.
		const student = studentView(state);
		expect(student.checkin?.rules.map((r) => r.counts)).toEqual([null, null, null]);
		expect(personalView(state, 1).responses).toEqual({ 'step-2-a1:r1': 'change' });
		run(host, { type: 'reveal', on: true });
		expect(studentView(state).checkin?.rules[0]?.counts).toEqual({ change: 2 });
		// On the next slide the phones no longer get the check-in.
		run(host, { type: 'slide', index: 2 });
		expect(studentView(state).checkin).toBeNull();
	});

	it('becomes the next version: reworded rules keep their key and label, new ones get fresh keys', () => {
		const { state, run, host, phone } = checkinSession();
		run(host, { type: 'editRule', id: 'r3', text: 'Wij sturen niets door zonder te vragen' });
		run(host, { type: 'removeRule', id: 'r2' });
		run(host, { type: 'slide', index: 2 });
		run(phone(1), { type: 'propose', text: 'Wij helpen elkaar' });
		run(host, { type: 'approve', id: 'p1' });
		run(host, { type: 'slide', index: 3 });
		for (const device of [1, 2, 3]) run(phone(device), { type: 'vote', proposal: 'p1', choice: 'agree' });
		run(host, { type: 'adopt', text: 'Wij helpen elkaar', from: ['p1'] });
		const rules = rulesFromSession(state as SessionState, lastKey([{ rules: SEED.rules }]));
		expect(rules).toEqual([
			rule('k1', 'Wij vragen eerst'),
			rule('k3', 'Wij sturen niets door zonder te vragen'),
			rule('k4', 'Wij helpen elkaar', 'wide')
		]);
		expect(diffRules(SEED.rules, rules)).toEqual({
			kept: [{ key: 'k1', text: 'Wij vragen eerst' }],
			changed: [{ key: 'k3', from: 'Wij sturen niets door', to: 'Wij sturen niets door zonder te vragen' }],
			added: [{ key: 'k4', text: 'Wij helpen elkaar' }],
			dropped: [{ key: 'k2', text: 'Wij filmen geen docenten' }]
		});
	});

	it('can be saved after it was closed, and saving a check-in closes it', () => {
		const { state, run, host } = checkinSession();
		expect(run(host, { type: 'charterSaved', charter: SEED.charter, version: 2, close: true }).ok).toBe(true);
		expect(state.closed).toBe(true);
		expect(state.savedCharter).toEqual({ charter: SEED.charter, version: 2 });
		expect(run({ role: 'device', device: 1 }, { type: 'charterSaved', charter: 'x', version: 3, close: false })).toEqual({
			ok: false,
			error: 'forbidden'
		});
	});
});

describe('versions', () => {
	const charter = {
		id: 'abcdefghijklmnop',
		versions: [
			{ version: 1, agreedOn: '2026-10-01', reviewOn: '2026-10-29', savedAt: 1, rules: [rule('k1', 'a'), rule('k2', 'b')] },
			{ version: 2, agreedOn: '2026-11-01', reviewOn: '2026-11-29', savedAt: 2, rules: [rule('k1', 'a'), rule('k5', 'c')] }
		]
	};

	it('finds the newest and any version; keys are never reused, also after a drop', () => {
		expect(current(charter).version).toBe(2);
		expect(versionOf(charter, 1)?.rules).toHaveLength(2);
		expect(versionOf(charter, 3)).toBeNull();
		expect(lastKey(charter.versions)).toBe(5);
		expect(checkinSeed(charter)).toEqual({ charter: charter.id, version: 2, rules: charter.versions[1]!.rules });
	});
});
