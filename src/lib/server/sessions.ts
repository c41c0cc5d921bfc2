import type { Lang } from '$lib/lessons/types';
import { decide, type Actor, type Command } from '$lib/session/commands';
import { flagText } from '$lib/session/flags';
import { fold } from '$lib/session/state';
import { BARE_ROUND, DEFAULT_JOIN_CAP, type CheckinSeed, type OutlineStep, type StoredEvent } from '$lib/session/types';
import type { Db } from './db';
import { GroupCommit } from './group';
import { hashSecret, newCode, newLabel, newSecret } from './keys';
import { LiveSession } from './live';
import type { Change, ChangeListener } from './store-pg';
import { SqliteSessionStore, type Refusal, type SessionStore } from './store';

export interface ServiceOptions {
	retentionDays: number;
	joinCap: number;
	joinHours: number;
	recoveryHours: number;
	/**
	 * Group commit (the server turns it on): writes of one event-loop turn share a transaction, and a
	 * writer must await `committed()` before it answers. Off, every write commits before it returns.
	 */
	groupCommit?: boolean;
}

export interface NewSession {
	lang: Lang;
	moduleId: string | null;
	title: string;
	round?: string;
	theme: string;
	steps?: OutlineStep[];
	/** A check-in: the charter version it starts from (see src/lib/server/charter-edge.ts). */
	checkin?: CheckinSeed;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** A session nobody watches leaves memory after this long; its log stays in the database. */
const IDLE_MS = 15 * 60 * 1000;
/** A remote's QR code is scanned at once, in the classroom: it works this long. */
const REMOTE_MS = 10 * 60 * 1000;

/** How long a write's idempotency key is remembered. */
export const IDEMPOTENCY_MS = 24 * HOUR;

/**
 * The live session service: the only way into sessions for pages, endpoints and the sweep. It keeps
 * sessions in use in memory, each folded once from its log, and writes every change to the log before
 * it touches memory or tells anyone. With a shared store (PostgreSQL) several instances serve the same
 * sessions: each folds in what the others write, from their notifications and before every write.
 */
export class SessionService implements ChangeListener {
	readonly store: SessionStore;
	readonly #live = new Map<string, LiveSession>();
	readonly #byId = new Map<number, LiveSession>();
	readonly #loading = new Map<string, Promise<LiveSession | null>>();
	readonly #now: () => number;
	readonly #retentionDays: number;
	readonly #options: ServiceOptions;
	readonly #group: GroupCommit | null;
	/** Live sessions changed in the open group: dropped from memory if its commit fails. */
	readonly #touched = new Set<LiveSession>();

	/** An SQLite database (one process) or a store (e.g. PostgreSQL for several instances). */
	constructor(source: Db | SessionStore, options: Partial<ServiceOptions> & { retentionDays: number; now?: () => number }) {
		if ('prepare' in source) {
			this.#group = options.groupCommit ? new GroupCommit(source, () => this.#forgetTouched()) : null;
			this.store = new SqliteSessionStore(source, this.#group);
		} else {
			this.#group = null;
			this.store = source;
		}
		this.#retentionDays = options.retentionDays;
		this.#now = options.now ?? Date.now;
		this.#options = { joinCap: DEFAULT_JOIN_CAP, joinHours: 12, recoveryHours: 24, ...options };
	}

	/** The group commit of an SQLite store, if on: charters written on the same database commit it first. */
	get group(): GroupCommit | null {
		return this.#group;
	}

	async create(input: NewSession): Promise<{ code: string; hostKey: string }> {
		const hostKey = newSecret();
		for (let attempt = 0; attempt < 20; attempt++) {
			const code = newCode();
			const row = await this.store.createSession(code, hashSecret(hostKey), this.#now(), {
				type: 'session.created',
				code,
				lang: input.lang,
				moduleId: input.moduleId,
				title: input.title,
				round: input.round ?? BARE_ROUND,
				theme: input.theme,
				...(input.steps?.length ? { steps: input.steps } : {}),
				joinCap: this.#options.joinCap,
				...(input.checkin ? { checkin: input.checkin } : {})
			});
			if (row) return { code, hostKey };
		}
		throw new Error('no free session code after 20 attempts');
	}

	/**
	 * The live session for a code, loaded from the log on first use; null for unknown codes. With a
	 * shared store it is brought up to date first: what another instance wrote a moment ago is there.
	 * A write needs no `fresh`: it catches up under the session's lock anyway (see store-pg.ts).
	 */
	async get(code: string, fresh = true): Promise<LiveSession | null> {
		const cached = this.#live.get(code);
		if (cached) {
			if (fresh && this.store.shared) await this.#sync(cached);
			return this.#live.get(code) ?? null;
		}
		let loading = this.#loading.get(code);
		if (!loading) {
			loading = this.#load(code).finally(() => this.#loading.delete(code));
			this.#loading.set(code, loading);
		}
		return loading;
	}

	async #load(code: string): Promise<LiveSession | null> {
		const row = await this.store.findSession(code);
		if (!row) return null;
		const live = new LiveSession(row.id, row.code, fold(await this.store.loadEvents(row.id)), this.store.gate(row.id));
		this.#live.set(code, live);
		this.#byId.set(row.id, live);
		return live;
	}

	#sync(live: LiveSession): Promise<void> {
		return this.store.sync(
			live.id,
			() => live.state.seq,
			(events) => this.#apply(live, events)
		);
	}

	/** Whether a key is one of the session's host keys; a key once checked is remembered in memory. */
	async isHost(live: LiveSession, hostKey: string | undefined): Promise<boolean> {
		if (!hostKey || hostKey.length > 64) return false;
		if (live.hostKeys.has(hostKey)) return true;
		const valid = await this.store.isHostKey(live.id, hashSecret(hostKey));
		if (valid) live.hostKeys.add(hostKey);
		return valid;
	}

	/** The device number behind a cookie; remembered per live session, so a vote costs no lookup. */
	async deviceFor(live: LiveSession, token: string | undefined): Promise<number | null> {
		if (!token || token.length > 64) return null;
		const known = live.devicesByToken.get(token);
		if (known !== undefined) return known;
		const device = await this.store.deviceFor(live.id, hashSecret(token));
		if (device !== null) live.devicesByToken.set(token, device);
		return device;
	}

	/**
	 * Decides, stores and applies a command; answers with the events as stored (none for a no-op), once
	 * they are durable. With `key` (an idempotency scope) a repeat answers with the first write's events.
	 */
	async execute(
		live: LiveSession,
		actor: Actor,
		command: Command,
		key?: Buffer
	): Promise<{ ok: true; events: StoredEvent[]; replayed: boolean } | Refusal> {
		const written = await this.store.write({
			sessionId: live.id,
			at: this.#now(),
			key,
			seq: () => live.state.seq,
			catchUp: (events) => this.#apply(live, events),
			plan: () => {
				const decision = decide(live.state, actor, command, flagText);
				if (!decision.ok) return decision;
				const removed = decision.events.find((event) => event.type === 'device.removed');
				const purge = removed
					? {
							device: removed.device,
							proposalIds: [...live.state.proposals.values()].filter((p) => p.device === removed.device).map((p) => p.id)
						}
					: undefined;
				return { ok: true, events: decision.events, purge };
			},
			applied: (events) => this.#apply(live, events)
		});
		if (!written.ok) return written;
		return { ok: true, events: written.events, replayed: written.replayed };
	}

	/** Folds stored events into a live session, whoever wrote them. */
	#apply(live: LiveSession, events: StoredEvent[]) {
		for (const event of events) {
			if (event.type !== 'device.removed') continue;
			for (const [token, device] of live.devicesByToken) if (device === event.device) live.devicesByToken.delete(token);
			live.disconnectDevice(event.device);
		}
		this.#touch(live);
		live.applyStored(events);
	}

	/** Resolves once every write made so far is durable; rejects if their commit failed. */
	committed(): Promise<void> {
		return this.store.committed();
	}

	#touch(live: LiveSession) {
		const group = this.#group;
		if (!group?.open || this.#touched.has(live)) return;
		this.#touched.add(live);
		if (this.#touched.size === 1) group.after(() => this.#touched.clear());
	}

	/** A failed commit: memory is ahead of the log, so those sessions are folded again on next use. */
	#forgetTouched() {
		for (const live of this.#touched) this.#forget(live);
		this.#touched.clear();
	}

	#forget(live: LiveSession) {
		live.closeAll();
		if (this.#live.get(live.code) === live) this.#live.delete(live.code);
		if (this.#byId.get(live.id) === live) this.#byId.delete(live.id);
		this.store.release(live.id);
	}

	/** Whether new devices may join: not after `JOIN_HOURS`, even when the mentor never closed it. */
	joinOpen(live: LiveSession): boolean {
		return this.#now() - live.state.createdAt < this.#options.joinHours * HOUR;
	}

	/**
	 * Joins a device: a known token keeps its number; otherwise a new token is made and stored (hashed)
	 * in the same transaction as the join event. With `key`, a repeat gets the first join's device
	 * number (with a fresh token for it).
	 */
	async join(live: LiveSession, token: string | undefined, key?: Buffer): Promise<{ ok: true; token: string; device: number } | Refusal> {
		// Without a token there is nothing to look up: the write starts in this turn, in order.
		const known = token ? await this.deviceFor(live, token) : null;
		if (known !== null && token) return { ok: true, token, device: known };
		const fresh = newSecret();
		const written = await this.store.write({
			sessionId: live.id,
			at: this.#now(),
			key,
			token: hashSecret(fresh),
			seq: () => live.state.seq,
			catchUp: (events) => this.#apply(live, events),
			plan: () => {
				if (!live.state.closed && !this.joinOpen(live)) return { ok: false, error: 'joining_locked' };
				let decision = decide(live.state, { role: 'device', device: null }, { type: 'join', label: newLabel() }, flagText);
				for (let attempt = 0; !decision.ok && decision.error === 'label_taken' && attempt < 50; attempt++) {
					decision = decide(
						live.state,
						{ role: 'device', device: null },
						{ type: 'join', label: newLabel(attempt > 20 ? 4 : 3) },
						flagText
					);
				}
				if (!decision.ok) return decision;
				const event = decision.events[0];
				if (event?.type !== 'device.joined') throw new Error('join decided no device');
				return { ok: true, events: decision.events, device: event.device };
			},
			applied: (events) => this.#apply(live, events)
		});
		if (!written.ok) return written;
		if (written.device === undefined) throw new Error('a join stored no device');
		live.devicesByToken.set(fresh, written.device);
		return { ok: true, token: fresh, device: written.device };
	}

	/** A new one-time recovery link replaces any earlier one; it works for `RECOVERY_HOURS`. */
	async newRecovery(live: LiveSession): Promise<string> {
		const token = newSecret();
		await this.store.setRecovery(live.id, hashSecret(token), this.#now());
		return token;
	}

	/**
	 * Uses a recovery token: a fresh host key for the new device, or null if the token is spent or
	 * expired. Every older host key stops working: whoever had the console before must recover too.
	 */
	async redeemRecovery(code: string, token: string): Promise<string | null> {
		const hostKey = newSecret();
		const notBefore = this.#now() - this.#options.recoveryHours * HOUR;
		const sessionId = await this.store.takeRecovery(code, hashSecret(token), notBefore, hashSecret(hostKey));
		if (sessionId === null) return null;
		this.#keysChanged(sessionId, true);
		return hostKey;
	}

	/** A new one-time token for the mentor's phone (replacing any unused one); it works for ten minutes. */
	async newRemote(live: LiveSession): Promise<string> {
		const token = newSecret();
		await this.store.setRemote(live.id, hashSecret(token), this.#now());
		return token;
	}

	/**
	 * Spends a remote token: an extra host key for the phone, or null if the token is spent, expired or
	 * unknown. Unlike a recovery, every other host key keeps working.
	 */
	async redeemRemote(code: string, token: string): Promise<string | null> {
		const hostKey = newSecret();
		const id = await this.store.takeRemote(code, hashSecret(token), this.#now() - REMOTE_MS, hashSecret(hostKey));
		return id === null ? null : hostKey;
	}

	/** Disconnects every remote: their keys and any unused token stop working; other keys do not. */
	async revokeRemotes(live: LiveSession) {
		await this.store.revokeRemotes(live.id);
		// The memory remembers keys, not which are remotes: the others are checked again on next use.
		this.#keysChanged(live.id, true);
	}

	/** Signs a mentor's browser out: its host key stops working at once, on every instance. */
	async signOut(live: LiveSession, hostKey: string | undefined) {
		if (!hostKey) return;
		live.hostKeys.delete(hostKey);
		await this.store.revokeHostKey(live.id, hashSecret(hostKey));
	}

	/** Host keys changed: forget the ones remembered, and with `close` end the consoles' streams. */
	#keysChanged(sessionId: number, close: boolean) {
		const live = this.#byId.get(sessionId);
		if (!live) return;
		live.hostKeys.clear();
		if (close) live.closeHostStreams();
	}

	async delete(live: LiveSession) {
		this.#forget(live);
		await this.store.deleteSession(live.id, live.code, live.state.createdAt + this.#retentionDays * DAY);
	}

	/** Deletes sessions older than the retention period; returns their codes. */
	async sweep(): Promise<string[]> {
		const now = this.#now();
		const expired = await this.store.expiredSessions(now - this.#retentionDays * DAY);
		for (const row of expired) {
			const live = this.#live.get(row.code);
			if (live) this.#forget(live);
			// Its retention is over already: the code is free again.
			await this.store.deleteSession(row.id, row.code, 0);
		}
		await this.store.tidy(now, now - IDEMPOTENCY_MS);
		for (const live of [...this.#live.values()]) {
			if (live.streams.size === 0 && Date.now() - live.lastActive > IDLE_MS) this.#forget(live);
		}
		return expired.map((row) => row.code);
	}

	/** Another instance changed a session this one may hold in memory. */
	change(change: Change) {
		const live = this.#byId.get(change.sessionId);
		if (!live) return;
		if (change.kind === 'events') {
			if (change.seq <= live.state.seq) return;
			const known = { upTo: change.seq, events: change.events };
			this.store
				.sync(
					live.id,
					() => live.state.seq,
					(events) => this.#apply(live, events),
					known
				)
				.catch((error: unknown) => console.error(error));
		} else if (change.kind === 'keys') this.#keysChanged(change.sessionId, change.close);
		else this.#forget(live);
	}

	/** A batch of writes failed after memory applied it: the session is folded again on next use. */
	failed(sessionId: number) {
		const live = this.#byId.get(sessionId);
		if (live) this.#forget(live);
	}

	/** Notifications may have been missed (the listening connection came back): catch up on everything. */
	resync() {
		for (const live of this.#live.values()) this.#sync(live).catch((error: unknown) => console.error(error));
	}

	heartbeat() {
		for (const live of this.#live.values()) live.heartbeat();
	}

	closeAll() {
		for (const live of this.#live.values()) live.closeAll();
		this.#live.clear();
		this.#byId.clear();
	}

	get liveCount(): number {
		return this.#live.size;
	}
}
