import { describe, expect, it } from 'vitest';
import { toRecord } from '$lib/export/build';
import { toCsv } from '$lib/export/csv';
import { toMarkdown } from '$lib/export/markdown';
import { decide, type Actor, type Command } from './commands';
import { apply, emptyState, fold, isAnswer } from './state';
import type { OutlineStep, SessionEvent, StoredEvent } from './types';
import { hostView, projectorView, studentView } from './views';

/** A lesson with an open question (slide 0) and a proposals round (slide 1). */
const STEPS: OutlineStep[] = [
	{
		id: 'step-1',
		title: 'Vraag',
		minutes: 5,
		activities: [{ id: 'step-1-a1', kind: 'question', label: '', text: 'Wat doe je als je een foto krijgt?', options: [] }]
	},
	{
		id: 'step-2',
		title: 'Voorstellen',
		minutes: 10,
		activities: [{ id: 'step-2-a1', kind: 'proposals', label: '', text: 'Schrijf een afspraak.', options: [] }]
	}
];

const host: Actor = { role: 'host' };
const device = (n: number): Actor => ({ role: 'device', device: n });

function lesson() {
	const log: StoredEvent[] = [];
	const state = emptyState();
	const store = (event: SessionEvent) => {
		const stored = { ...event, seq: log.length + 1, at: (log.length + 1) * 1000 } as StoredEvent;
		log.push(stored);
		apply(state, stored);
	};
	store({ type: 'session.created', code: 'ACDEFH', lang: 'nl', moduleId: 'm', title: 'Les', round: 'step-2-a1', theme: '', steps: STEPS });
	const run = (actor: Actor, command: Command) => {
		const decision = decide(state, actor, command, () => []);
		if (decision.ok) decision.events.forEach(store);
		return decision;
	};
	for (let i = 0; i < 3; i++) run({ role: 'device', device: null }, { type: 'join', label: `L${i}` });
	run(host, { type: 'premoderation', on: false });
	run(host, { type: 'slide', index: 0 });
	run(device(1), { type: 'propose', text: 'Niet doorsturen' });
	run(device(2), { type: 'propose', text: 'Eerst vragen of het mag' });
	run(device(3), { type: 'propose', text: 'Verwijderen' });
	return { state, run, log };
}

describe('answers to an open question', () => {
	it('are answers, not proposals: no tally on the board, even after the reveal', () => {
		const { state, run } = lesson();
		expect(isAnswer(state, state.proposals.get('p1')!)).toBe(true);
		run(host, { type: 'reveal', on: true });
		expect(projectorView(state).proposals.p1).toEqual({
			id: 'p1',
			n: 1,
			text: 'Niet doorsturen',
			tally: null,
			consensus: null,
			highlighted: false,
			group: ''
		});
		expect(hostView(state).proposals.p1).toMatchObject({ answerTo: 'step-1-a1', highlighted: false, group: '' });
		run(host, { type: 'slide', index: 1 });
		run(device(1), { type: 'propose', text: 'Wij vragen eerst' });
		expect(hostView(state).proposals.p4).toMatchObject({ answerTo: null });
		expect(projectorView(state).proposals.p4).not.toHaveProperty('group');
	});

	it('can be highlighted and grouped by the mentor; the board and the console see it, phones too', () => {
		const { state, run } = lesson();
		expect(run(host, { type: 'highlight', id: 'p2', on: true })).toMatchObject({
			ok: true,
			events: [{ type: 'answer.highlighted', id: 'p2', on: true }]
		});
		expect(run(host, { type: 'highlight', id: 'p2', on: true })).toEqual({ ok: true, events: [] });
		run(host, { type: 'group', id: 'p1', group: '  Niet   delen ' });
		// The same label in other capitals joins the existing group rather than making a second one.
		run(host, { type: 'group', id: 'p3', group: 'niet delen' });
		expect(projectorView(state).proposals.p2).toMatchObject({ highlighted: true, group: '' });
		expect(projectorView(state).proposals.p1).toMatchObject({ highlighted: false, group: 'Niet delen' });
		expect(projectorView(state).proposals.p3).toMatchObject({ group: 'Niet delen' });
		expect(studentView(state).proposals.p2).toMatchObject({ highlighted: true });
		expect(hostView(state).proposals.p1).toMatchObject({ group: 'Niet delen' });
		run(host, { type: 'group', id: 'p3', group: '' });
		run(host, { type: 'highlight', id: 'p2', on: false });
		expect(hostView(state).proposals.p3).toMatchObject({ group: '' });
		expect(hostView(state).proposals.p2).toMatchObject({ highlighted: false });
	});

	it('survives a restart: the log folds back to the same marks', () => {
		const { state, run, log } = lesson();
		run(host, { type: 'highlight', id: 'p3', on: true });
		run(host, { type: 'group', id: 'p1', group: 'Hulp zoeken' });
		const replayed = fold(log);
		expect(hostView(replayed).proposals).toEqual(hostView(state).proposals);
		expect(replayed.proposals.get('p3')).toMatchObject({ highlighted: true });
		expect(replayed.proposals.get('p1')).toMatchObject({ group: 'Hulp zoeken' });
	});

	it('refuses bad input and changes nothing: proposals, unknown ids, long or broken labels, phones', () => {
		const { state, run } = lesson();
		run(host, { type: 'slide', index: 1 });
		run(device(1), { type: 'propose', text: 'Wij vragen eerst' });
		const before = JSON.stringify(hostView(state));
		expect(run(host, { type: 'highlight', id: 'p4', on: true })).toEqual({ ok: false, error: 'not_answer' });
		expect(run(host, { type: 'group', id: 'p4', group: 'A' })).toEqual({ ok: false, error: 'not_answer' });
		expect(run(host, { type: 'group', id: 'p99', group: 'A' })).toEqual({ ok: false, error: 'unknown_proposal' });
		expect(run(host, { type: 'group', id: 'p1', group: 'x'.repeat(41) })).toEqual({ ok: false, error: 'group_too_long' });
		expect(run(host, { type: 'group', id: 'p1', group: 'a\u200bb' })).toMatchObject({ ok: false, error: 'control' });
		expect(run(device(1), { type: 'highlight', id: 'p1', on: true })).toEqual({ ok: false, error: 'forbidden' });
		expect(JSON.stringify(hostView(state))).toBe(before);
	});

	it('are exported as answers with their group and highlight, never with a vote verdict', () => {
		const { state, run } = lesson();
		run(host, { type: 'highlight', id: 'p2', on: true });
		run(host, { type: 'group', id: 'p1', group: 'Niet delen' });
		run(host, { type: 'group', id: 'p3', group: 'Niet delen' });
		run(host, { type: 'hide', id: 'p3' });
		const record = toRecord(state, { now: 0 });
		expect(record.proposals).toEqual([]);
		expect(record.answers?.map(({ id, status, highlighted, group }) => ({ id, status, highlighted, group }))).toEqual([
			{ id: 'p1', status: 'approved', highlighted: false, group: 'Niet delen' },
			{ id: 'p2', status: 'approved', highlighted: true, group: '' },
			{ id: 'p3', status: 'hidden', highlighted: false, group: 'Niet delen' }
		]);
		const csv = toCsv(record);
		expect(csv).not.toContain('te weinig stemmen');
		expect(csv).toContain(
			'"Antwoorden op open vragen"\r\n"id","vraag","tekst","oorspronkelijke tekst","status","signalen","groep","uitgelicht","ingediend op"'
		);
		expect(csv).toContain('"p2","step-1-a1","Eerst vragen of het mag","","goedgekeurd","","","ja",');
		const markdown = toMarkdown(record);
		expect(markdown).not.toContain('te weinig stemmen');
		// Grouped answers under their label; hidden ones never in the class's export.
		expect(markdown).toContain('- **Niet delen**\n  - Niet doorsturen\n- **Zonder groep**\n  - Eerst vragen of het mag (uitgelicht)');
		expect(markdown).not.toContain('Verwijderen');
	});
});
