import type { Db } from './db';
import type { SessionEvent, StoredEvent } from '$lib/session/types';
import type { GroupCommit } from './group';
import { hashSecret } from './keys';

export interface SessionRow {
	id: number;
	code: string;
	created_at: number;
}

/**
 * The event log in SQLite. Every method is one statement or one transaction. With a group commit,
 * `append` joins the turn's transaction (its writer waits for `group.committed()` before it answers);
 * every other write first commits the open group and then commits on its own, before it returns.
 */
export class EventStore {
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
			events: db.prepare<[number], { seq: number; at: number; data: string }>(
				'SELECT seq, at, data FROM events WHERE session_id = ? ORDER BY seq'
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
			expired: db.prepare<[number], SessionRow>('SELECT id, code, created_at FROM sessions WHERE created_at < ?')
		};
	}

	/**
	 * Creates a session with its first event; null when the code is taken, also by a deleted session
	 * whose retention has not run out.
	 */
	createSession(code: string, hostKeyHash: Buffer, at: number, first: SessionEvent): SessionRow | null {
		this.group?.commit();
		return this.#db.transaction(() => {
			if (this.#statements.findSession.get(code)) return null;
			if (this.#statements.codeUsed.get(hashSecret(code), at)) return null;
			const id = Number(this.#statements.insertSession.run(code, at).lastInsertRowid);
			this.#statements.insertHostKey.run(id, hostKeyHash);
			this.#insert(id, 1, at, first);
			return { id, code, created_at: at };
		})();
	}

	findSession(code: string): SessionRow | undefined {
		return this.#statements.findSession.get(code);
	}

	loadEvents(sessionId: number): StoredEvent[] {
		return this.#statements.events
			.all(sessionId)
			.map((row) => ({ ...(JSON.parse(row.data) as SessionEvent), seq: row.seq, at: row.at }) as StoredEvent);
	}

	/**
	 * Appends events after `lastSeq` in one transaction, with an optional extra write (a new device's
	 * token) in the same transaction.
	 */
	append(sessionId: number, lastSeq: number, events: SessionEvent[], at: number, extra?: () => void): StoredEvent[] {
		this.group?.begin();
		return this.#db.transaction(() => {
			extra?.();
			return events.map((event, index) => {
				const seq = lastSeq + index + 1;
				this.#insert(sessionId, seq, at, event);
				return { ...event, seq, at } as StoredEvent;
			});
		})();
	}

	#insert(sessionId: number, seq: number, at: number, event: SessionEvent) {
		this.#statements.insertEvent.run(sessionId, seq, at, event.type, JSON.stringify(event));
	}

	isHostKey(sessionId: number, keyHash: Buffer): boolean {
		return this.#statements.hostKey.get(sessionId, keyHash) !== undefined;
	}

	addHostKey(sessionId: number, keyHash: Buffer) {
		this.group?.commit();
		this.#statements.insertHostKey.run(sessionId, keyHash);
	}

	/** Makes a recovery link, or none; `at` is when it was made. */
	setRecovery(sessionId: number, hash: Buffer | null, at: number | null) {
		this.group?.commit();
		this.#statements.setRecovery.run(hash, at, sessionId);
	}

	/**
	 * Uses up a recovery token made at or after `notBefore`: the session id once, then never again. The
	 * new host key replaces every older one, in the same transaction.
	 */
	takeRecovery(code: string, hash: Buffer, notBefore: number, newKeyHash: Buffer): number | null {
		this.group?.commit();
		return this.#db.transaction(() => {
			const id = this.#statements.takeRecovery.get(code, hash, notBefore)?.id ?? null;
			if (id === null) return null;
			this.#statements.deleteHostKeys.run(id);
			this.#statements.insertHostKey.run(id, newKeyHash);
			return id;
		})();
	}

	/** Signs a host key out: it no longer opens the session. */
	revokeHostKey(sessionId: number, keyHash: Buffer) {
		this.group?.commit();
		this.#statements.deleteHostKey.run(sessionId, keyHash);
	}

	/**
	 * Takes a removed device out of the log: its token, its proposals with everything done to them, its
	 * votes and answers. The `device.removed` event stays, so a replay gives the same state.
	 */
	purgeDevice(sessionId: number, device: number, proposalIds: string[]) {
		this.#statements.deleteDeviceTokens.run(sessionId, device);
		this.#statements.purgeByDevice.run(sessionId, device);
		for (const id of proposalIds) this.#statements.purgeByProposal.run(sessionId, id);
	}

	deviceFor(sessionId: number, tokenHash: Buffer): number | null {
		return this.#statements.device.get(sessionId, tokenHash)?.device ?? null;
	}

	addDevice(sessionId: number, tokenHash: Buffer, device: number) {
		this.#statements.insertDevice.run(sessionId, tokenHash, device);
	}

	/** Deletes a session; its code stays taken (as a hash) until `keepCodeUntil`. */
	deleteSession(sessionId: number, code: string, keepCodeUntil: number) {
		this.group?.commit();
		this.#db.transaction(() => {
			this.#statements.useCode.run(hashSecret(code), keepCodeUntil);
			this.#statements.deleteSession.run(sessionId);
		})();
	}

	forgetUsedCodes(now: number) {
		this.group?.commit();
		this.#statements.forgetCodes.run(now);
	}

	expiredSessions(before: number): SessionRow[] {
		return this.#statements.expired.all(before);
	}
}
