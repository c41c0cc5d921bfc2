import { reclaim, type Db } from './db';
import type { Decision } from '$lib/session/commands';
import type { SessionEvent, StoredEvent } from '$lib/session/types';
import type { GroupCommit } from './group';
import type { Gate } from './live';
import { hashSecret } from './keys';

export interface SessionRow {
	id: number;
	code: string;
	created_at: number;
}

export type Refusal = Extract<Decision, { ok: false }>;

/** What a write adds to the log, planned on the session's state as it is at the moment of writing. */
export interface Plan {
	ok: true;
	events: SessionEvent[];
	/** A new device's number: its token (`Write.token`) is stored in the same transaction. */
	device?: number;
	/** A removed device: its token, proposals, votes and answers leave the log in the same transaction. */
	purge?: { device: number; proposalIds: string[] };
}

/**
 * One write to a session's log. The store calls `plan` on the state as it stands once every event
 * before it is known (on PostgreSQL, after `catchUp` folded in what other instances wrote), stores the
 * planned events after `seq()`, and calls `applied` with them as stored, before the next write of the
 * session plans. `key` makes the write happen once: a second write with the same key plans nothing and
 * answers with the first one's events (`replayed`).
 */
export interface Write {
	sessionId: number;
	/** When, on the service's clock. */
	at: number;
	seq(): number;
	catchUp(events: StoredEvent[]): void;
	plan(): Plan | Refusal;
	applied(events: StoredEvent[]): void;
	/** The idempotency scope: a hash of the session, who sent it and the client's key. */
	key?: Buffer;
	/** A join's fresh device token (hashed): stored for the planned device, or for the replayed one. */
	token?: Buffer;
}

export type Written = { ok: true; events: StoredEvent[]; replayed: boolean; device?: number } | Refusal;

/**
 * Where sessions are kept: the event log, the keys and tokens (hashed), the codes in use. Two
 * implementations: SQLite in DATA_DIR (one process, the default) and PostgreSQL (store-pg.ts, several
 * instances). A write answers once it is durable.
 */
export interface SessionStore {
	/** Whether several instances share this store (PostgreSQL): memory must then be kept up to date. */
	readonly shared: boolean;
	/** Creates a session with its first event; null when the code is taken, also by a deleted session whose retention has not run out. */
	createSession(code: string, hostKeyHash: Buffer, at: number, first: SessionEvent): Promise<SessionRow | null>;
	findSession(code: string): Promise<SessionRow | undefined>;
	/** The session's events after `after`, in order. */
	loadEvents(sessionId: number, after?: number): Promise<StoredEvent[]>;
	write(write: Write): Promise<Written>;
	/** Folds in what other instances appended after `seq()` (nothing to do for a store of one process). */
	sync(sessionId: number, seq: () => number, catchUp: (events: StoredEvent[]) => void): Promise<void>;
	/** Resolves once every write this process made so far is durable. */
	committed(): Promise<void>;
	/** What the session's streams wait for while its writes are in memory but not yet committed. */
	gate(sessionId: number): Gate | null;
	/** The session left this process's memory. */
	release(sessionId: number): void;
	isHostKey(sessionId: number, keyHash: Buffer): Promise<boolean>;
	deviceFor(sessionId: number, tokenHash: Buffer): Promise<number | null>;
	setRecovery(sessionId: number, hash: Buffer | null, at: number | null): Promise<void>;
	/** Uses up a recovery token made at or after `notBefore`; the new host key replaces every older one. */
	takeRecovery(code: string, hash: Buffer, notBefore: number, newKeyHash: Buffer): Promise<number | null>;
	revokeHostKey(sessionId: number, keyHash: Buffer): Promise<void>;
	setRemote(sessionId: number, hash: Buffer, at: number): Promise<void>;
	/** Spends a remote token made at or after `notBefore`: an extra host key marked as a remote's. */
	takeRemote(code: string, hash: Buffer, notBefore: number, newKeyHash: Buffer): Promise<number | null>;
	/** Every remote's key and any unused remote token stop working. */
	revokeRemotes(sessionId: number): Promise<void>;
	/** Deletes a session; its code stays taken (as a hash) until `keepCodeUntil`. */
	deleteSession(sessionId: number, code: string, keepCodeUntil: number): Promise<void>;
	expiredSessions(before: number): Promise<SessionRow[]>;
	/** Forgets used codes and idempotency keys that ran out, and gives freed space back. */
	tidy(now: number, keysBefore: number): Promise<void>;
	/** Tells other instances that host keys changed (`close`: their consoles must sign in again). */
	keysChanged(sessionId: number, close: boolean): Promise<void>;
	close(): Promise<void>;
}

export function parseEvent(row: { seq: number; at: number; data: string }): StoredEvent {
	return { ...(JSON.parse(row.data) as SessionEvent), seq: row.seq, at: row.at } as StoredEvent;
}

/**
 * The event log in SQLite, one process. Every method runs synchronously: a write joins the turn's group
 * commit (see group.ts) and answers once that has committed; every other write first commits the open
 * group and then commits on its own.
 */
export class SqliteSessionStore implements SessionStore {
	readonly shared = false;
	readonly #db: Db;
	readonly #statements;
	readonly group: GroupCommit | null;

	constructor(db: Db, group: GroupCommit | null = null) {
		this.#db = db;
		this.group = group;
		this.#statements = {
			insertSession: db.prepare<[string, number]>('INSERT INTO sessions (code, created_at) VALUES (?, ?)'),
			findSession: db.prepare<[string], SessionRow>('SELECT id, code, created_at FROM sessions WHERE code = ?'),
			insertEvent: db.prepare<[number, number, number, string, string]>(
				'INSERT INTO events (session_id, seq, at, type, data) VALUES (?, ?, ?, ?, ?)'
			),
			events: db.prepare<[number, number], { seq: number; at: number; data: string }>(
				'SELECT seq, at, data FROM events WHERE session_id = ? AND seq > ? ORDER BY seq'
			),
			eventRange: db.prepare<[number, number, number], { seq: number; at: number; data: string }>(
				'SELECT seq, at, data FROM events WHERE session_id = ? AND seq >= ? AND seq < ? ORDER BY seq'
			),
			insertHostKey: db.prepare<[number, Buffer]>('INSERT OR IGNORE INTO host_keys (session_id, key_hash) VALUES (?, ?)'),
			hostKey: db.prepare<[number, Buffer], { one: number }>('SELECT 1 AS one FROM host_keys WHERE session_id = ? AND key_hash = ?'),
			setRecovery: db.prepare<[Buffer | null, number | null, number]>(
				'UPDATE sessions SET recovery_hash = ?, recovery_at = ? WHERE id = ?'
			),
			takeRecovery: db.prepare<[string, Buffer, number], { id: number }>(
				'UPDATE sessions SET recovery_hash = NULL, recovery_at = NULL WHERE code = ? AND recovery_hash = ? AND recovery_at >= ? RETURNING id'
			),
			deleteHostKey: db.prepare<[number, Buffer]>('DELETE FROM host_keys WHERE session_id = ? AND key_hash = ?'),
			deleteHostKeys: db.prepare<[number]>('DELETE FROM host_keys WHERE session_id = ?'),
			setRemote: db.prepare<[Buffer, number, number]>('UPDATE sessions SET remote_hash = ?, remote_at = ? WHERE id = ?'),
			takeRemote: db.prepare<[string, Buffer, number], { id: number }>(
				'UPDATE sessions SET remote_hash = NULL, remote_at = NULL WHERE code = ? AND remote_hash = ? AND remote_at >= ? RETURNING id'
			),
			addRemoteKey: db.prepare<[number, Buffer]>('INSERT OR IGNORE INTO host_keys (session_id, key_hash, remote) VALUES (?, ?, 1)'),
			clearRemote: db.prepare<[number]>('UPDATE sessions SET remote_hash = NULL, remote_at = NULL WHERE id = ?'),
			deleteRemoteKeys: db.prepare<[number]>('DELETE FROM host_keys WHERE session_id = ? AND remote = 1'),
			deleteDeviceTokens: db.prepare<[number, number]>('DELETE FROM devices WHERE session_id = ? AND device = ?'),
			purgeByDevice: db.prepare<[number, number]>(
				`DELETE FROM events WHERE session_id = ? AND type IN ('proposal.submitted', 'vote.cast', 'response.cast', 'device.muted', 'device.unmuted')
				AND json_extract(data, '$.device') = ?`
			),
			purgeByProposal: db.prepare<[number, string]>(
				`DELETE FROM events WHERE session_id = ? AND type IN ('proposal.approved', 'proposal.hidden', 'proposal.edited', 'proposal.merged')
				AND json_extract(data, '$.id') = ?`
			),
			codeUsed: db.prepare<[Buffer, number], { one: number }>('SELECT 1 AS one FROM used_codes WHERE code_hash = ? AND until > ?'),
			useCode: db.prepare<[Buffer, number]>('INSERT OR REPLACE INTO used_codes (code_hash, until) VALUES (?, ?)'),
			forgetCodes: db.prepare<[number]>('DELETE FROM used_codes WHERE until <= ?'),
			device: db.prepare<[number, Buffer], { device: number }>('SELECT device FROM devices WHERE session_id = ? AND token_hash = ?'),
			insertDevice: db.prepare<[number, Buffer, number]>('INSERT INTO devices (session_id, token_hash, device) VALUES (?, ?, ?)'),
			deleteSession: db.prepare<[number]>('DELETE FROM sessions WHERE id = ?'),
			expired: db.prepare<[number], SessionRow>('SELECT id, code, created_at FROM sessions WHERE created_at < ?'),
			idempotent: db.prepare<[Buffer], { first_seq: number; count: number; device: number | null }>(
				'SELECT first_seq, count, device FROM idempotency WHERE scope = ?'
			),
			remember: db.prepare<[Buffer, number, number, number, number | null, number]>(
				'INSERT INTO idempotency (scope, session_id, first_seq, count, device, created_at) VALUES (?, ?, ?, ?, ?, ?)'
			),
			forgetKeys: db.prepare<[number]>('DELETE FROM idempotency WHERE created_at < ?')
		};
	}

	async createSession(code: string, hostKeyHash: Buffer, at: number, first: SessionEvent): Promise<SessionRow | null> {
		this.group?.commit();
		return this.#db.transaction(() => {
			if (this.#statements.findSession.get(code)) return null;
			if (this.#statements.codeUsed.get(hashSecret(code), at)) return null;
			const id = Number(this.#statements.insertSession.run(code, at).lastInsertRowid);
			this.#statements.insertHostKey.run(id, hostKeyHash);
			this.#statements.insertEvent.run(id, 1, at, first.type, JSON.stringify(first));
			return { id, code, created_at: at };
		})();
	}

	async findSession(code: string): Promise<SessionRow | undefined> {
		return this.#statements.findSession.get(code);
	}

	async loadEvents(sessionId: number, after = 0): Promise<StoredEvent[]> {
		return this.#statements.events.all(sessionId, after).map(parseEvent);
	}

	/**
	 * Plans, stores and applies in one synchronous step (nothing else can write in between), in the
	 * turn's group; answers once the group has committed.
	 */
	async write(write: Write): Promise<Written> {
		const written = this.#write(write);
		if (written.ok) await this.committed();
		return written;
	}

	#write(write: Write): Written {
		const { sessionId, key } = write;
		const earlier = key ? this.#statements.idempotent.get(key) : undefined;
		if (earlier) {
			const events = this.#statements.eventRange.all(sessionId, earlier.first_seq, earlier.first_seq + earlier.count).map(parseEvent);
			const device = earlier.device ?? undefined;
			if (write.token && device !== undefined) {
				this.group?.begin();
				this.#statements.insertDevice.run(sessionId, write.token, device);
			}
			return { ok: true, events, replayed: true, device };
		}
		const plan = write.plan();
		if (!plan.ok) return plan;
		if (plan.events.length === 0 && !key) return { ok: true, events: [], replayed: false };
		const at = write.at;
		const first = write.seq() + 1;
		this.group?.begin();
		const events = this.#db.transaction(() => {
			if (plan.device !== undefined && write.token) this.#statements.insertDevice.run(sessionId, write.token, plan.device);
			if (plan.purge) this.#purge(sessionId, plan.purge);
			if (key) this.#statements.remember.run(key, sessionId, first, plan.events.length, plan.device ?? null, at);
			return plan.events.map((event, index) => {
				const seq = first + index;
				this.#statements.insertEvent.run(sessionId, seq, at, event.type, JSON.stringify(event));
				return { ...event, seq, at } as StoredEvent;
			});
		})();
		if (plan.purge) this.reclaimSoon();
		write.applied(events);
		return { ok: true, events, replayed: false, device: plan.device };
	}

	#purge(sessionId: number, purge: NonNullable<Plan['purge']>) {
		this.#statements.deleteDeviceTokens.run(sessionId, purge.device);
		this.#statements.purgeByDevice.run(sessionId, purge.device);
		for (const id of purge.proposalIds) this.#statements.purgeByProposal.run(sessionId, id);
	}

	/** One process: memory is always up to date. */
	async sync() {}

	/** Every session waits for the turn's group commit. */
	gate(): Gate | null {
		return this.group;
	}

	release() {}

	committed(): Promise<void> {
		return this.group?.committed() ?? Promise.resolve();
	}

	async isHostKey(sessionId: number, keyHash: Buffer): Promise<boolean> {
		return this.#statements.hostKey.get(sessionId, keyHash) !== undefined;
	}

	async deviceFor(sessionId: number, tokenHash: Buffer): Promise<number | null> {
		return this.#statements.device.get(sessionId, tokenHash)?.device ?? null;
	}

	async setRecovery(sessionId: number, hash: Buffer | null, at: number | null) {
		this.group?.commit();
		this.#statements.setRecovery.run(hash, at, sessionId);
	}

	async takeRecovery(code: string, hash: Buffer, notBefore: number, newKeyHash: Buffer): Promise<number | null> {
		this.group?.commit();
		return this.#db.transaction(() => {
			const id = this.#statements.takeRecovery.get(code, hash, notBefore)?.id ?? null;
			if (id === null) return null;
			this.#statements.deleteHostKeys.run(id);
			this.#statements.insertHostKey.run(id, newKeyHash);
			return id;
		})();
	}

	async revokeHostKey(sessionId: number, keyHash: Buffer) {
		this.group?.commit();
		this.#statements.deleteHostKey.run(sessionId, keyHash);
	}

	async setRemote(sessionId: number, hash: Buffer, at: number) {
		this.group?.commit();
		this.#statements.setRemote.run(hash, at, sessionId);
	}

	async takeRemote(code: string, hash: Buffer, notBefore: number, newKeyHash: Buffer): Promise<number | null> {
		this.group?.commit();
		return this.#db.transaction(() => {
			const row = this.#statements.takeRemote.get(code, hash, notBefore);
			if (row) this.#statements.addRemoteKey.run(row.id, newKeyHash);
			return row?.id ?? null;
		})();
	}

	async revokeRemotes(sessionId: number) {
		this.group?.commit();
		this.#db.transaction(() => {
			this.#statements.deleteRemoteKeys.run(sessionId);
			this.#statements.clearRemote.run(sessionId);
		})();
	}

	async deleteSession(sessionId: number, code: string, keepCodeUntil: number) {
		this.group?.commit();
		this.#db.transaction(() => {
			this.#statements.useCode.run(hashSecret(code), keepCodeUntil);
			this.#statements.deleteSession.run(sessionId);
		})();
		reclaim(this.#db);
	}

	async expiredSessions(before: number): Promise<SessionRow[]> {
		return this.#statements.expired.all(before);
	}

	async tidy(now: number, keysBefore: number) {
		this.group?.commit();
		this.#statements.forgetCodes.run(now);
		this.#statements.forgetKeys.run(keysBefore);
		reclaim(this.#db);
	}

	/** One process: nobody else to tell. */
	async keysChanged() {}

	/** A removed device's rows are overwritten on disk once its write has committed. */
	reclaimSoon() {
		if (this.group) this.group.after(() => reclaim(this.#db));
		else reclaim(this.#db);
	}

	async close() {
		this.group?.commit();
		this.#db.close();
	}
}
