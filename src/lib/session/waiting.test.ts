import { describe, expect, it } from 'vitest';
import type { Phase } from './types';
import type { PersonalView, PublicProposal } from './views';
import { waitingForNext } from './waiting';

const statement = { id: 'step-2-a1', kind: 'statement' as const, label: '', text: 'Afspraken gelden ook online.', options: [] };
const proposal = (id: string): PublicProposal => ({
	id,
	n: Number(id.slice(1)),
	text: 'Wij vragen het eerst.',
	tally: null,
	consensus: null
});

function screen(phase: Phase, extra: { closed?: boolean; proposals?: string[] } = {}) {
	return {
		closed: extra.closed ?? false,
		phase,
		activity: phase === 'respond' ? statement : null,
		proposals: Object.fromEntries((extra.proposals ?? []).map((id) => [id, proposal(id)]))
	};
}

function phone(me: Partial<PersonalView> = {}): PersonalView {
	return { joined: true, votes: {}, responses: {}, mine: {}, ...me };
}

describe('waitingForNext', () => {
	it('waits while the class looks at the board or discusses the results', () => {
		expect(waitingForNext(screen('screen'), phone())).toBe(true);
		expect(waitingForNext(screen('review'), phone())).toBe(true);
	});

	it('never while a student can type', () => {
		expect(waitingForNext(screen('propose'), phone())).toBe(false);
		expect(waitingForNext(screen('answer'), phone())).toBe(false);
	});

	it('waits on a statement or scenario only once this phone answered it', () => {
		expect(waitingForNext(screen('respond'), phone())).toBe(false);
		expect(waitingForNext(screen('respond'), phone({ responses: { [statement.id]: 'agree' } }))).toBe(true);
	});

	it('waits in the vote once every proposal has this phone’s vote, or while there are none yet', () => {
		const vote = screen('vote', { proposals: ['p1', 'p2'] });
		expect(waitingForNext(vote, phone({ votes: { p1: 'agree' } }))).toBe(false);
		expect(waitingForNext(vote, phone({ votes: { p1: 'agree', p2: 'pass' } }))).toBe(true);
		expect(waitingForNext(screen('vote'), phone())).toBe(true);
	});

	it('not before joining, nor once the session is closed', () => {
		expect(waitingForNext(screen('screen'), phone({ joined: false }))).toBe(false);
		expect(waitingForNext(screen('screen', { closed: true }), phone())).toBe(false);
	});

	it('during a check-in, waits only once every rule has a rating', () => {
		const checkin = {
			activity: 'step-2-a1',
			rules: [
				{ id: 'step-2-a1:r1', text: 'Wij vragen eerst.', counts: null },
				{ id: 'step-2-a1:r2', text: 'Wij sturen niets door.', counts: null }
			]
		};
		const view = { ...screen('respond'), activity: { ...statement, kind: 'checkin' as const }, checkin };
		expect(waitingForNext(view, phone({ responses: { 'step-2-a1:r1': 'good' } }))).toBe(false);
		expect(waitingForNext(view, phone({ responses: { 'step-2-a1:r1': 'good', 'step-2-a1:r2': 'change' } }))).toBe(true);
	});
});
