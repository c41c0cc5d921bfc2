import type { HostProposal, HostView } from '$lib/session/views';

/**
 * The console's lists are shown a page at a time, so that a flood of proposals cannot make the
 * mentor's page (or the server rendering it) grow without bound. Without JavaScript, "show more" is
 * a link that asks the server for a longer page; with it, the list grows in place.
 */
export const LISTS = ['queue', 'approved', 'wall', 'hidden', 'merged'] as const;
export type List = (typeof LISTS)[number];
export type Shown = Record<List, number>;

export const PAGE = 20;
/** The longest list the server renders on request (a page without JavaScript). */
export const MAX_SHOWN = 500;

/** Which list a proposal is in: by its status, and approved answers to open questions on their wall. */
export function listOf(proposal: Pick<HostProposal, 'status' | 'answerTo'>): List {
	switch (proposal.status) {
		case 'pending':
			return 'queue';
		case 'approved':
			return proposal.answerTo ? 'wall' : 'approved';
		default:
			return proposal.status;
	}
}

/** Reads `?show=queue:40&show=approved:60`; anything else is the first page. */
export function parseShown(params: URLSearchParams): Shown {
	const shown: Shown = { queue: PAGE, approved: PAGE, wall: PAGE, hidden: PAGE, merged: PAGE };
	for (const value of params.getAll('show').slice(0, LISTS.length)) {
		const match = /^(queue|approved|wall|hidden|merged):(\d{1,6})$/.exec(value);
		if (match) shown[match[1] as List] = Math.min(MAX_SHOWN, Math.max(PAGE, Number(match[2])));
	}
	return shown;
}

/** The query string that shows one more page of `list`, keeping the other lists as they are. */
export function moreHref(shown: Shown, list: List): string {
	const next: Shown = { ...shown, [list]: Math.min(MAX_SHOWN, shown[list] + PAGE) };
	const parts = LISTS.filter((name) => next[name] > PAGE).map((name) => `show=${name}:${next[name]}`);
	return `?${parts.join('&')}`;
}

export type Totals = Record<List, number> & { answers: number };

/**
 * The host view cut down to what the page shows: the first `shown` proposals of each list. The
 * totals say how long each list really is. The event stream's snapshot brings the whole view.
 */
export function trimView<V extends Pick<HostView, 'proposals' | 'activity'>>(
	view: V,
	shown: Shown
): { view: V & { partial: true }; totals: Totals } {
	const totals: Totals = { queue: 0, approved: 0, wall: 0, hidden: 0, merged: 0, answers: 0 };
	const proposals: HostView['proposals'] = {};
	for (const proposal of Object.values(view.proposals).sort((a, b) => a.n - b.n)) {
		const name = listOf(proposal);
		if (proposal.status === 'approved' && proposal.round === view.activity?.id) totals.answers++;
		if (totals[name]++ < shown[name]) proposals[proposal.id] = proposal;
	}
	return { view: { ...view, proposals, partial: true }, totals };
}
