// Readiness for a load balancer or a monitoring check: can the database be read? Each check opens the
// database file read-only, reads one row of the sessions table and closes it again (well under a
// millisecond), so a file that was removed, made unreadable or damaged since the start shows at once.
// It never writes and never holds a read open.
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';

/** @param {string} dataDir the app's DATA_DIR */
export function probes(dataDir) {
	const file = join(resolve(dataDir), 'klasakkoord.db');
	const binding = process.env.BETTER_SQLITE3_BINDING;
	const options = { readonly: true, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) };

	return {
		/** True when the database file opens and its sessions table can be read. */
		ready() {
			let db;
			try {
				db = new Database(file, options);
				db.prepare('SELECT 1 FROM sessions LIMIT 1').all();
				return true;
			} catch {
				return false;
			} finally {
				db?.close();
			}
		}
	};
}
