import postgres from 'postgres';

export type Sql = postgres.Sql;

/** The channel every instance listens on: a change to a session (see PgSessionStore). */
export const CHANNEL = 'klasakkoord';

/**
 * The PostgreSQL schema, in order; `klasakkoord_schema` records how many steps ran. Append new steps,
 * never edit old ones. Mirrors the SQLite schema (db.ts) plus what several instances share: the
 * idempotency keys and the rate limits per session and per device.
 */
const MIGRATIONS: string[] = [
	`CREATE TABLE sessions (
		id BIGSERIAL PRIMARY KEY,
		code TEXT NOT NULL UNIQUE,
		created_at BIGINT NOT NULL,
		recovery_hash BYTEA,
		recovery_at BIGINT,
		remote_hash BYTEA,
		remote_at BIGINT
	);
	CREATE INDEX sessions_created_at ON sessions (created_at);
	CREATE TABLE host_keys (
		session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		key_hash BYTEA NOT NULL,
		remote BOOLEAN NOT NULL DEFAULT FALSE,
		PRIMARY KEY (session_id, key_hash)
	);
	CREATE TABLE devices (
		session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		token_hash BYTEA NOT NULL,
		device INTEGER NOT NULL,
		PRIMARY KEY (session_id, token_hash)
	);
	CREATE TABLE events (
		session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		seq INTEGER NOT NULL,
		at BIGINT NOT NULL,
		type TEXT NOT NULL,
		data TEXT NOT NULL,
		PRIMARY KEY (session_id, seq)
	);
	CREATE TABLE used_codes (
		code_hash BYTEA PRIMARY KEY,
		until BIGINT NOT NULL
	);
	CREATE TABLE idempotency (
		scope BYTEA PRIMARY KEY,
		session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		first_seq INTEGER NOT NULL,
		count INTEGER NOT NULL,
		device INTEGER,
		created_at BIGINT NOT NULL
	);
	CREATE INDEX idempotency_created_at ON idempotency (created_at);
	-- Flood-control buckets: unlogged (no WAL, so taking a token costs no disk flush); a crash of
	-- PostgreSQL empties them, which only makes every bucket full again.
	CREATE UNLOGGED TABLE limits (
		key TEXT PRIMARY KEY,
		tokens DOUBLE PRECISION NOT NULL,
		at BIGINT NOT NULL
	);
	CREATE TABLE charters (
		id BIGSERIAL PRIMARY KEY,
		slug TEXT NOT NULL UNIQUE,
		read_token TEXT NOT NULL UNIQUE,
		class_name TEXT NOT NULL,
		school_year TEXT NOT NULL,
		lang TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		updated_at BIGINT NOT NULL,
		recovery_hash BYTEA,
		recovery_at BIGINT
	);
	CREATE INDEX charters_updated_at ON charters (updated_at);
	CREATE TABLE charter_keys (
		charter_id BIGINT NOT NULL REFERENCES charters (id) ON DELETE CASCADE,
		key_hash BYTEA NOT NULL,
		PRIMARY KEY (charter_id, key_hash)
	);
	CREATE TABLE charter_versions (
		charter_id BIGINT NOT NULL REFERENCES charters (id) ON DELETE CASCADE,
		version INTEGER NOT NULL,
		saved_at BIGINT NOT NULL,
		agreed_on TEXT NOT NULL,
		review_on TEXT NOT NULL,
		rules TEXT NOT NULL,
		PRIMARY KEY (charter_id, version)
	);`
];

/** Any fixed number: the advisory lock that lets one starting instance migrate while others wait. */
const MIGRATE_LOCK = 7_342_001;

/**
 * Connects to `DATABASE_URL`. Numbers come back as numbers (every BIGINT here is a millisecond time
 * or an id, well within 2^53). `max` bounds this instance's connections; LISTEN takes one more.
 */
export function connect(url: string, max = 10): Sql {
	return postgres(url, {
		max,
		onnotice: () => {},
		types: { bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) } },
		connection: { application_name: 'klasakkoord' }
	});
}

/**
 * Brings the schema up to date. Safe when several instances start at once against an empty database:
 * each takes the same transaction-scoped advisory lock, so one migrates while the others wait, then
 * find nothing left to do.
 */
export async function migrate(sql: Sql): Promise<number> {
	return sql.begin(async (tx) => {
		await tx`SELECT pg_advisory_xact_lock(${MIGRATE_LOCK})`;
		await tx`CREATE TABLE IF NOT EXISTS klasakkoord_schema (version INTEGER NOT NULL)`;
		const [row] = await tx<{ version: number }[]>`SELECT version FROM klasakkoord_schema`;
		const version = row?.version ?? 0;
		if (!row) await tx`INSERT INTO klasakkoord_schema (version) VALUES (0)`;
		for (let index = version; index < MIGRATIONS.length; index++) await tx.unsafe(MIGRATIONS[index]!);
		if (version < MIGRATIONS.length) await tx`UPDATE klasakkoord_schema SET version = ${MIGRATIONS.length}`;
		return MIGRATIONS.length;
	});
}
