import type postgres from 'postgres';
import type { SessionEvent, StoredEvent } from '$lib/session/types';
import { hashSecret } from './keys';
import { CHANNEL, type Sql } from './pg';
import type { Gate } from './live';
import { parseEvent, type SessionRow, type SessionStore, type Write, type Written } from './store';

/** The advisory lock class of a session's writes (the second number is the session's id). */
const WRITE_LOCK = 7_342_002;

/** Error codes of a PostgreSQL that cannot be reached, or is shutting down or starting up. */
const UNREACHABLE = new Set([
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT',
	'ECONNREFUSED',
	'ECONNRESET'
]);

/** Whether an error means the database is out of reach for now (a write may be sent again later). */
export function databaseUnavailable(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code !== 'string') return false;
	return UNREACHABLE.has(code) || code.startsWith('08') || code.startsWith('57P');
}

/** What another instance changed, from a notification on CHANNEL. */
export type Change =
	/** `events`: the events themselves when they fit in the notification (then no query is needed). */
	| { kind: 'events'; sessionId: number; seq: number; events?: StoredEvent[] }
	| { kind: 'keys'; sessionId: number; close: boolean }
	| { kind: 'deleted'; sessionId: number };

export interface ChangeListener {
	change(change: Change): void;
	/** LISTEN (re)connected: notifications may have been missed, so everything in memory must catch up. */
	resync(): void;
	/** A batch of the session's writes failed after it was applied in memory: fold the session again. */
	failed(sessionId: number): void;
}

type EventRow = { seq: number; at: number; data: string };
type EventInsert = { session_id: number; seq: number; at: number; type: string; data: string };
type DeviceInsert = { session_id: number; token_hash: Buffer; device: number };
type KeyInsert = { scope: Buffer; session_id: number; first_seq: number; count: number; device: number | null; created_at: number };

type WriteItem = { kind: 'write'; write: Write; resolve: (written: Written) => void; reject: (error: unknown) => void };
type SyncItem = {
	kind: 'sync';
	/** A notification's catch-up: the seq it must reach, and the events if they came with it. */
	upTo?: number;
	events?: StoredEvent[];
	seq: () => number;
	catchUp: (events: StoredEvent[]) => void;
	resolve: () => void;
	reject: (error: unknown) => void;
};
type Item = WriteItem | SyncItem;

/** A session's queue in this process, and the gate its streams wait at while a batch is in flight. */
interface Lane {
	queue: Item[];
	running: boolean;
	gate: BatchGate;
}

/** NOTIFY carries at most 8000 bytes; events that fit go with it, larger batches are read from the log. */
const NOTIFY_EVENTS_MAX = 7000;

function withEvents(seq: number, events: StoredEvent[]): string {
	const json = JSON.stringify(events);
	return json.length <= NOTIFY_EVENTS_MAX ? `${seq}:${json}` : String(seq);
}

/** At most this many writes of one session go in one transaction. */
const MAX_BATCH = 256;

/**
 * Open while a batch of the session's writes is in flight: its events are in memory already, so
 * nothing goes out on a stream until the batch commits (see LiveSession). A failed batch runs nothing:
 * the session is folded again from the log.
 */
class BatchGate implements Gate {
	#open = false;
	#after: Array<() => void> = [];

	get open(): boolean {
		return this.#open;
	}

	after(fn: () => void) {
		if (this.#open) this.#after.push(fn);
		else fn();
	}

	begin() {
		this.#open = true;
	}

	end(committed: boolean) {
		this.#open = false;
		const after = this.#after;
		this.#after = [];
		if (committed) for (const fn of after) fn();
	}
}

/**
 * The event log in PostgreSQL, shared by several instances. A session's writes are serialised twice:
 * within this process by a lane per session (the writes that queue up while one transaction is in
 * flight go together in the next), across instances by a transaction-scoped advisory lock. Under that
 * lock a batch first reads what other instances appended since this process last looked, then plans
 * each write on the complete state, appends, and notifies every instance in the same transaction
 * (PostgreSQL delivers a NOTIFY at commit). A write answers after COMMIT: durable, and visible to every
 * instance's next read.
 */
export class PgSessionStore implements SessionStore {
	readonly shared = true;
	readonly #sql: Sql;
	/** Tells this instance's notifications from the others'. */
	readonly #instance = Math.random().toString(36).slice(2, 10);
	readonly #lanes = new Map<number, Lane>();
	#listening: { unlisten(): Promise<void> } | null = null;
	#listener: ChangeListener | null = null;
	/** Transactions of writes committed, and the writes in them: for the benchmark and tests. */
	readonly stats = { batches: 0, writes: 0, catchUpReads: 0 };

	constructor(sql: Sql) {
		this.#sql = sql;
	}

	/** Starts listening for other instances' changes. */
	async listen(listener: ChangeListener) {
		this.#listener = listener;
		this.#listening = await this.#sql.listen(
			CHANNEL,
			(payload) => {
				const [instance, session, kind, value] = payload.split(':', 4);
				if (instance === this.#instance) return;
				const sessionId = Number(session);
				if (kind === 'e') {
					// "instance:session:e:seq" or "instance:session:e:seq:[events]"
					const rest = payload.slice(instance!.length + session!.length + value!.length + 4);
					const events = rest.startsWith(':') ? (JSON.parse(rest.slice(1)) as StoredEvent[]) : undefined;
					listener.change({ kind: 'events', sessionId, seq: Number(value), events });
				} else if (kind === 'k') listener.change({ kind: 'keys', sessionId, close: value === '1' });
				else if (kind === 'd') listener.change({ kind: 'deleted', sessionId });
			},
			() => listener.resync()
		);
	}

	/** The session's lane: its queue of writes and catch-ups, and the gate of its streams. */
	#lane(sessionId: number): Lane {
		let lane = this.#lanes.get(sessionId);
		if (!lane) {
			lane = { queue: [], running: false, gate: new BatchGate() };
			this.#lanes.set(sessionId, lane);
		}
		return lane;
	}

	/** What a session's streams wait for: its batch in flight (see `write`). */
	gate(sessionId: number): Gate {
		return this.#lane(sessionId).gate;
	}

	/** The session left this instance's memory: its lane goes too, once idle. */
	release(sessionId: number) {
		const lane = this.#lanes.get(sessionId);
		if (lane && !lane.running && lane.queue.length === 0) this.#lanes.delete(sessionId);
	}

	#enqueue(sessionId: number, item: Item) {
		const lane = this.#lane(sessionId);
		lane.queue.push(item);
		if (!lane.running) void this.#drain(sessionId, lane);
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

	/**
	 * Folds in whatever other instances appended after `seq()`, after this session's writes in flight.
	 * `known` (from a notification): the seq to reach and the events, when they came with it; a read
	 * without it always asks the database (read-your-writes).
	 */
	sync(
		sessionId: number,
		seq: () => number,
		catchUp: (events: StoredEvent[]) => void,
		known?: { upTo: number; events?: StoredEvent[] }
	): Promise<void> {
		return new Promise((resolve, reject) => this.#enqueue(sessionId, { kind: 'sync', seq, catchUp, resolve, reject, ...known }));
	}

	/** The events after `from` that the notifications of these catch-ups carried, if they reach every `upTo`. */
	#carried(items: Item[], from: number): StoredEvent[] | null {
		let upTo = from;
		const events = new Map<number, StoredEvent>();
		for (const item of items) {
			if (item.kind !== 'sync' || item.upTo === undefined || !item.events) return null;
			upTo = Math.max(upTo, item.upTo);
			for (const event of item.events) if (event.seq > from) events.set(event.seq, event);
		}
		const run: StoredEvent[] = [];
		for (let seq = from + 1; seq <= upTo; seq++) {
			const event = events.get(seq);
			if (!event) return null;
			run.push(event);
		}
		return run;
	}

	/**
	 * Queues the write in its session's lane. While a transaction of the session is in flight, the
	 * writes that arrive wait and then go together in the next one (group commit per session): one
	 * lock, one catch-up, one insert of every event, one NOTIFY and one COMMIT for the lot.
	 */
	write(write: Write): Promise<Written> {
		return new Promise((resolve, reject) => this.#enqueue(write.sessionId, { kind: 'write', write, resolve, reject }));
	}

	async #drain(sessionId: number, lane: Lane) {
		lane.running = true;
		try {
			while (lane.queue.length > 0) {
				const items = lane.queue.splice(0, MAX_BATCH);
				const first = items.find((item) => item.kind === 'write') ?? items[0]!;
				if (first.kind === 'sync') {
					// Only readers waiting: a catch-up needs no lock and no transaction, and no query at all
					// when the notifications carried the events.
					try {
						const from = first.seq();
						const events = this.#carried(items, from) ?? (this.stats.catchUpReads++, await this.loadEvents(sessionId, from));
						if (events.length > 0) first.catchUp(events);
						for (const item of items) (item as SyncItem).resolve();
					} catch (error) {
						for (const item of items) item.reject(error);
					}
					continue;
				}
				lane.gate.begin();
				let results: Array<Written | undefined>;
				const progress = { applied: false };
				try {
					results = await this.#sql.begin((sql) => this.#batch(sql, sessionId, first.write, items, progress));
				} catch (error) {
					lane.gate.end(false);
					// Memory went ahead of the log: this instance must fold the session again.
					if (progress.applied) this.#listener?.failed(sessionId);
					for (const item of items) item.reject(error);
					continue;
				}
				this.stats.batches++;
				this.stats.writes += items.filter((item) => item.kind === 'write').length;
				lane.gate.end(true);
				items.forEach((item, index) => {
					if (item.kind === 'write') item.resolve(results[index]!);
					else item.resolve();
				});
			}
		} finally {
			lane.running = false;
		}
	}

	/**
	 * One transaction for a batch: under the session's lock, fold in what other instances appended,
	 * then plan each write on the state the one before left (applying its events at once; the session's
	 * streams wait for the commit), and store them all.
	 */
	async #batch(
		sql: postgres.TransactionSql,
		sessionId: number,
		head: Write,
		items: Item[],
		progress: { applied: boolean }
	): Promise<Array<Written | undefined>> {
		// Sent together: the catch-up runs once the lock is granted, and (read committed) sees everything
		// committed before that.
		const [, missed] = await Promise.all([
			sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK}, ${sessionId}::int)`,
			sql<EventRow[]>`SELECT seq, at, data FROM events WHERE session_id = ${sessionId} AND seq > ${head.seq()} ORDER BY seq`
		]);
		if (missed.length > 0) head.catchUp(missed.map(parseEvent));
		const pending = { events: [] as EventInsert[], devices: [] as DeviceInsert[], keys: [] as KeyInsert[] };
		// The inserts (and the NOTIFY) go out together on the transaction's connection: one round trip.
		const flush = async (...more: Array<Promise<unknown>>) => {
			const statements: Array<Promise<unknown>> = [];
			if (pending.devices.length > 0)
				statements.push(sql`INSERT INTO devices ${sql(pending.devices, 'session_id', 'token_hash', 'device')}`);
			if (pending.events.length > 0)
				statements.push(sql`INSERT INTO events ${sql(pending.events, 'session_id', 'seq', 'at', 'type', 'data')}`);
			if (pending.keys.length > 0) {
				statements.push(
					sql`INSERT INTO idempotency ${sql(pending.keys, 'scope', 'session_id', 'first_seq', 'count', 'device', 'created_at')}`
				);
			}
			pending.devices = [];
			pending.events = [];
			pending.keys = [];
			await Promise.all([...statements, ...more]);
		};
		const planned = new Map<string, Written & { ok: true }>();
		let lastSeq = 0;
		const results: Array<Written | undefined> = [];
		for (const item of items) {
			if (item.kind === 'sync') {
				results.push(undefined);
				continue;
			}
			const { write } = item;
			const key = write.key;
			if (key) {
				const earlier = planned.get(key.toString('hex')) ?? (await this.#remembered(sql, sessionId, key));
				if (earlier) {
					if (write.token && earlier.device !== undefined) {
						pending.devices.push({ session_id: sessionId, token_hash: write.token, device: earlier.device });
					}
					results.push({ ...earlier, replayed: true });
					continue;
				}
			}
			const plan = write.plan();
			if (!plan.ok) {
				results.push(plan);
				continue;
			}
			if (plan.events.length === 0 && !key) {
				results.push({ ok: true, events: [], replayed: false });
				continue;
			}
			const first = write.seq() + 1;
			if (plan.device !== undefined && write.token) {
				pending.devices.push({ session_id: sessionId, token_hash: write.token, device: plan.device });
			}
			if (plan.purge) {
				await flush();
				await this.#purge(sql, sessionId, plan.purge);
			}
			const events = plan.events.map((event, index) => ({ ...event, seq: first + index, at: write.at }) as StoredEvent);
			plan.events.forEach((event, index) => {
				pending.events.push({ session_id: sessionId, seq: first + index, at: write.at, type: event.type, data: JSON.stringify(event) });
			});
			if (events.length > 0) lastSeq = events.at(-1)!.seq;
			const written = { ok: true as const, events, replayed: false, device: plan.device };
			if (key) {
				pending.keys.push({
					scope: key,
					session_id: sessionId,
					first_seq: first,
					count: events.length,
					device: plan.device ?? null,
					created_at: write.at
				});
				planned.set(key.toString('hex'), written);
			}
			progress.applied = true;
			write.applied(events);
			results.push(written);
		}
		const appended = results.flatMap((result, index) => {
			const item = items[index]!;
			return result?.ok && !result.replayed && item.kind === 'write' ? result.events : [];
		});
		await flush(...(lastSeq > 0 ? [this.#notify(sql, sessionId, 'e', withEvents(lastSeq, appended))] : []));
		return results;
	}

	/** The answer of an earlier write with this idempotency key: its events, as stored. */
	async #remembered(sql: postgres.TransactionSql, sessionId: number, key: Buffer): Promise<(Written & { ok: true }) | undefined> {
		const [earlier] = await sql<{ first_seq: number; count: number; device: number | null }[]>`
			SELECT first_seq, count, device FROM idempotency WHERE scope = ${key}`;
		if (!earlier) return undefined;
		const rows = await sql<EventRow[]>`
			SELECT seq, at, data FROM events WHERE session_id = ${sessionId}
			AND seq >= ${earlier.first_seq} AND seq < ${earlier.first_seq + earlier.count} ORDER BY seq`;
		return { ok: true, events: rows.map(parseEvent), replayed: true, device: earlier.device ?? undefined };
	}

	async #purge(sql: postgres.TransactionSql, sessionId: number, { device, proposalIds }: { device: number; proposalIds: string[] }) {
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
