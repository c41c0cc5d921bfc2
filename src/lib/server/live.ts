import { diff, type Patch } from '../session/patch';
import { suggestMerges } from '../session/similar';
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

/** Changes within this window go out as one patch per role: a burst of votes costs one message. */
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
	#proposalsVersion = 0;
	#suggestions: { version: number; value: HostViewWithSuggestions['suggestions'] } = { version: -1, value: [] };

	constructor(id: number, code: string, state: SessionState) {
		this.id = id;
		this.code = code;
		this.state = state;
	}

	/** Folds stored events into the state and schedules the live update. */
	applyStored(events: StoredEvent[]) {
		for (const event of events) {
			this.#markDevices(event);
			if (event.type.startsWith('proposal.')) this.#proposalsVersion++;
			apply(this.state, event);
		}
		this.lastActive = Date.now();
		if (events.length > 0) this.#schedule();
	}

	hostSnapshot(): HostViewWithSuggestions {
		if (this.#suggestions.version !== this.#proposalsVersion) {
			const open = [...this.state.proposals.values()].filter((p) => p.status === 'pending' || p.status === 'approved');
			this.#suggestions = { version: this.#proposalsVersion, value: suggestMerges(open) };
		}
		return { ...hostView(this.state), suggestions: this.#suggestions.value };
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
		this.#timer ??= setTimeout(() => this.flush(), FLUSH_MS);
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
