import { describe, expect, it } from 'vitest';
import type { HostProposal, HostView } from '$lib/session/views';
import { MAX_SHOWN, PAGE, moreHref, parseShown, trimView } from './paging';

const proposal = (n: number, status: HostProposal['status'], round = 'agreements'): HostProposal => ({
	id: `p${n}`,
	n,
	round,
	text: `Voorstel ${n}`,
	original: null,
	status,
	flags: [],
	device: `D${n}`,
	muted: false,
	mergedInto: null,
	tally: { agree: 0, disagree: 0, pass: 0 },
	consensus: 'too-few',
	answerTo: round.startsWith('step-7') ? round : null,
	highlighted: false,
	group: ''
});

describe('console paging', () => {
	it('reads the shown lengths from the query, within bounds', () => {
		expect(parseShown(new URLSearchParams())).toEqual({ queue: PAGE, approved: PAGE, wall: PAGE, hidden: PAGE, merged: PAGE });
		expect(parseShown(new URLSearchParams('show=queue:40&show=approved:999999&show=bogus:3&show=hidden:1'))).toEqual({
			queue: 40,
			approved: MAX_SHOWN,
			wall: PAGE,
			hidden: PAGE,
			merged: PAGE
		});
	});

	it('links to one more page of a list and keeps the others', () => {
		const shown = parseShown(new URLSearchParams('show=approved:40'));
		expect(moreHref(shown, 'queue')).toBe(`?show=queue:${PAGE * 2}&show=approved:40`);
		expect(moreHref(shown, 'approved')).toBe('?show=approved:60');
	});

	it('keeps the first page of each list and counts them all; approved answers are on their own wall', () => {
		const proposals = Object.fromEntries(
			Array.from({ length: 2000 }, (_, i) =>
				proposal(i + 1, i % 10 === 0 ? 'approved' : 'pending', i % 20 === 0 ? 'step-7-a1' : 'agreements')
			).map((p) => [p.id, p])
		);
		const view: Pick<HostView, 'proposals' | 'activity'> = {
			proposals,
			activity: { id: 'step-7-a1', kind: 'question', label: '', text: '', options: [] }
		};
		const { view: trimmed, totals } = trimView(view, parseShown(new URLSearchParams()));
		expect(totals).toEqual({ queue: 1800, approved: 100, wall: 100, hidden: 0, merged: 0, answers: 100 });
		const kept = Object.values(trimmed.proposals);
		expect(kept.filter((p) => p.status === 'pending')).toHaveLength(PAGE);
		expect(kept.filter((p) => p.status === 'approved' && !p.answerTo).map((p) => p.n)).toEqual(
			Array.from({ length: PAGE }, (_, i) => i * 20 + 11)
		);
		expect(kept.filter((p) => p.answerTo).map((p) => p.n)).toEqual(Array.from({ length: PAGE }, (_, i) => i * 20 + 1));
		expect(trimmed.partial).toBe(true);
	});
});
