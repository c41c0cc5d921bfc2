import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveView, RETRY_MS } from './live.svelte';

/** A stand-in for the browser's EventSource: the test opens, feeds and breaks each stream by hand. */
class FakeEventSource {
	static readonly CONNECTING = 0;
	static readonly OPEN = 1;
	static readonly CLOSED = 2;
	static opened: FakeEventSource[] = [];

	readyState = FakeEventSource.CONNECTING;
	onerror: (() => void) | null = null;
	readonly #listeners = new Map<string, Array<(event: { data: string }) => void>>();

	constructor(readonly url: string) {
		FakeEventSource.opened.push(this);
	}

	addEventListener(type: string, listener: (event: { data: string }) => void) {
		this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
	}

	emit(type: string, data: unknown) {
		this.readyState = FakeEventSource.OPEN;
		for (const listener of this.#listeners.get(type) ?? []) listener({ data: JSON.stringify(data) });
	}

	/** The connection drops; `giveUp` is what a browser does after the server stayed away. */
	fail(giveUp: boolean) {
		this.readyState = giveUp ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
		this.onerror?.();
	}

	close() {
		this.readyState = FakeEventSource.CLOSED;
	}
}

/** The n-th stream the view opened. */
function stream(n: number): FakeEventSource {
	const source = FakeEventSource.opened[n];
	if (!source) throw new Error(`no stream ${n} was opened`);
	return source;
}

const view = (phase: string) => ({
	phase,
	proposals: { p2: { n: 2, text: 'b' }, p10: { n: 10, text: 'c' }, p1: { n: 1, text: 'a' } },
	rules: { r1: { position: 1, text: 'second' }, r2: { position: 0, text: 'first' } }
});
const me = () => ({ votes: {} as Record<string, string>, responses: {} as Record<string, string> });

let windowEvents: EventTarget;

beforeEach(() => {
	vi.useFakeTimers();
	FakeEventSource.opened = [];
	windowEvents = new EventTarget();
	vi.stubGlobal('EventSource', FakeEventSource);
	vi.stubGlobal('window', windowEvents);
});

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('LiveView', () => {
	it('lists proposals in the order they were made and rules in the mentor’s order', () => {
		const live = new LiveView(view('propose'), me());
		expect(live.proposals.map((p) => p.text)).toEqual(['a', 'b', 'c']);
		expect(live.rules.map((r) => r.text)).toEqual(['first', 'second']);
	});

	it('takes the snapshot, then applies patches to the view and to the personal view', () => {
		const live = new LiveView(view('propose'), me());
		const stop = live.connect('/events');
		expect(live.status).toBe('connecting');
		const source = stream(0);
		source.emit('snapshot', { view: view('vote'), me: me() });
		expect(live.status).toBe('live');
		expect(live.view.phase).toBe('vote');
		source.emit('patch', { p: { set: { 'proposals.p3': { n: 3, text: 'new' } }, del: ['proposals.p1'] } });
		expect(live.proposals.map((p) => p.text)).toEqual(['b', 'new', 'c']);
		source.emit('me', { p: { set: { 'votes.p2': 'agree' } } });
		expect(live.me.votes).toEqual({ p2: 'agree' });
		stop();
	});

	it('leaves a dropped stream to the browser’s own retry while it is still trying', () => {
		const live = new LiveView(view('propose'), me());
		const stop = live.connect('/events');
		stream(0).fail(false);
		expect(live.status).toBe('offline');
		vi.advanceTimersByTime(RETRY_MS * 5);
		expect(FakeEventSource.opened).toHaveLength(1);
		stop();
	});

	it('reopens a stream the browser gave up on, and is live again with a fresh snapshot', () => {
		const live = new LiveView(view('propose'), me());
		const stop = live.connect('/events');
		stream(0).fail(true);
		expect(live.status).toBe('offline');
		vi.advanceTimersByTime(RETRY_MS - 1);
		expect(FakeEventSource.opened).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(FakeEventSource.opened).toHaveLength(2);
		expect(stream(1).url).toBe('/events');
		stream(1).emit('snapshot', { view: view('review') });
		expect(live.status).toBe('live');
		expect(live.view.phase).toBe('review');
		stop();
	});

	it('reconnects at once when the device comes back online', () => {
		const live = new LiveView(view('propose'), me());
		const stop = live.connect('/events');
		stream(0).fail(true);
		windowEvents.dispatchEvent(new Event('online'));
		expect(FakeEventSource.opened).toHaveLength(2);
		// The pending timed retry was cancelled: no third stream.
		vi.advanceTimersByTime(RETRY_MS * 2);
		expect(FakeEventSource.opened).toHaveLength(2);
		stop();
	});

	it('closes its stream and never reconnects once the page is left', () => {
		const live = new LiveView(view('propose'), me());
		const stop = live.connect('/events');
		const source = stream(0);
		stop();
		expect(source.readyState).toBe(FakeEventSource.CLOSED);
		source.fail(true);
		windowEvents.dispatchEvent(new Event('online'));
		vi.advanceTimersByTime(RETRY_MS * 2);
		expect(FakeEventSource.opened).toHaveLength(1);
	});

	it('shows a phone’s own vote and answer at once', () => {
		const live = new LiveView(view('vote'), me());
		live.recordVote('p1', 'disagree');
		live.recordResponse('step-2-a1', 'unsure');
		expect(live.me).toEqual({ votes: { p1: 'disagree' }, responses: { 'step-2-a1': 'unsure' } });
	});
});
