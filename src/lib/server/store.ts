import type { Db } from './db';
import type { SessionEvent, StoredEvent } from '$lib/session/types';

export interface SessionRow {
	id: number;
	code: string;
	created_at: number;
}

/**
 * The event log in SQLite. Every method is one statement or one transaction; a write returns only
 * after SQLite has committed it.
 */
export class EventStore {
	readonly #db: Db;
	readonly #statements;

	constructor(db: Db) {
		this.#db = db;
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
			setRecovery: db.prepare<[Buffer | null, number]>('UPDATE sessions SET recovery_hash = ? WHERE id = ?'),
			takeRecovery: db.prepare<[string, Buffer], { id: number }>(
				'UPDATE sessions SET recovery_hash = NULL WHERE code = ? AND recovery_hash = ? RETURNING id'
			),
			device: db.prepare<[number, Buffer], { device: number }>('SELECT device FROM devices WHERE session_id = ? AND token_hash = ?'),
			insertDevice: db.prepare<[number, Buffer, number]>('INSERT INTO devices (session_id, token_hash, device) VALUES (?, ?, ?)'),
			deleteSession: db.prepare<[number]>('DELETE FROM sessions WHERE id = ?'),
			expired: db.prepare<[number], SessionRow>('SELECT id, code, created_at FROM sessions WHERE created_at < ?')
		};
	}

	/** Creates a session with its first event; false when the code is taken. */
	createSession(code: string, hostKeyHash: Buffer, at: number, first: SessionEvent): SessionRow | null {
		return this.#db.transaction(() => {
			if (this.#statements.findSession.get(code)) return null;
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
		this.#statements.insertHostKey.run(sessionId, keyHash);
	}

	setRecovery(sessionId: number, hash: Buffer | null) {
		this.#statements.setRecovery.run(hash, sessionId);
	}

	/** Uses up a recovery token: returns the session id once, then never again. */
	takeRecovery(code: string, hash: Buffer): number | null {
		return this.#statements.takeRecovery.get(code, hash)?.id ?? null;
	}

	deviceFor(sessionId: number, tokenHash: Buffer): number | null {
		return this.#statements.device.get(sessionId, tokenHash)?.device ?? null;
	}

	addDevice(sessionId: number, tokenHash: Buffer, device: number) {
		this.#statements.insertDevice.run(sessionId, tokenHash, device);
	}

	deleteSession(sessionId: number) {
		this.#statements.deleteSession.run(sessionId);
	}

	expiredSessions(before: number): SessionRow[] {
		return this.#statements.expired.all(before);
	}
}
