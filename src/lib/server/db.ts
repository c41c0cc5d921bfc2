import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
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
	) WITHOUT ROWID;`
];

export function openDatabase(dir: string, file = 'klasakkoord.db'): Db {
	mkdirSync(dir, { recursive: true });
	const db = new Database(join(dir, file));
	// WAL lets readers and the writer work at once. NORMAL syncs at checkpoints: a commit survives the
	// process being killed (it is in the WAL file), only a power cut can lose the latest commits.
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	migrate(db);
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
