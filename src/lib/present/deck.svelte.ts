import { replaceState } from '$app/navigation';
import { page } from '$app/state';

/**
 * The state of a presentation: which step is shown and the step timer. The projector window and the
 * mentor's notes window each hold a Deck and keep each other in step over a BroadcastChannel, so the
 * notes never have to appear on the projector.
 */
interface Snapshot {
	index: number;
	startedAt: number;
	pausedAt: number | null;
}

type Message = { type: 'state'; state: Snapshot } | { type: 'hello' };

export class Deck {
	index = $state(0);
	startedAt = $state(Date.now());
	pausedAt = $state<number | null>(null);
	now = $state(Date.now());
	readonly count: number;
	#channel: BroadcastChannel | null = null;

	constructor(count: number, index = 0) {
		this.count = count;
		this.index = clamp(index, count);
	}

	get elapsedSeconds(): number {
		return Math.max(0, Math.floor(((this.pausedAt ?? this.now) - this.startedAt) / 1000));
	}

	get paused(): boolean {
		return this.pausedAt !== null;
	}

	go(index: number) {
		const next = clamp(index, this.count);
		if (next === this.index) return;
		this.index = next;
		this.startedAt = Date.now();
		this.now = this.startedAt;
		this.pausedAt = null;
		this.#broadcast();
	}

	next() {
		this.go(this.index + 1);
	}

	previous() {
		this.go(this.index - 1);
	}

	togglePause() {
		const now = Date.now();
		if (this.pausedAt === null) {
			this.pausedAt = now;
		} else {
			this.startedAt += now - this.pausedAt;
			this.pausedAt = null;
		}
		this.now = now;
		this.#broadcast();
	}

	resetTimer() {
		this.startedAt = Date.now();
		this.now = this.startedAt;
		if (this.pausedAt !== null) this.pausedAt = this.startedAt;
		this.#broadcast();
	}

	/** Runs a keyboard command that belongs to the deck; false for the ones a window handles itself. */
	run(command: DeckCommand): boolean {
		if (command === 'next') this.next();
		else if (command === 'previous') this.previous();
		else if (command === 'first') this.go(0);
		else if (command === 'last') this.go(this.count - 1);
		else if (command === 'timer') this.togglePause();
		else if (command === 'reset') this.resetTimer();
		else return false;
		return true;
	}

	/** Starts the clock and the link to other windows of the same lesson; returns the cleanup. */
	connect(channelName: string): () => void {
		const tick = setInterval(() => (this.now = Date.now()), 250);
		if (typeof BroadcastChannel !== 'undefined') {
			const channel = new BroadcastChannel(channelName);
			channel.onmessage = (event: MessageEvent<Message>) => {
				if (event.data.type === 'hello') this.#broadcast();
				else this.#apply(event.data.state);
			};
			channel.postMessage({ type: 'hello' } satisfies Message);
			this.#channel = channel;
		}
		return () => {
			clearInterval(tick);
			this.#channel?.close();
			this.#channel = null;
		};
	}

	#apply(state: Snapshot) {
		this.index = clamp(state.index, this.count);
		this.startedAt = state.startedAt;
		this.pausedAt = state.pausedAt;
		this.now = Date.now();
	}

	#broadcast() {
		const state: Snapshot = { index: this.index, startedAt: this.startedAt, pausedAt: this.pausedAt };
		this.#channel?.postMessage({ type: 'state', state } satisfies Message);
	}
}

function clamp(index: number, count: number): number {
	if (!Number.isFinite(index)) return 0;
	return Math.min(Math.max(0, Math.trunc(index)), Math.max(0, count - 1));
}

export function formatClock(seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Keys both presentation windows understand; the same list is shown on screen. */
export type DeckCommand = 'next' | 'previous' | 'first' | 'last' | 'fullscreen' | 'notes' | 'timer' | 'reset';

export function commandForKey(event: KeyboardEvent): DeckCommand | null {
	if (event.altKey || event.ctrlKey || event.metaKey) return null;
	const target = event.target as HTMLElement | null;
	const tag = target?.tagName;
	if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable) return null;
	// Space and Enter on a focused button or link already click it.
	if ((event.key === ' ' || event.key === 'Enter') && (tag === 'BUTTON' || tag === 'A')) return null;
	switch (event.key) {
		case 'ArrowRight':
		case 'PageDown':
		case ' ':
			return 'next';
		case 'ArrowLeft':
		case 'PageUp':
			return 'previous';
		case 'Home':
			return 'first';
		case 'End':
			return 'last';
		case 'f':
		case 'F':
			return 'fullscreen';
		case 'n':
		case 'N':
			return 'notes';
		case 't':
		case 'T':
			return 'timer';
		case 'r':
		case 'R':
			return 'reset';
		default:
			return null;
	}
}

/**
 * The deck of a presentation window: it starts at the address's `?step=`, follows the other windows of
 * the same lesson, and keeps the current step in the address so a reload opens it again. Call it while
 * the component is set up.
 */
export function lessonDeck(count: number, lessonId: string): Deck {
	const deck = new Deck(count, Number(page.url.searchParams.get('step') ?? 1) - 1);
	$effect(() => deck.connect(`klasakkoord-present-${lessonId}`));
	$effect(() => {
		// A throwaway copy to compare and hand to replaceState, not state anything reads.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const url = new URL(page.url);
		url.searchParams.set('step', String(deck.index + 1));
		if (url.search !== page.url.search) replaceState(url, {});
	});
	return deck;
}
