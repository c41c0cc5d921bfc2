import type postgres from 'postgres';
import type { SessionEvent, StoredEvent } from '$lib/session/types';
import { hashSecret } from './keys';
import { CHANNEL, type Sql } from './pg';
import { parseEvent, type SessionRow, type SessionStore, type Write, type Written } from './store';

/** The advisory lock class of a session's writes (the second number is the session's id). */
const WRITE_LOCK = 7_342_002;

/** What another instance changed, from a notification on CHANNEL. */
export type Change =
	| { kind: 'events'; sessionId: number; seq: number }
	| { kind: 'keys'; sessionId: number; close: boolean }
	| { kind: 'deleted'; sessionId: number };

export interface ChangeListener {
	change(change: Change): void;
	/** LISTEN (re)connected: notifications may have been missed, so everything in memory must catch up. */
	resync(): void;
}

type EventRow = { seq: number; at: number; data: string };

/**
 * The event log in PostgreSQL, shared by several instances. A session's writes are serialised twice:
 * within this process by a queue per session, across instances by a transaction-scoped advisory lock.
 * Under that lock a write first reads what other instances appended since this process last looked,
 * then plans on the complete state, appends, and notifies every instance in the same transaction
 * (PostgreSQL delivers a NOTIFY at commit). A write answers after COMMIT: durable, and visible to every
 * instance's next read.
 */
export class PgSessionStore implements SessionStore {
	readonly shared = true;
	readonly #sql: Sql;
	/** Tells this instance's notifications from the others'. */
	readonly #instance = Math.random().toString(36).slice(2, 10);
	readonly #queues = new Map<number, Promise<unknown>>();
	#listening: { unlisten(): Promise<void> } | null = null;

	constructor(sql: Sql) {
		this.#sql = sql;
	}

	/** Starts listening for other instances' changes. */
	async listen(listener: ChangeListener) {
		this.#listening = await this.#sql.listen(
			CHANNEL,
			(payload) => {
				const [instance, session, kind, value] = payload.split(':');
				if (instance === this.#instance) return;
				const sessionId = Number(session);
				if (kind === 'e') listener.change({ kind: 'events', sessionId, seq: Number(value) });
				else if (kind === 'k') listener.change({ kind: 'keys', sessionId, close: value === '1' });
				else if (kind === 'd') listener.change({ kind: 'deleted', sessionId });
			},
			() => listener.resync()
		);
	}

	/** Runs `fn` after every earlier queued step of the same session in this process. */
	#serial<T>(sessionId: number, fn: () => Promise<T>): Promise<T> {
		const before = this.#queues.get(sessionId) ?? Promise.resolve();
		const result = before.then(fn, fn);
		const tail = result.catch(() => {});
		this.#queues.set(sessionId, tail);
		void tail.then(() => {
			if (this.#queues.get(sessionId) === tail) this.#queues.delete(sessionId);
		});
		return result;
	}

	#notify(sql: Sql | postgres.TransactionSql, sessionId: number, kind: string, value: string | number) {
		return sql`SELECT pg_notify(${CHANNEL}, ${`${this.#instance}:${sessionId}:${kind}:${value}`})`;
	}

	async createSession(code: string, hostKeyHash: Buffer, at: number, first: SessionEvent) {
		return this.#sql.begin(async (sql) => {
			const used = await sql`SELECT 1 FROM used_codes WHERE code_hash = ${hashSecret(code)} AND until > ${at}`;
			if (used.length > 0) return null;
			const [row] = await sql<SessionRow[]>`
				INSERT INTO sessions (code, created_at) VALUES (${code}, ${at})
				ON CONFLICT (code) DO NOTHING RETURNING id, code, created_at`;
			if (!row) return null;
			await sql`INSERT INTO host_keys (session_id, key_hash) VALUES (${row.id}, ${hostKeyHash})`;
			await sql`INSERT INTO events (session_id, seq, at, type, data) VALUES (${row.id}, 1, ${at}, ${first.type}, ${JSON.stringify(first)})`;
			return row;
		});
	}

	async findSession(code: string): Promise<SessionRow | undefined> {
		const [row] = await this.#sql<SessionRow[]>`SELECT id, code, created_at FROM sessions WHERE code = ${code}`;
		return row;
	}

	async loadEvents(sessionId: number, after = 0): Promise<StoredEvent[]> {
		const rows = await this.#sql<EventRow[]>`
			SELECT seq, at, data FROM events WHERE session_id = ${sessionId} AND seq > ${after} ORDER BY seq`;
		return rows.map(parseEvent);
	}

	/** Folds in whatever other instances appended after `seq()`, in this session's queue. */
	sync(sessionId: number, seq: () => number, catchUp: (events: StoredEvent[]) => void): Promise<void> {
		return this.#serial(sessionId, async () => {
			const events = await this.loadEvents(sessionId, seq());
			if (events.length > 0) catchUp(events);
		});
	}

	write(write: Write): Promise<Written> {
		return this.#serial(write.sessionId, async () => {
			const written = await this.#sql.begin(async (sql): Promise<Written> => {
				const { sessionId, key } = write;
				await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK}, ${sessionId}::int)`;
				const missed = await sql<EventRow[]>`
					SELECT seq, at, data FROM events WHERE session_id = ${sessionId} AND seq > ${write.seq()} ORDER BY seq`;
				if (missed.length > 0) write.catchUp(missed.map(parseEvent));
				if (key) {
					const [earlier] = await sql<{ first_seq: number; count: number; device: number | null }[]>`
						SELECT first_seq, count, device FROM idempotency WHERE scope = ${key}`;
					if (earlier) {
						const rows = await sql<EventRow[]>`
							SELECT seq, at, data FROM events WHERE session_id = ${sessionId}
							AND seq >= ${earlier.first_seq} AND seq < ${earlier.first_seq + earlier.count} ORDER BY seq`;
						const device = earlier.device ?? undefined;
						if (write.token && device !== undefined) {
							await sql`INSERT INTO devices (session_id, token_hash, device) VALUES (${sessionId}, ${write.token}, ${device})`;
						}
						return { ok: true, events: rows.map(parseEvent), replayed: true, device };
					}
				}
				const plan = write.plan();
				if (!plan.ok) return plan;
				if (plan.events.length === 0 && !key) return { ok: true, events: [], replayed: false };
				const first = write.seq() + 1;
				const at = write.at;
				if (plan.device !== undefined && write.token) {
					await sql`INSERT INTO devices (session_id, token_hash, device) VALUES (${sessionId}, ${write.token}, ${plan.device})`;
				}
				if (plan.purge) {
					const { device, proposalIds } = plan.purge;
					await sql`DELETE FROM devices WHERE session_id = ${sessionId} AND device = ${device}`;
					await sql`
						DELETE FROM events WHERE session_id = ${sessionId}
						AND type IN ('proposal.submitted', 'vote.cast', 'response.cast', 'device.muted', 'device.unmuted')
						AND (data::jsonb ->> 'device')::int = ${device}`;
					if (proposalIds.length > 0) {
						await sql`
							DELETE FROM events WHERE session_id = ${sessionId}
							AND type IN ('proposal.approved', 'proposal.hidden', 'proposal.edited', 'proposal.merged')
							AND (data::jsonb ->> 'id') = ANY(${proposalIds})`;
					}
				}
				if (key) {
					await sql`
						INSERT INTO idempotency (scope, session_id, first_seq, count, device, created_at)
						VALUES (${key}, ${sessionId}, ${first}, ${plan.events.length}, ${plan.device ?? null}, ${at})`;
				}
				const events = plan.events.map((event, index) => ({ ...event, seq: first + index, at }) as StoredEvent);
				if (events.length > 0) {
					const rows = events.map((event, index) => ({
						session_id: sessionId,
						seq: event.seq,
						at,
						type: event.type,
						data: JSON.stringify(plan.events[index])
					}));
					await sql`INSERT INTO events ${sql(rows, 'session_id', 'seq', 'at', 'type', 'data')}`;
					await this.#notify(sql, sessionId, 'e', events.at(-1)!.seq);
				}
				return { ok: true, events, replayed: false, device: plan.device };
			});
			if (written.ok && !written.replayed) write.applied(written.events);
			return written;
		});
	}

	/** Every write answers after its own COMMIT. */
	committed(): Promise<void> {
		return Promise.resolve();
	}

	async isHostKey(sessionId: number, keyHash: Buffer): Promise<boolean> {
		const rows = await this.#sql`SELECT 1 FROM host_keys WHERE session_id = ${sessionId} AND key_hash = ${keyHash}`;
		return rows.length > 0;
	}

	async deviceFor(sessionId: number, tokenHash: Buffer): Promise<number | null> {
		const [row] = await this.#sql<{ device: number }[]>`
			SELECT device FROM devices WHERE session_id = ${sessionId} AND token_hash = ${tokenHash}`;
		return row?.device ?? null;
	}

	async setRecovery(sessionId: number, hash: Buffer | null, at: number | null) {
		await this.#sql`UPDATE sessions SET recovery_hash = ${hash}, recovery_at = ${at} WHERE id = ${sessionId}`;
	}

	async takeRecovery(code: string, hash: Buffer, notBefore: number, newKeyHash: Buffer): Promise<number | null> {
		return this.#sql.begin(async (sql) => {
			const [row] = await sql<{ id: number }[]>`
				UPDATE sessions SET recovery_hash = NULL, recovery_at = NULL
				WHERE code = ${code} AND recovery_hash = ${hash} AND recovery_at >= ${notBefore} RETURNING id`;
			if (!row) return null;
			await sql`DELETE FROM host_keys WHERE session_id = ${row.id}`;
			await sql`INSERT INTO host_keys (session_id, key_hash) VALUES (${row.id}, ${newKeyHash})`;
			await this.#notify(sql, row.id, 'k', 1);
			return row.id;
		});
	}

	async revokeHostKey(sessionId: number, keyHash: Buffer) {
		await this.#sql`DELETE FROM host_keys WHERE session_id = ${sessionId} AND key_hash = ${keyHash}`;
		await this.keysChanged(sessionId, false);
	}

	async setRemote(sessionId: number, hash: Buffer, at: number) {
		await this.#sql`UPDATE sessions SET remote_hash = ${hash}, remote_at = ${at} WHERE id = ${sessionId}`;
	}

	async takeRemote(code: string, hash: Buffer, notBefore: number, newKeyHash: Buffer): Promise<number | null> {
		return this.#sql.begin(async (sql) => {
			const [row] = await sql<{ id: number }[]>`
				UPDATE sessions SET remote_hash = NULL, remote_at = NULL
				WHERE code = ${code} AND remote_hash = ${hash} AND remote_at >= ${notBefore} RETURNING id`;
			if (!row) return null;
			await sql`INSERT INTO host_keys (session_id, key_hash, remote) VALUES (${row.id}, ${newKeyHash}, TRUE) ON CONFLICT DO NOTHING`;
			return row.id;
		});
	}

	async revokeRemotes(sessionId: number) {
		await this.#sql.begin(async (sql) => {
			await sql`DELETE FROM host_keys WHERE session_id = ${sessionId} AND remote`;
			await sql`UPDATE sessions SET remote_hash = NULL, remote_at = NULL WHERE id = ${sessionId}`;
			await this.#notify(sql, sessionId, 'k', 1);
		});
	}

	async deleteSession(sessionId: number, code: string, keepCodeUntil: number) {
		await this.#sql.begin(async (sql) => {
			await sql`
				INSERT INTO used_codes (code_hash, until) VALUES (${hashSecret(code)}, ${keepCodeUntil})
				ON CONFLICT (code_hash) DO UPDATE SET until = EXCLUDED.until`;
			await sql`DELETE FROM sessions WHERE id = ${sessionId}`;
			await this.#notify(sql, sessionId, 'd', 0);
		});
	}

	async expiredSessions(before: number): Promise<SessionRow[]> {
		return this.#sql<SessionRow[]>`SELECT id, code, created_at FROM sessions WHERE created_at < ${before}`;
	}

	async tidy(now: number, keysBefore: number) {
		await this.#sql`DELETE FROM used_codes WHERE until <= ${now}`;
		await this.#sql`DELETE FROM idempotency WHERE created_at < ${keysBefore}`;
		// A limit's bucket untouched for a day is full again: its row says nothing any more.
		await this.#sql`DELETE FROM limits WHERE at < ${now - 24 * 60 * 60 * 1000}`;
	}

	async keysChanged(sessionId: number, close: boolean) {
		await this.#notify(this.#sql, sessionId, 'k', close ? 1 : 0);
	}

	/**
	 * A token bucket shared by every instance: one statement refills it for the time passed and takes a
	 * token, or changes nothing and returns no row when none is left.
	 */
	async take(key: string, capacity: number, perSecond: number, now: number): Promise<boolean> {
		const rows = await this.#sql`
			INSERT INTO limits AS bucket (key, tokens, at) VALUES (${key}, ${capacity - 1}, ${now})
			ON CONFLICT (key) DO UPDATE
			SET tokens = LEAST(${capacity}::float8, bucket.tokens + GREATEST(0, ${now} - bucket.at) / 1000.0 * ${perSecond}) - 1,
				at = GREATEST(bucket.at, ${now})
			WHERE LEAST(${capacity}::float8, bucket.tokens + GREATEST(0, ${now} - bucket.at) / 1000.0 * ${perSecond}) >= 1
			RETURNING tokens`;
		return rows.length > 0;
	}

	/** Whether PostgreSQL answers. */
	async ready(): Promise<boolean> {
		try {
			await this.#sql`SELECT 1`;
			return true;
		} catch {
			return false;
		}
	}

	async close() {
		await this.#listening?.unlisten().catch(() => {});
		await this.#sql.end({ timeout: 5 });
	}
}
