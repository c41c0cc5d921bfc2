import { afterNavigate, replaceState } from '$app/navigation';
import { page } from '$app/state';
import type { Block, Lesson, Step } from '$lib/lessons/types';
import { requiredMinutes } from '$lib/lessons/timing';

/**
 * The state of a presentation: which step is shown and the step timer. The projector window and the
 * mentor's notes window each hold a Deck and keep each other in step over a BroadcastChannel, so the
 * notes never have to appear on the projector.
 */
interface Snapshot {
	index: number;
	startedAt: number;
	pausedAt: number | null;
	skipOptional: boolean;
}

type Message = { type: 'state'; state: Snapshot } | { type: 'hello' };

export class Deck {
	index = $state(0);
	startedAt = $state(Date.now());
	pausedAt = $state<number | null>(null);
	now = $state(Date.now());
	/** When on, moving through the deck passes over optional steps (and the slides hide optional activities). */
	skipOptional = $state(false);
	readonly count: number;
	readonly #optional: readonly boolean[];
	#channel: BroadcastChannel | null = null;

	/** `optional[i]` says whether step i is marked optional in the lesson. */
	constructor(count: number, index = 0, optional: readonly boolean[] = []) {
		this.count = count;
		this.index = clamp(index, count);
		this.#optional = optional;
	}

	/** Whether step `index` is optional; the deck skips it while `skipOptional` is on. */
	isOptional(index: number): boolean {
		return this.#optional[index] === true;
	}

	#skipped(index: number): boolean {
		return this.skipOptional && this.isOptional(index);
	}

	/** The nearest step from `from` in direction `by` that is not skipped; null when there is none. */
	#nearest(from: number, by: 1 | -1): number | null {
		for (let index = from; index >= 0 && index < this.count; index += by) {
			if (!this.#skipped(index)) return index;
		}
		return null;
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
		const next = this.#nearest(this.index + 1, 1);
		if (next !== null) this.go(next);
	}

	previous() {
		const previous = this.#nearest(this.index - 1, -1);
		if (previous !== null) this.go(previous);
	}

	/** Turns skipping optional parts on or off for every window of the lesson. */
	toggleOptional() {
		this.skipOptional = !this.skipOptional;
		this.#broadcast();
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
		else if (command === 'first') this.go(this.#nearest(0, 1) ?? 0);
		else if (command === 'last') this.go(this.#nearest(this.count - 1, -1) ?? this.count - 1);
		else if (command === 'optional') this.toggleOptional();
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
		this.skipOptional = state.skipOptional === true;
		this.now = Date.now();
	}

	#broadcast() {
		const state: Snapshot = { index: this.index, startedAt: this.startedAt, pausedAt: this.pausedAt, skipOptional: this.skipOptional };
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
export type DeckCommand = 'next' | 'previous' | 'first' | 'last' | 'fullscreen' | 'notes' | 'timer' | 'reset' | 'optional';

export function commandForKey(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'target' | 'key'>): DeckCommand | null {
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
		case 'o':
		case 'O':
			return 'optional';
		default:
			return null;
	}
}

/**
 * The deck of a presentation window: it starts at the address's `?step=`, follows the other windows of
 * the same lesson, and keeps the current step in the address so a reload opens it again. Call it while
 * the component is set up.
 */
export function lessonDeck(lesson: Pick<Lesson, 'steps' | 'meta'>): Deck {
	const optional = lesson.steps.map((step) => step.optional);
	const deck = new Deck(lesson.steps.length, Number(page.url.searchParams.get('step') ?? 1) - 1, optional);
	deck.skipOptional = page.url.searchParams.get('optional') === 'skip';
	const lessonId = lesson.meta.id;
	$effect(() => deck.connect(`klasakkoord-present-${lessonId}`));
	// The router takes history changes only once the page is hydrated: a replaceState from the first
	// effect (an address without `?step=`) threw a TypeError and left the router without its root.
	let ready = $state(false);
	afterNavigate(() => (ready = true));
	$effect(() => {
		if (!ready) return;
		// A throwaway copy to compare and hand to replaceState, not state anything reads.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const url = new URL(page.url);
		url.searchParams.set('step', String(deck.index + 1));
		if (deck.skipOptional) url.searchParams.set('optional', 'skip');
		else url.searchParams.delete('optional');
		if (url.search !== page.url.search) replaceState(url, {});
	});
	return deck;
}

/** A step's blocks as the deck shows them: without its optional activities while they are skipped. */
export function visibleBlocks(step: Step, skipOptional: boolean): Block[] {
	if (!skipOptional) return step.blocks;
	return step.blocks.filter((block) => block.type !== 'activity' || !block.activity.optional);
}

/** A step's planned minutes: without its optional activities while they are skipped. */
export function plannedMinutes(step: Step, skipOptional: boolean): number {
	return skipOptional ? requiredMinutes(step) || step.minutes : step.minutes;
}

export { OPTIONAL_LABELS } from './labels';
