import { diff, type Patch } from '../session/patch';
import { bestEarlier, features, type Features } from '../session/similar';
import { apply } from '../session/state';
import type { SessionState, StoredEvent } from '../session/types';
import { hostView, personalView, projectorView, studentView, type HostView, type PersonalView } from '../session/views';

export type Role = 'host' | 'projector' | 'student';

/** One open event stream. `write` returns false when the stream is gone or too far behind. */
export interface Stream {
	role: Role;
	device: number | null;
	write(chunk: string): boolean;
	close(): void;
}

export type HostViewWithSuggestions = HostView & { suggestions: Array<{ id: string; into: string; score: number }> };

type RoleView = Record<string, unknown>;

/**
 * A change after a quiet spell goes out at once (on the next turn of the event loop); changes that
 * follow within this window go out together as one patch per role, so a burst of votes costs one
 * message while a single proposal is not held back.
 */
export const FLUSH_MS = 25;

/**
 * A session that is in use: its state, folded from the log, and the streams of everyone watching.
 * Each role's last sent view is kept so a change goes out as a patch, serialised once per role.
 */
export class LiveSession {
	readonly id: number;
	readonly code: string;
	readonly state: SessionState;
	readonly streams = new Set<Stream>();
	lastActive = Date.now();

	#sent = new Map<Role, RoleView>();
	#personalSent = new Map<number, PersonalView>();
	#dirtyDevices = new Set<number>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastFlush = 0;
	/** Merge suggestions per proposal, kept up to date as proposals arrive (see #suggest). */
	#suggestions = new Map<string, { into: string; score: number }>();
	#features = new Map<string, { text: string; features: Features }>();
	#suggestionsStale = true;

	constructor(id: number, code: string, state: SessionState) {
		this.id = id;
		this.code = code;
		this.state = state;
	}

	/** Folds stored events into the state and schedules the live update. */
	applyStored(events: StoredEvent[]) {
		for (const event of events) {
			this.#markDevices(event);
			const reopened = event.type === 'proposal.approved' && this.state.proposals.get(event.id)?.status === 'hidden';
			apply(this.state, event);
			this.#suggest(event, reopened);
		}
		this.lastActive = Date.now();
		if (events.length > 0) this.#schedule();
	}

	hostSnapshot(): HostViewWithSuggestions {
		if (this.#suggestionsStale) this.#recomputeSuggestions();
		const suggestions = [...this.#suggestions].map(([id, best]) => ({ id, ...best }));
		return { ...hostView(this.state), suggestions };
	}

	/**
	 * A new proposal is compared with the open proposals before it: O(n) per proposal. Anything that
	 * changes which proposals are open or what they say (hide, merge, edit, approving a hidden one) is
	 * rarer and recomputes everything on the next host view.
	 */
	#suggest(event: StoredEvent, reopened: boolean) {
		if (event.type === 'proposal.submitted') {
			if (this.#suggestionsStale || event.status === 'hidden') return;
			const best = bestEarlier(this.#featuresOf(event.id, event.text), this.#openBefore(event.id));
			if (best) this.#suggestions.set(event.id, best);
		} else if (event.type === 'proposal.hidden' || event.type === 'proposal.merged' || event.type === 'proposal.edited' || reopened) {
			this.#suggestionsStale = true;
		}
	}

	#recomputeSuggestions() {
		this.#suggestions.clear();
		for (const proposal of this.state.proposals.values()) {
			if (proposal.status !== 'pending' && proposal.status !== 'approved') continue;
			const best = bestEarlier(this.#featuresOf(proposal.id, proposal.text), this.#openBefore(proposal.id));
			if (best) this.#suggestions.set(proposal.id, best);
		}
		this.#suggestionsStale = false;
	}

	#openBefore(id: string): Array<{ id: string; features: Features }> {
		const before: Array<{ id: string; features: Features }> = [];
		for (const proposal of this.state.proposals.values()) {
			if (proposal.id === id) break;
			if (proposal.status === 'pending' || proposal.status === 'approved') {
				before.push({ id: proposal.id, features: this.#featuresOf(proposal.id, proposal.text) });
			}
		}
		return before;
	}

	#featuresOf(id: string, text: string): Features {
		const cached = this.#features.get(id);
		if (cached?.text === text) return cached.features;
		const fresh = features(text);
		this.#features.set(id, { text, features: fresh });
		return fresh;
	}

	viewFor(role: Role): RoleView {
		if (role === 'host') return this.hostSnapshot() as unknown as RoleView;
		if (role === 'projector') return projectorView(this.state) as unknown as RoleView;
		return studentView(this.state) as unknown as RoleView;
	}

	/** Registers a stream and sends it the current view: the snapshot it builds on. */
	connect(stream: Stream) {
		this.flush();
		let view = this.#sent.get(stream.role);
		if (!view) {
			view = this.viewFor(stream.role);
			this.#sent.set(stream.role, view);
		}
		this.streams.add(stream);
		const snapshot: { v: number; view: RoleView; me?: PersonalView } = { v: this.state.seq, view };
		if (stream.role === 'student') {
			const me = personalView(this.state, stream.device);
			if (stream.device !== null) this.#personalSent.set(stream.device, me);
			snapshot.me = me;
		}
		if (!stream.write(frame('snapshot', snapshot, this.state.seq))) this.disconnect(stream);
		this.lastActive = Date.now();
	}

	disconnect(stream: Stream) {
		if (!this.streams.delete(stream)) return;
		stream.close();
		if (![...this.streams].some((other) => other.role === stream.role)) this.#sent.delete(stream.role);
		if (stream.device !== null && ![...this.streams].some((other) => other.device === stream.device)) {
			this.#personalSent.delete(stream.device);
		}
		this.lastActive = Date.now();
	}

	/** Sends what changed since the last flush to every stream, one patch per role. */
	flush() {
		if (this.#timer) {
			clearTimeout(this.#timer);
			this.#timer = null;
		}
		this.#lastFlush = Date.now();
		const seq = this.state.seq;
		for (const [role, before] of this.#sent) {
			const after = this.viewFor(role);
			const patch = diff(before, after);
			this.#sent.set(role, after);
			if (patch) this.#broadcast((stream) => stream.role === role, frame('patch', { v: seq, p: patch }, seq));
		}
		for (const device of this.#dirtyDevices) {
			const before = this.#personalSent.get(device);
			if (!before) continue;
			const after = personalView(this.state, device);
			const patch = diff(before as unknown as RoleView, after as unknown as RoleView);
			this.#personalSent.set(device, after);
			if (patch) this.#broadcast((stream) => stream.device === device, frame('me', { v: seq, p: patch }, seq));
		}
		this.#dirtyDevices.clear();
	}

	/** Ends every stream, e.g. when the session is deleted or the server stops. */
	closeAll() {
		for (const stream of [...this.streams]) this.disconnect(stream);
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	heartbeat() {
		this.#broadcast(() => true, ': keep-alive\n\n');
	}

	#broadcast(to: (stream: Stream) => boolean, chunk: string) {
		for (const stream of this.streams) {
			if (to(stream) && !stream.write(chunk)) this.disconnect(stream);
		}
	}

	#schedule() {
		if (this.#timer) return;
		const wait = Math.max(0, this.#lastFlush + FLUSH_MS - Date.now());
		this.#timer = setTimeout(() => this.flush(), wait);
	}

	/** Which devices' own view an event may change, so only they get a personal patch. */
	#markDevices(event: StoredEvent) {
		const voters = (proposalId: string) => this.state.votes.get(proposalId)?.keys() ?? [];
		switch (event.type) {
			case 'vote.cast':
			case 'proposal.submitted':
				this.#dirtyDevices.add(event.device);
				break;
			case 'proposal.approved':
			case 'proposal.hidden':
			case 'proposal.edited':
			case 'proposal.merged': {
				const proposal = this.state.proposals.get(event.id);
				if (proposal) this.#dirtyDevices.add(proposal.device);
				for (const device of voters(event.id)) this.#dirtyDevices.add(device);
				if (event.type === 'proposal.merged') for (const device of voters(event.into)) this.#dirtyDevices.add(device);
				break;
			}
		}
	}
}

export function frame(event: string, data: unknown, id?: number): string {
	return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export type { Patch };
