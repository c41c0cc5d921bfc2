import { diff } from '$lib/session/patch';
import { bestEarlier, features, type Features } from '$lib/session/similar';
import { apply } from '$lib/session/state';
import type { SessionState, StoredEvent } from '$lib/session/types';
import {
	hostProjection,
	hostView,
	type HostView,
	personalView,
	projectorProjection,
	projectorView,
	publishNow,
	studentProjection,
	studentView,
	type PersonalView,
	type ProjectorViewData,
	type Projection,
	type Published,
	type StudentView
} from '$lib/session/views';

export type Role = 'host' | 'projector' | 'student';

/** One open event stream. `write` returns false when the stream is gone or too far behind. */
export interface Stream {
	role: Role;
	device: number | null;
	write(chunk: Uint8Array): boolean;
	close(): void;
}

/** What a stream waits for: the open group commit (see group.ts). */
export interface Gate {
	readonly open: boolean;
	after(fn: () => void): void;
}

export type Suggestion = { id: string; into: string; score: number };

/**
 * A change after a quiet spell goes out at once (on the next turn of the event loop); changes that
 * follow within this window go out together as one patch per role, so a burst of votes costs one
 * message while a single proposal is not held back.
 */
export const FLUSH_MS = 10;

/**
 * Tallies and answer counts reach phones and the projector in batches: at most every PUBLISH_MS, and
 * only once PUBLISH_VOTES votes or answers changed, or at once when voting or answering ends (or the
 * mentor reveals, merges, removes a device, moves on). A single vote never shows up as a single change.
 */
export const PUBLISH_MS = 2_000;
export const PUBLISH_VOTES = 3;

const encoder = new TextEncoder();

type AnyProjection = Projection<object, unknown, unknown>;

const PROJECTIONS: Record<Role, AnyProjection> = {
	host: hostProjection as AnyProjection,
	projector: projectorProjection as AnyProjection,
	student: studentProjection as AnyProjection
};

/** What a role was last sent, as JSON per top-level field, per proposal and per rule. */
interface Sent {
	meta: Map<string, string>;
	proposals: Map<string, string>;
	rules: Map<string, string>;
}

/** What changed since the last flush. Events that change what many entries look like set `all`. */
interface Dirty {
	all: boolean;
	proposals: Set<string>;
	rules: boolean;
}

/**
 * A session that is in use: its state, folded from the log, and the streams of everyone watching.
 * Each role's last sent view is kept entry by entry, so a change goes out as a patch computed from the
 * entries it touched, serialised once per role and encoded once for all of that role's streams.
 */
export class LiveSession {
	readonly id: number;
	readonly code: string;
	readonly state: SessionState;
	readonly streams = new Set<Stream>();
	/** Device cookies seen in this process, to their numbers: only for sessions in memory. */
	readonly devicesByToken = new Map<string, number>();
	/** Host keys checked in this process: only for sessions in memory. */
	readonly hostKeys = new Set<string>();
	lastActive = Date.now();

	#sent = new Map<Role, Sent>();
	#dirty: Dirty = { all: false, proposals: new Set(), rules: false };
	#personalSent = new Map<number, PersonalView>();
	#dirtyDevices = new Set<number>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastFlush = 0;
	/** Merge suggestions per proposal, kept up to date as proposals arrive (see #suggest). */
	#suggestions = new Map<string, { into: string; score: number }>();
	#features = new Map<string, { text: string; features: Features }>();
	#suggestionsStale = true;
	/** Results as phones and the projector last got them, and how many votes changed since. */
	#published: Published;
	#unpublished = 0;
	#lastPublish = 0;
	#publishTimer: ReturnType<typeof setTimeout> | null = null;

	/** The store's group commit, if any: nothing goes out on a stream before its writes commit. */
	readonly #gate: Gate | null;
	#flushAfterCommit = false;

	constructor(id: number, code: string, state: SessionState, gate: Gate | null = null) {
		this.#gate = gate;
		this.id = id;
		this.code = code;
		this.state = state;
		this.#published = publishNow(state);
	}

	/** A student's view as phones get it, with the published results. */
	studentView(): StudentView {
		return studentView(this.state, this.#published);
	}

	projectorView(): ProjectorViewData {
		return projectorView(this.state, this.#published);
	}

	/** Ends the event streams of one device, e.g. when the mentor removed it. */
	disconnectDevice(device: number) {
		for (const stream of [...this.streams]) if (stream.role === 'student' && stream.device === device) this.disconnect(stream);
	}

	/** Ends the console's and projector's streams, e.g. when a recovery replaced the host keys. */
	closeHostStreams() {
		for (const stream of [...this.streams]) if (stream.role !== 'student') this.disconnect(stream);
	}

	/** Folds stored events into the state and schedules the live update. */
	applyStored(events: StoredEvent[]) {
		let publish = false;
		for (const event of events) {
			this.#markDirty(event);
			const reopened =
				(event.type === 'proposal.approved' && this.state.proposals.get(event.id)?.status === 'hidden') ||
				event.type === 'proposal.unmerged';
			apply(this.state, event);
			this.#suggest(event, reopened);
			if (event.type === 'vote.cast' || event.type === 'response.cast') this.#unpublished++;
			else if (PUBLISHES.has(event.type)) publish = true;
		}
		this.lastActive = Date.now();
		if (publish) this.#publish();
		else if (this.#unpublished >= PUBLISH_VOTES) this.#schedulePublish();
		if (events.length > 0) this.#schedule();
	}

	#schedulePublish() {
		if (this.#publishTimer) return;
		const wait = Math.max(0, this.#lastPublish + PUBLISH_MS - Date.now());
		if (wait === 0) return this.#publish();
		this.#publishTimer = setTimeout(() => {
			this.#publishTimer = null;
			this.#publish();
			this.flush();
		}, wait);
		this.#publishTimer.unref?.();
	}

	/** Copies the current results into what phones and the projector see; the next flush sends them. */
	#publish() {
		if (this.#publishTimer) clearTimeout(this.#publishTimer);
		this.#publishTimer = null;
		this.#published = publishNow(this.state);
		this.#unpublished = 0;
		this.#lastPublish = Date.now();
		this.#dirty.all = true;
	}

	/** The mentor's merge suggestions: each open proposal that looks like an earlier one. */
	suggestions(): Suggestion[] {
		if (this.#suggestionsStale) this.#recomputeSuggestions();
		return [...this.#suggestions].map(([id, best]) => ({ id, ...best }));
	}

	/** The console's whole view, for its page load. */
	hostSnapshot(): HostView & { suggestions: Suggestion[] } {
		return { ...hostView(this.state), suggestions: this.suggestions() };
	}

	#meta(role: Role): Record<string, unknown> {
		const meta = PROJECTIONS[role].meta(this.state, this.#published) as Record<string, unknown>;
		return role === 'host' ? { ...meta, suggestions: this.suggestions() } : meta;
	}

	/** Registers a stream and sends it the current view: the snapshot it builds on. */
	connect(stream: Stream) {
		// A snapshot holds only what is committed: a stream that opens mid-group starts after it.
		if (this.#gate?.open) return this.#gate.after(() => this.connect(stream));
		this.flush();
		let sent = this.#sent.get(stream.role);
		if (!sent) {
			sent = this.#build(stream.role);
			this.#sent.set(stream.role, sent);
		}
		this.streams.add(stream);
		let me = '';
		if (stream.role === 'student') {
			const personal = personalView(this.state, stream.device);
			if (stream.device !== null) this.#personalSent.set(stream.device, personal);
			me = `,"me":${JSON.stringify(personal)}`;
		}
		const data = `{"v":${this.state.seq},"view":${viewJson(sent)}${me}}`;
		if (!stream.write(encoder.encode(`id: ${this.state.seq}\nevent: snapshot\ndata: ${data}\n\n`))) this.disconnect(stream);
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
		if (this.#gate?.open) {
			if (!this.#flushAfterCommit) {
				this.#flushAfterCommit = true;
				this.#gate.after(() => {
					this.#flushAfterCommit = false;
					this.flush();
				});
			}
			return;
		}
		this.#lastFlush = Date.now();
		const seq = this.state.seq;
		for (const [role, sent] of this.#sent) {
			const patch = this.#patch(role, sent);
			if (patch) this.#broadcast((stream) => stream.role === role, frame('patch', { v: seq, p: patch }, seq));
		}
		this.#dirty = { all: false, proposals: new Set(), rules: false };
		for (const device of this.#dirtyDevices) {
			const before = this.#personalSent.get(device);
			if (!before) continue;
			const after = personalView(this.state, device);
			const patch = diff(before, after);
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
		if (this.#publishTimer) clearTimeout(this.#publishTimer);
		this.#publishTimer = null;
	}

	heartbeat() {
		this.#broadcast(() => true, KEEP_ALIVE);
	}

	#build(role: Role): Sent {
		const projection = PROJECTIONS[role];
		const sent: Sent = { meta: new Map(), proposals: new Map(), rules: new Map() };
		for (const [key, value] of Object.entries(this.#meta(role))) sent.meta.set(key, JSON.stringify(value));
		for (const proposal of this.state.proposals.values()) {
			const entry = projection.proposal(this.state, proposal, this.#published);
			if (entry) sent.proposals.set(proposal.id, JSON.stringify(entry));
		}
		this.state.rules.forEach((rule, position) => {
			const entry = projection.rule(this.state, rule, position);
			if (entry) sent.rules.set(rule.id, JSON.stringify(entry));
		});
		return sent;
	}

	/** The patch for one role from the dirty entries, updating what the role was sent. */
	#patch(role: Role, sent: Sent): { set?: Record<string, unknown>; del?: string[] } | null {
		const projection = PROJECTIONS[role];
		const set: Record<string, unknown> = {};
		const del: string[] = [];
		// An entry of null means "not visible to this role"; a top-level field may be null itself.
		const update = (map: Map<string, string>, path: string, key: string, entry: unknown, nullDeletes = true) => {
			if (nullDeletes && (entry === null || entry === undefined)) {
				if (map.delete(key)) del.push(path);
				return;
			}
			const json = JSON.stringify(entry);
			if (map.get(key) !== json) {
				map.set(key, json);
				set[path] = entry;
			}
		};
		for (const [key, value] of Object.entries(this.#meta(role))) update(sent.meta, key, key, value, false);

		const ids = this.#dirty.all ? new Set([...this.state.proposals.keys(), ...sent.proposals.keys()]) : this.#dirty.proposals;
		for (const id of ids) {
			const proposal = this.state.proposals.get(id);
			update(sent.proposals, `proposals.${id}`, id, proposal ? projection.proposal(this.state, proposal, this.#published) : null);
		}
		if (this.#dirty.all || this.#dirty.rules) {
			const positions = new Map(this.state.rules.map((rule, position) => [rule.id, position]));
			for (const id of new Set([...positions.keys(), ...sent.rules.keys()])) {
				const position = positions.get(id);
				const rule = position === undefined ? undefined : this.state.rules[position];
				update(sent.rules, `rules.${id}`, id, rule && position !== undefined ? projection.rule(this.state, rule, position) : null);
			}
		}
		if (del.length === 0 && Object.keys(set).length === 0) return null;
		return { ...(Object.keys(set).length ? { set } : {}), ...(del.length ? { del } : {}) };
	}

	#broadcast(to: (stream: Stream) => boolean, chunk: Uint8Array) {
		for (const stream of this.streams) {
			if (to(stream) && !stream.write(chunk)) this.disconnect(stream);
		}
	}

	#schedule() {
		if (this.#timer) return;
		const wait = Math.max(0, this.#lastFlush + FLUSH_MS - Date.now());
		this.#timer = setTimeout(() => this.flush(), wait);
	}

	/** Which view entries and which devices' own views an event may change. */
	#markDirty(event: StoredEvent) {
		const voters = (proposalId: string) => this.state.votes.get(proposalId)?.keys() ?? [];
		switch (event.type) {
			case 'vote.cast':
				this.#dirty.proposals.add(event.proposal);
				this.#dirtyDevices.add(event.device);
				break;
			case 'proposal.submitted':
				this.#dirty.proposals.add(event.id);
				this.#dirtyDevices.add(event.device);
				break;
			case 'proposal.approved':
			case 'proposal.hidden':
			case 'proposal.edited':
			case 'proposal.merged':
			case 'answer.highlighted':
			case 'answer.grouped': {
				this.#dirty.proposals.add(event.id);
				const proposal = this.state.proposals.get(event.id);
				if (proposal) this.#dirtyDevices.add(proposal.device);
				for (const device of voters(event.id)) this.#dirtyDevices.add(device);
				if (event.type === 'proposal.merged') {
					this.#dirty.proposals.add(event.into);
					for (const device of voters(event.into)) this.#dirtyDevices.add(device);
				}
				break;
			}
			case 'device.muted':
			case 'device.unmuted':
				// The muted flag shows on every proposal of that device.
				for (const proposal of this.state.proposals.values()) {
					if (proposal.device === event.device) this.#dirty.proposals.add(proposal.id);
				}
				break;
			case 'rule.adopted':
			case 'rule.edited':
			case 'rule.removed':
			case 'rule.moved':
				this.#dirty.rules = true;
				break;
			case 'response.cast':
				// The answers themselves are top-level fields, compared on every flush.
				this.#dirtyDevices.add(event.device);
				break;
			case 'slide.set':
				// A new round changes which proposals a phone shows as its own.
				for (const device of this.#personalSent.keys()) this.#dirtyDevices.add(device);
				this.#dirty.all = true;
				break;
			case 'device.removed':
				this.#dirtyDevices.delete(event.device);
				this.#personalSent.delete(event.device);
				this.#dirty.all = true;
				break;
			case 'joining.locked':
			case 'joining.cap':
				// Top-level fields of the console, compared on every flush.
				break;
			case 'device.joined':
			case 'results.revealed':
			case 'phase.set':
			case 'projector.set':
			case 'session.closed':
				// Consensus depends on the class size; visibility of tallies and rules on these.
				this.#dirty.all = true;
				break;
			case 'proposal.unmerged':
				// Votes go back to the proposal they came from: any voter's own view may change.
				for (const device of this.#personalSent.keys()) this.#dirtyDevices.add(device);
				this.#dirty.all = true;
				break;
		}
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
}

const KEEP_ALIVE = encoder.encode(': keep-alive\n\n');

/** Events after which the results phones see are brought up to date at once. */
const PUBLISHES: ReadonlySet<StoredEvent['type']> = new Set([
	'results.revealed',
	'phase.set',
	'slide.set',
	'session.closed',
	'proposal.merged',
	'device.removed'
]);

/** A view from its stored JSON pieces, without parsing them again. */
function viewJson(sent: Sent): string {
	const record = (map: Map<string, string>) => `{${[...map].map(([id, json]) => `${JSON.stringify(id)}:${json}`).join(',')}}`;
	const meta = [...sent.meta].map(([key, json]) => `${JSON.stringify(key)}:${json}`);
	return `{${[...meta, `"proposals":${record(sent.proposals)}`, `"rules":${record(sent.rules)}`].join(',')}}`;
}

export function frame(event: string, data: unknown, id?: number): Uint8Array {
	return encoder.encode(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
