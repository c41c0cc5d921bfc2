// Readiness for a load balancer or a monitoring check: can the database be read? A read-only
// connection of its own, opened on first use and reopened after an error, asks SQLite for one row of
// the sessions table; it never writes and never holds a read open between checks.
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';

/** @param {string} dataDir the app's DATA_DIR */
export function probes(dataDir) {
	const file = join(resolve(dataDir), 'klasakkoord.db');
	/** @type {import('better-sqlite3').Database | undefined} */
	let db;

	const close = () => {
		try {
			db?.close();
		} catch {
			// already closed
		}
		db = undefined;
	};

	return {
		/** True when the database file opens and its sessions table can be read. */
		ready() {
			try {
				const binding = process.env.BETTER_SQLITE3_BINDING;
				db ??= new Database(file, { readonly: true, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) });
				db.prepare('SELECT 1 FROM sessions LIMIT 1').all();
				return true;
			} catch {
				close();
				return false;
			}
		},
		close
	};
}
