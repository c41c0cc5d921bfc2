import { describe, expect, it } from 'vitest';
import { toRecord } from '$lib/export/build';
import { toMarkdown } from '$lib/export/markdown';
import { activityChoices } from './choices';
import { decide, type Actor, type Command } from './commands';
import { apply, emptyState } from './state';
import type { OutlineStep, SessionEvent, StoredEvent } from './types';
import { hostView, personalView, projectorView, studentView } from './views';

const STEPS: OutlineStep[] = [
	{ id: 'step-1', title: 'Welkom', minutes: 5, activities: [] },
	{
		id: 'step-2',
		title: 'Stelling',
		minutes: 5,
		activities: [{ id: 'step-2-a1', kind: 'statement', label: '', text: 'Afspraken gelden ook online.', options: [] }]
	},
	{
		id: 'step-3',
		title: 'Vraag',
		minutes: 5,
		activities: [{ id: 'step-3-a1', kind: 'question', label: '', text: 'Wat neem je mee?', options: [] }]
	},
	{
		id: 'step-4',
		title: 'Voorstellen',
		minutes: 10,
		activities: [
			{ id: 'step-4-a1', kind: 'proposals', label: 'Filmen', text: 'Schrijf een afspraak.', options: [] },
			{ id: 'step-4-a2', kind: 'vote', label: '', text: 'Stem.', options: [] }
		]
	},
	{
		id: 'step-5',
		title: 'Situatie',
		minutes: 5,
		activities: [{ id: 'step-5-a1', kind: 'scenario', label: 'Lotte', text: 'Wat doet Sem?', options: ['Doorsturen', 'Eerst vragen'] }]
	}
];

const host: Actor = { role: 'host' };
const device = (n: number): Actor => ({ role: 'device', device: n });

function lesson(devices = 3) {
	const state = emptyState();
	let seq = 0;
	const store = (event: SessionEvent) => apply(state, { ...event, seq: ++seq, at: seq * 1000 } as StoredEvent);
	store({
		type: 'session.created',
		code: 'ACDEFH',
		lang: 'nl',
		moduleId: 'klasafspraken',
		title: 'Onze klasafspraken',
		round: 'step-4-a1',
		theme: 'Filmen',
		steps: STEPS
	});
	const run = (actor: Actor, command: Command) => {
		const decision = decide(state, actor, command, () => []);
		if (decision.ok) decision.events.forEach(store);
		return decision;
	};
	for (let i = 0; i < devices; i++) run({ role: 'device', device: null }, { type: 'join', label: `L${i}` });
	run(host, { type: 'premoderation', on: false });
	return { state, run };
}

describe('a live lesson', () => {
	it('has one slide per activity, or one for a step without any, and starts with the board', () => {
		const { state } = lesson();
		expect(state.slides).toEqual([
			{ step: 0, activity: null },
			{ step: 1, activity: 0 },
			{ step: 2, activity: 0 },
			{ step: 3, activity: 0 },
			{ step: 3, activity: 1 },
			{ step: 4, activity: 0 }
		]);
		expect(state.phase).toBe('screen');
		expect(studentView(state)).toMatchObject({ slide: -1, slides: 6, step: null, activity: null });
	});

	it('follows the mentor: each slide sets what phones do', () => {
		const { state, run } = lesson();
		const phases = [0, 1, 2, 3, 4, 5].map((index) => (run(host, { type: 'slide', index }), state.phase));
		expect(phases).toEqual(['screen', 'respond', 'answer', 'propose', 'vote', 'respond']);
		expect(run(host, { type: 'slide', index: 6 })).toEqual({ ok: false, error: 'unknown_slide' });
		expect(run(device(1), { type: 'slide', index: 0 })).toEqual({ ok: false, error: 'forbidden' });
		run(host, { type: 'slide', index: 1 });
		expect(studentView(state)).toMatchObject({ step: { number: 2, title: 'Stelling', steps: 5 }, activity: { kind: 'statement' } });
		expect(projectorView(state).view).toBe('step');
	});

	it('counts statement answers, changeable, hidden from the room until revealed, per slide', () => {
		const { state, run } = lesson();
		run(host, { type: 'slide', index: 1 });
		run(device(1), { type: 'respond', activity: 'step-2-a1', choice: 'agree' });
		run(device(2), { type: 'respond', activity: 'step-2-a1', choice: 'disagree' });
		run(device(2), { type: 'respond', activity: 'step-2-a1', choice: 'unsure' });
		expect(run(device(3), { type: 'respond', activity: 'step-2-a1', choice: 'yes' })).toEqual({ ok: false, error: 'not_now' });
		expect(run(device(3), { type: 'respond', activity: 'step-5-a1', choice: '0' })).toEqual({ ok: false, error: 'not_now' });
		expect(hostView(state).distributions['step-2-a1']).toEqual({ agree: 1, unsure: 1 });
		expect(studentView(state).distribution).toBeNull();
		expect(projectorView(state).distribution).toBeNull();
		expect(personalView(state, 2).responses).toEqual({ 'step-2-a1': 'unsure' });
		run(host, { type: 'reveal', on: true });
		expect(studentView(state).distribution).toEqual({ agree: 1, unsure: 1 });
		run(host, { type: 'slide', index: 5 });
		expect(state.revealed).toBe(false);
		run(host, { type: 'slide', index: 1 });
		expect(studentView(state).distribution).toEqual({ agree: 1, unsure: 1 });
		run(host, { type: 'slide', index: 5 });
		run(device(1), { type: 'respond', activity: 'step-5-a1', choice: '1' });
		expect(run(device(1), { type: 'respond', activity: 'step-5-a1', choice: '2' })).toEqual({ ok: false, error: 'not_now' });
		expect(hostView(state).distributions['step-5-a1']).toEqual({ '1': 1 });
	});

	it('collects open answers as their own round, moderated like proposals', () => {
		const { state, run } = lesson();
		run(host, { type: 'premoderation', on: true });
		run(host, { type: 'slide', index: 2 });
		run(device(1), { type: 'propose', text: 'Dat ik eerst vraag' });
		expect(state.proposals.get('p1')).toMatchObject({ round: 'step-3-a1', status: 'pending' });
		expect(studentView(state).proposals).toEqual({});
		run(host, { type: 'approve', id: 'p1' });
		expect(Object.values(studentView(state).proposals).map((p) => p.text)).toEqual(['Dat ik eerst vraag']);
		// The proposals round starts empty for phones: answers belong to their question.
		run(host, { type: 'slide', index: 3 });
		expect(studentView(state).proposals).toEqual({});
		expect(personalView(state, 1).mine).toEqual({});
	});

	it('votes only on the proposals of the round before the vote', () => {
		const { state, run } = lesson();
		run(host, { type: 'slide', index: 2 });
		run(device(1), { type: 'propose', text: 'Een antwoord' });
		run(host, { type: 'slide', index: 3 });
		run(device(2), { type: 'propose', text: 'Wij vragen toestemming' });
		run(host, { type: 'slide', index: 4 });
		expect(state.round).toBe('step-4-a1');
		expect(Object.keys(studentView(state).proposals)).toEqual(['p2']);
		expect(run(device(3), { type: 'vote', proposal: 'p1', choice: 'agree' })).toEqual({ ok: false, error: 'not_votable' });
		expect(run(device(3), { type: 'vote', proposal: 'p2', choice: 'agree' }).ok).toBe(true);
	});

	it('exports the lesson results aggregated, next to the rules, without device numbers', () => {
		const { state, run } = lesson();
		run(host, { type: 'slide', index: 1 });
		run(device(1), { type: 'respond', activity: 'step-2-a1', choice: 'agree' });
		run(device(2), { type: 'respond', activity: 'step-2-a1', choice: 'agree' });
		run(host, { type: 'slide', index: 2 });
		run(device(3), { type: 'propose', text: 'Dat ik eerst vraag' });
		run(host, { type: 'adopt', text: 'We vragen toestemming', from: [] });
		const record = toRecord(state, { now: 0 });
		expect(record.activities?.find((a) => a.id === 'step-2-a1')).toMatchObject({
			step: 2,
			kind: 'statement',
			responses: [
				{ answer: 'eens', count: 2 },
				{ answer: 'oneens', count: 0 },
				{ answer: 'weet niet', count: 0 }
			]
		});
		expect(record.activities?.find((a) => a.id === 'step-3-a1')?.answers).toEqual(['Dat ik eerst vraag']);
		// An answer is not a proposal: no tally, no verdict, its own list.
		expect(record.proposals).toEqual([]);
		expect(record.answers).toEqual([expect.objectContaining({ id: 'p1', question: 'step-3-a1', text: 'Dat ik eerst vraag' })]);
		expect(record.answers?.[0]).not.toHaveProperty('consensus');
		expect(JSON.stringify(record)).not.toMatch(/"device/);
		const markdown = toMarkdown(record);
		expect(markdown).toContain('## Resultaten van de les');
		expect(markdown).toContain('- eens: 2');
		expect(markdown).toContain('- Dat ik eerst vraag');
		expect(markdown).toContain('1. We vragen toestemming');
		// The answer is not listed among the proposals for agreements.
		expect(markdown.split('## Resultaten van de les')[0]).not.toContain('Dat ik eerst vraag');
	});
});

describe('activityChoices', () => {
	const labels = { agree: 'Eens', disagree: 'Oneens', unsure: 'Weet niet' };
	it('offers a statement’s three answers and a scenario’s lettered options', () => {
		expect(activityChoices({ kind: 'statement', options: [] }, labels).map((c) => c.label)).toEqual(['Eens', 'Oneens', 'Weet niet']);
		expect(activityChoices({ kind: 'scenario', options: ['Doorsturen', 'Vragen'] }, labels)).toEqual([
			{ value: '0', label: 'A. Doorsturen' },
			{ value: '1', label: 'B. Vragen' }
		]);
		expect(activityChoices({ kind: 'question', options: [] }, labels)).toEqual([]);
		expect(activityChoices(null, labels)).toEqual([]);
	});

	it('counts who took part in the slide on screen, and what waits, for the projector and console only', () => {
		const { state, run } = lesson(5);
		run(host, { type: 'premoderation', on: true });
		run(host, { type: 'slide', index: 1 });
		run(device(1), { type: 'respond', activity: 'step-2-a1', choice: 'agree' });
		run(device(2), { type: 'respond', activity: 'step-2-a1', choice: 'unsure' });
		run(device(2), { type: 'respond', activity: 'step-2-a1', choice: 'agree' });
		expect(projectorView(state)).toMatchObject({ answered: 2, waiting: 0, participants: 5 });
		run(host, { type: 'slide', index: 3 });
		run(device(1), { type: 'propose', text: 'Wij filmen niemand zonder te vragen.' });
		run(device(1), { type: 'propose', text: 'Wij sturen niets door.' });
		run(device(3), { type: 'propose', text: 'Wij vragen het eerst.' });
		expect(hostView(state)).toMatchObject({ answered: 2, waiting: 3 });
		run(host, { type: 'approve', id: 'p1' });
		run(host, { type: 'approve', id: 'p2' });
		run(host, { type: 'slide', index: 4 });
		expect(projectorView(state)).toMatchObject({ answered: 0, waiting: 1 });
		run(device(4), { type: 'vote', proposal: 'p1', choice: 'agree' });
		run(device(4), { type: 'vote', proposal: 'p2', choice: 'pass' });
		run(device(5), { type: 'vote', proposal: 'p2', choice: 'disagree' });
		expect(projectorView(state)).toMatchObject({ answered: 2 });
		expect(studentView(state)).not.toHaveProperty('answered');
	});

	it('pages a long slide on the mentor’s word, from the first page of every new slide', () => {
		const { state, run } = lesson();
		run(host, { type: 'slide', index: 1 });
		expect(run(host, { type: 'page', page: 2 })).toMatchObject({ ok: true, events: [{ type: 'page.set', page: 2 }] });
		expect(run(host, { type: 'page', page: 2 })).toEqual({ ok: true, events: [] });
		expect(projectorView(state).page).toBe(2);
		expect(run(device(1), { type: 'page', page: 0 })).toEqual({ ok: false, error: 'forbidden' });
		run(host, { type: 'slide', index: 2 });
		expect(projectorView(state).page).toBe(0);
		run(host, { type: 'page', page: 500 });
		expect(state.page).toBe(20);
	});
});
