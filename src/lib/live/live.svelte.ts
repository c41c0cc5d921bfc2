import { untrack } from 'svelte';
import type { Lang } from '$lib/lessons/types';
import { applyPatch, type Patch } from '$lib/session/patch';

export type LiveStatus = 'connecting' | 'live' | 'offline';
export type LiveRole = 'host' | 'projector' | 'student';

/** What every role's view has: proposals and rules by id, each with its place in the list. */
interface Listed {
	proposals: Record<string, { n: number }>;
	rules: Record<string, { position: number }>;
}

/** A phone's own answers, as the personal view carries them. */
interface Personal {
	votes: Record<string, string>;
	responses: Record<string, string>;
}

type Proposal<V> = V extends { proposals: Record<string, infer P> } ? P : never;
type Rule<V> = V extends { rules: Record<string, infer R> } ? R : never;

/** How long to wait before reopening a stream the browser gave up on. */
export const RETRY_MS = 2000;

/**
 * A live view in the browser: starts from the page's server-rendered data, then follows the session's
 * event stream (a snapshot, then patches). EventSource reconnects by itself; when the browser gives up
 * (the server was down for long), this reopens it. Every (re)connect starts with a fresh snapshot, so
 * nothing is lost while offline.
 */
export class LiveView<V extends Listed, M extends object = Record<string, never>> {
	view: V = $state() as V;
	me: M = $state() as M;
	status: LiveStatus = $state('connecting');

	/** Proposals in the order the class made them. */
	readonly proposals: Array<Proposal<V>> = $derived(
		(Object.values(this.view.proposals) as Array<Proposal<V> & { n: number }>).sort((a, b) => a.n - b.n)
	);
	/** Rules in the mentor's order. */
	readonly rules: Array<Rule<V>> = $derived(
		(Object.values(this.view.rules) as Array<Rule<V> & { position: number }>).sort((a, b) => a.position - b.position)
	);

	constructor(view: V, me: M) {
		this.view = view;
		this.me = me;
	}

	/** A phone's vote, shown at once; the stream confirms it. */
	recordVote(this: LiveView<V, M & Personal>, proposal: string, choice: string) {
		this.me.votes[proposal] = choice;
	}

	/** A phone's answer to the statement or scenario on screen, shown at once. */
	recordResponse(this: LiveView<V, M & Personal>, activity: string, choice: string) {
		this.me.responses[activity] = choice;
	}

	connect(url: string): () => void {
		let source: EventSource | null = null;
		let retry: ReturnType<typeof setTimeout> | undefined;
		let stopped = false;

		const open = () => {
			source = new EventSource(url);
			source.addEventListener('snapshot', (event) => {
				const data = JSON.parse(event.data) as { view: V; me?: M };
				this.view = data.view;
				if (data.me) this.me = data.me;
				this.status = 'live';
			});
			source.addEventListener('patch', (event) => {
				applyPatch(this.view, (JSON.parse(event.data) as { p: Patch }).p);
			});
			source.addEventListener('me', (event) => {
				applyPatch(this.me, (JSON.parse(event.data) as { p: Patch }).p);
			});
			source.onerror = () => {
				this.status = 'offline';
				if (source?.readyState === EventSource.CLOSED && !stopped) {
					retry = setTimeout(open, RETRY_MS);
				}
			};
		};
		open();

		const reconnectNow = () => {
			if (source?.readyState === EventSource.CLOSED && !stopped) {
				clearTimeout(retry);
				open();
			}
		};
		window.addEventListener('online', reconnectNow);
		return () => {
			stopped = true;
			clearTimeout(retry);
			source?.close();
			window.removeEventListener('online', reconnectNow);
		};
	}
}

/**
 * The live view of a page for one role, in the manner of `lessonDeck()`: seeded from the page data
 * (read once), connected to the role's event stream while the page is open. Call it while a
 * component initialises.
 */
export function liveSession<V extends Listed, M extends object = Record<string, never>>(
	role: LiveRole,
	data: () => { code: string; lang: Lang; view: V; me?: M }
): LiveView<V, M> {
	const live = untrack(() => new LiveView<V, M>(data().view, data().me ?? ({} as M)));
	$effect(() => live.connect(`/api/sessions/${data().code}/events?role=${role}&lang=${data().lang}`));
	return live;
}
