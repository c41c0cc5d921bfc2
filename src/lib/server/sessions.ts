import type { Lang } from '$lib/lessons/types';
import { decide, type Actor, type Command, type Decision } from '$lib/session/commands';
import { flagText } from '$lib/session/flags';
import { fold } from '$lib/session/state';
import { BARE_ROUND, DEFAULT_JOIN_CAP, type CheckinSeed, type OutlineStep, type StoredEvent } from '$lib/session/types';
import { reclaim, type Db } from './db';
import { GroupCommit } from './group';
import { hashSecret, newCode, newLabel, newSecret } from './keys';
import { LiveSession } from './live';
import { EventStore } from './store';

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

/**
 * The live session service: the only way into sessions for pages, endpoints and the sweep. It keeps
 * sessions in use in memory, each folded once from its log, and writes every change to the log before
 * it touches memory or tells anyone.
 */
export class SessionService {
	readonly store: EventStore;
	readonly #live = new Map<string, LiveSession>();
	readonly #now: () => number;
	readonly #retentionDays: number;
	readonly #db: Db;
	readonly #options: ServiceOptions;
	readonly #remote;
	/** Live sessions changed in the open group: dropped from memory if its commit fails. */
	readonly #touched = new Set<LiveSession>();

	constructor(db: Db, options: Partial<ServiceOptions> & { retentionDays: number; now?: () => number }) {
		this.#db = db;
		const group = options.groupCommit ? new GroupCommit(db, () => this.#forgetTouched()) : null;
		this.store = new EventStore(db, group);
		this.#retentionDays = options.retentionDays;
		this.#now = options.now ?? Date.now;
		this.#options = { joinCap: DEFAULT_JOIN_CAP, joinHours: 12, recoveryHours: 24, ...options };
		this.#remote = {
			set: db.prepare<[Buffer, number, number]>('UPDATE sessions SET remote_hash = ?, remote_at = ? WHERE id = ?'),
			take: db.prepare<[string, Buffer, number], { id: number }>(
				'UPDATE sessions SET remote_hash = NULL, remote_at = NULL WHERE code = ? AND remote_hash = ? AND remote_at >= ? RETURNING id'
			),
			addKey: db.prepare<[number, Buffer]>('INSERT OR IGNORE INTO host_keys (session_id, key_hash, remote) VALUES (?, ?, 1)'),
			revoke: db.prepare<[number]>('UPDATE sessions SET remote_hash = NULL, remote_at = NULL WHERE id = ?'),
			deleteKeys: db.prepare<[number]>('DELETE FROM host_keys WHERE session_id = ? AND remote = 1')
		};
	}

	create(input: NewSession): { code: string; hostKey: string } {
		const hostKey = newSecret();
		for (let attempt = 0; attempt < 20; attempt++) {
			const code = newCode();
			const row = this.store.createSession(code, hashSecret(hostKey), this.#now(), {
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

	/** The live session for a code, loaded from the log on first use; null for unknown codes. */
	get(code: string): LiveSession | null {
		const cached = this.#live.get(code);
		if (cached) return cached;
		const row = this.store.findSession(code);
		if (!row) return null;
		const live = new LiveSession(row.id, row.code, fold(this.store.loadEvents(row.id)), this.store.group);
		this.#live.set(code, live);
		return live;
	}

	/** Whether a key is one of the session's host keys; a key once checked is remembered in memory. */
	isHost(live: LiveSession, hostKey: string | undefined): boolean {
		if (!hostKey || hostKey.length > 64) return false;
		if (live.hostKeys.has(hostKey)) return true;
		const valid = this.store.isHostKey(live.id, hashSecret(hostKey));
		if (valid) live.hostKeys.add(hostKey);
		return valid;
	}

	/** The device number behind a cookie; remembered per live session, so a vote costs no lookup. */
	deviceFor(live: LiveSession, token: string | undefined): number | null {
		if (!token || token.length > 64) return null;
		const known = live.devicesByToken.get(token);
		if (known !== undefined) return known;
		const device = this.store.deviceFor(live.id, hashSecret(token));
		if (device !== null) live.devicesByToken.set(token, device);
		return device;
	}

	/**
	 * Decides, stores and applies a command; answers with the events as stored (none for a no-op). With
	 * group commit the events are durable, and sent out, once `committed()` resolves.
	 */
	execute(live: LiveSession, actor: Actor, command: Command): { ok: true; events: StoredEvent[] } | Extract<Decision, { ok: false }> {
		const decision = decide(live.state, actor, command, flagText);
		if (!decision.ok) return decision;
		const removed = decision.events.find((event) => event.type === 'device.removed');
		const purge = removed
			? () => {
					const ids = [...live.state.proposals.values()].filter((p) => p.device === removed.device).map((p) => p.id);
					this.store.purgeDevice(live.id, removed.device, ids);
				}
			: undefined;
		const events = decision.events.length > 0 ? this.store.append(live.id, live.state.seq, decision.events, this.#now(), purge) : [];
		if (removed) {
			for (const [token, device] of live.devicesByToken) if (device === removed.device) live.devicesByToken.delete(token);
			live.disconnectDevice(removed.device);
		}
		this.#touch(live);
		live.applyStored(events);
		if (removed) this.#afterCommit(() => reclaim(this.#db));
		return { ok: true, events };
	}

	/** Resolves once every write made so far is durable; rejects if their commit failed. */
	committed(): Promise<void> {
		return this.store.group?.committed() ?? Promise.resolve();
	}

	#touch(live: LiveSession) {
		const group = this.store.group;
		if (!group?.open || this.#touched.has(live)) return;
		this.#touched.add(live);
		if (this.#touched.size === 1) group.after(() => this.#touched.clear());
	}

	/** A failed commit: memory is ahead of the log, so those sessions are folded again on next use. */
	#forgetTouched() {
		for (const live of this.#touched) {
			live.closeAll();
			if (this.#live.get(live.code) === live) this.#live.delete(live.code);
		}
		this.#touched.clear();
	}

	#afterCommit(fn: () => void) {
		if (this.store.group) this.store.group.after(fn);
		else fn();
	}

	/** Whether new devices may join: not after `JOIN_HOURS`, even when the mentor never closed it. */
	joinOpen(live: LiveSession): boolean {
		return this.#now() - live.state.createdAt < this.#options.joinHours * HOUR;
	}

	/**
	 * Joins a device: a known token keeps its number; otherwise a new token is made and stored (hashed)
	 * in the same transaction as the join event.
	 */
	join(live: LiveSession, token: string | undefined): { ok: true; token: string; device: number } | Extract<Decision, { ok: false }> {
		const known = this.deviceFor(live, token);
		if (known !== null && token) return { ok: true, token, device: known };
		if (!live.state.closed && !this.joinOpen(live)) return { ok: false, error: 'joining_locked' };
		let decision = decide(live.state, { role: 'device', device: null }, { type: 'join', label: newLabel() }, flagText);
		for (let attempt = 0; !decision.ok && decision.error === 'label_taken' && attempt < 50; attempt++) {
			decision = decide(live.state, { role: 'device', device: null }, { type: 'join', label: newLabel(attempt > 20 ? 4 : 3) }, flagText);
		}
		if (!decision.ok) return decision;
		const event = decision.events[0];
		if (event?.type !== 'device.joined') throw new Error('join decided no device');
		const fresh = newSecret();
		const stored = this.store.append(live.id, live.state.seq, decision.events, this.#now(), () =>
			this.store.addDevice(live.id, hashSecret(fresh), event.device)
		);
		this.#touch(live);
		live.applyStored(stored);
		live.devicesByToken.set(fresh, event.device);
		return { ok: true, token: fresh, device: event.device };
	}

	/** A new one-time recovery link replaces any earlier one; it works for `RECOVERY_HOURS`. */
	newRecovery(live: LiveSession): string {
		const token = newSecret();
		this.store.setRecovery(live.id, hashSecret(token), this.#now());
		return token;
	}

	/**
	 * Uses a recovery token: a fresh host key for the new device, or null if the token is spent or
	 * expired. Every older host key stops working: whoever had the console before must recover too.
	 */
	redeemRecovery(code: string, token: string): string | null {
		const hostKey = newSecret();
		const notBefore = this.#now() - this.#options.recoveryHours * HOUR;
		const sessionId = this.store.takeRecovery(code, hashSecret(token), notBefore, hashSecret(hostKey));
		if (sessionId === null) return null;
		const live = this.#live.get(code);
		live?.hostKeys.clear();
		live?.closeHostStreams();
		return hostKey;
	}

	/** A new one-time token for the mentor's phone (replacing any unused one); it works for ten minutes. */
	newRemote(live: LiveSession): string {
		const token = newSecret();
		this.store.group?.commit();
		this.#remote.set.run(hashSecret(token), this.#now(), live.id);
		return token;
	}

	/**
	 * Spends a remote token: an extra host key for the phone, or null if the token is spent, expired or
	 * unknown. Unlike a recovery, every other host key keeps working.
	 */
	redeemRemote(code: string, token: string): string | null {
		const hostKey = newSecret();
		this.store.group?.commit();
		const id = this.#db.transaction(() => {
			const row = this.#remote.take.get(code, hashSecret(token), this.#now() - REMOTE_MS);
			if (row) this.#remote.addKey.run(row.id, hashSecret(hostKey));
			return row?.id ?? null;
		})();
		return id === null ? null : hostKey;
	}

	/** Disconnects every remote: their keys and any unused token stop working; other keys do not. */
	revokeRemotes(live: LiveSession) {
		this.store.group?.commit();
		this.#db.transaction(() => {
			this.#remote.deleteKeys.run(live.id);
			this.#remote.revoke.run(live.id);
		})();
		// The memory remembers keys, not which are remotes: the others are checked again on next use.
		live.hostKeys.clear();
		live.closeHostStreams();
	}

	/** Signs a mentor's browser out: its host key stops working at once. */
	signOut(live: LiveSession, hostKey: string | undefined) {
		if (!hostKey) return;
		live.hostKeys.delete(hostKey);
		this.store.revokeHostKey(live.id, hashSecret(hostKey));
	}

	delete(live: LiveSession) {
		live.closeAll();
		this.store.deleteSession(live.id, live.code, live.state.createdAt + this.#retentionDays * DAY);
		this.#live.delete(live.code);
		reclaim(this.#db);
	}

	/** Deletes sessions older than the retention period; returns their codes. */
	sweep(): string[] {
		const before = this.#now() - this.#retentionDays * DAY;
		const expired = this.store.expiredSessions(before);
		for (const row of expired) {
			this.#live.get(row.code)?.closeAll();
			this.#live.delete(row.code);
			// Its retention is over already: the code is free again.
			this.store.deleteSession(row.id, row.code, 0);
		}
		this.store.forgetUsedCodes(this.#now());
		reclaim(this.#db);
		for (const [code, live] of this.#live) {
			if (live.streams.size === 0 && Date.now() - live.lastActive > IDLE_MS) this.#live.delete(code);
		}
		return expired.map((row) => row.code);
	}

	heartbeat() {
		for (const live of this.#live.values()) live.heartbeat();
	}

	closeAll() {
		for (const live of this.#live.values()) live.closeAll();
		this.#live.clear();
	}

	get liveCount(): number {
		return this.#live.size;
	}
}
