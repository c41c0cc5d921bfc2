import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

/**
 * Schema migrations, applied in order on open; `PRAGMA user_version` records how many ran. Append new
 * steps, never edit old ones: a school's database may be at any version.
 */
const MIGRATIONS: string[] = [
	`CREATE TABLE sessions (
		id INTEGER PRIMARY KEY,
		code TEXT NOT NULL UNIQUE,
		created_at INTEGER NOT NULL,
		recovery_hash BLOB
	);
	CREATE INDEX sessions_created_at ON sessions (created_at);
	CREATE TABLE host_keys (
		session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		key_hash BLOB NOT NULL,
		PRIMARY KEY (session_id, key_hash)
	) WITHOUT ROWID;
	CREATE TABLE devices (
		session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		token_hash BLOB NOT NULL,
		device INTEGER NOT NULL,
		PRIMARY KEY (session_id, token_hash)
	) WITHOUT ROWID;
	CREATE TABLE events (
		session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		seq INTEGER NOT NULL,
		at INTEGER NOT NULL,
		type TEXT NOT NULL,
		data TEXT NOT NULL,
		PRIMARY KEY (session_id, seq)
	) WITHOUT ROWID;`,
	// Recovery links expire; codes of deleted sessions stay taken (as hashes) until their retention ends.
	`ALTER TABLE sessions ADD COLUMN recovery_at INTEGER;
	CREATE TABLE used_codes (
		code_hash BLOB PRIMARY KEY,
		until INTEGER NOT NULL
	) WITHOUT ROWID;`,
	// The remote: a one-time token for the mentor's phone, and which host keys such a phone holds.
	`ALTER TABLE sessions ADD COLUMN remote_hash BLOB;
	ALTER TABLE sessions ADD COLUMN remote_at INTEGER;
	ALTER TABLE host_keys ADD COLUMN remote INTEGER NOT NULL DEFAULT 0;`,
	// Class charters (src/lib/server/charters.ts): what a class agreed, kept apart from sessions and
	// their retention. Keys are stored hashed; the read-only token opens nothing but reading.
	`CREATE TABLE charters (
		id INTEGER PRIMARY KEY,
		slug TEXT NOT NULL UNIQUE,
		read_token TEXT NOT NULL UNIQUE,
		class_name TEXT NOT NULL,
		school_year TEXT NOT NULL,
		lang TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL,
		recovery_hash BLOB,
		recovery_at INTEGER
	);
	CREATE INDEX charters_updated_at ON charters (updated_at);
	CREATE TABLE charter_keys (
		charter_id INTEGER NOT NULL REFERENCES charters (id) ON DELETE CASCADE,
		key_hash BLOB NOT NULL,
		PRIMARY KEY (charter_id, key_hash)
	) WITHOUT ROWID;
	CREATE TABLE charter_versions (
		charter_id INTEGER NOT NULL REFERENCES charters (id) ON DELETE CASCADE,
		version INTEGER NOT NULL,
		saved_at INTEGER NOT NULL,
		agreed_on TEXT NOT NULL,
		review_on TEXT NOT NULL,
		rules TEXT NOT NULL,
		PRIMARY KEY (charter_id, version)
	) WITHOUT ROWID;`,
	// Idempotency keys (a retried write answers as the first did, see store.ts): the events it stored.
	`CREATE TABLE idempotency (
		scope BLOB PRIMARY KEY,
		session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		first_seq INTEGER NOT NULL,
		count INTEGER NOT NULL,
		device INTEGER,
		created_at INTEGER NOT NULL
	) WITHOUT ROWID;
	CREATE INDEX idempotency_created_at ON idempotency (created_at);`
];

/**
 * Opens the database: the directory readable by the server's user only (0700), the files 0600.
 * Deleted rows are overwritten (`secure_delete`), and free pages are given back to the file system
 * (`auto_vacuum = INCREMENTAL`, see `reclaim`), so deleted data does not linger on disk.
 */
export function openDatabase(dir: string, file = 'klasakkoord.db'): Db {
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	chmodSync(dir, 0o700);
	const path = join(dir, file);
	// BETTER_SQLITE3_BINDING: a build of the driver for another Node version (scripts/node24.sh).
	const binding = process.env.BETTER_SQLITE3_BINDING;
	const db = new Database(path, binding ? { nativeBinding: binding } : {});
	// The WAL and shared-memory files SQLite creates take the database file's mode.
	for (const name of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(name)) chmodSync(name, 0o600);
	db.pragma('secure_delete = ON');
	// Must be set before the first table exists; an existing database needs one VACUUM (below).
	db.pragma('auto_vacuum = INCREMENTAL');
	// WAL lets readers and the writer work at once. NORMAL syncs at checkpoints: a commit survives the
	// process being killed (it is in the WAL file), only a power cut can lose the latest commits.
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	migrate(db);
	// A database made before auto_vacuum was set keeps mode NONE until it is vacuumed once.
	if ((db.pragma('auto_vacuum', { simple: true }) as number) !== 2) {
		db.exec('VACUUM');
		reclaim(db);
	}
	return db;
}

export function migrate(db: Db) {
	const version = db.pragma('user_version', { simple: true }) as number;
	for (let index = version; index < MIGRATIONS.length; index++) {
		db.transaction(() => {
			db.exec(MIGRATIONS[index]!);
			db.pragma(`user_version = ${index + 1}`);
		})();
	}
}

/**
 * After deletes: copies the WAL into the database and empties it (old page images of deleted rows
 * live on in the WAL until then), then returns free pages to the file system.
 */
export function reclaim(db: Db) {
	db.pragma('wal_checkpoint(TRUNCATE)');
	db.pragma('incremental_vacuum');
	db.pragma('wal_checkpoint(TRUNCATE)');
}
