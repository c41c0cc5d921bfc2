import type { CharterStore } from './charter-store';
import { SqliteCharterStore } from './charter-store-sqlite';
import { CharterService } from './charters';
import { config } from './config';
import { openDatabase, type Db } from './db';
import { pruneLimits } from './ratelimit';
import { SessionService } from './sessions';
import { clock } from './testclock';

const HEARTBEAT_MS = 20_000;
const SWEEP_MS = 60 * 60 * 1000;

let app: { db: Db; service: SessionService; charters: CharterService; timers: ReturnType<typeof setInterval>[] } | null = null;

/**
 * The one session service of this process, with its database opened from configuration. Created on
 * first use (the server's init hook makes that the first start), closed on shutdown.
 */
export function sessions(): SessionService {
	if (app) return app.service;
	const db = openDatabase(config.dataDir);
	const service = new SessionService(db, {
		retentionDays: config.retentionDays,
		joinCap: config.joinCap,
		joinHours: config.joinHours,
		recoveryHours: config.recoveryHours,
		groupCommit: true,
		now: clock
	});
	const charterService = charterServiceOn(new SqliteCharterStore(db, service.store.group));
	service.sweep();
	sweepCharters(charterService);
	const timers = [
		setInterval(() => service.heartbeat(), HEARTBEAT_MS),
		setInterval(() => {
			service.sweep();
			sweepCharters(charterService);
			pruneLimits();
		}, SWEEP_MS)
	];
	for (const timer of timers) timer.unref();
	app = { db, service, charters: charterService, timers };
	return service;
}

/**
 * The class charters on a store (SQLite beside the sessions, or PostgreSQL: `new PgCharterStore(sql)`
 * from charter-store-pg.ts, after pg.ts's `migrate`), with the retention and clock from configuration.
 */
export function charterServiceOn(store: CharterStore): CharterService {
	return new CharterService(store, { retentionDays: config.charterRetentionDays, recoveryHours: config.recoveryHours, now: clock });
}

/** The retention sweep in the background: a failure is logged and the next hour tries again. */
function sweepCharters(charters: CharterService) {
	charters.sweep().catch((error: unknown) => console.error(error));
}

/** The class charters of this process, on the same database as the sessions. */
export function charters(): CharterService {
	if (!app) sessions();
	return app!.charters;
}

/**
 * Ends every event stream, so the HTTP server can finish its graceful close: adapter-node waits for
 * open connections, and event streams never end by themselves.
 */
export function closeStreams() {
	app?.service.closeAll();
}

/** Closes the database once the HTTP server has closed. */
export function shutdown() {
	if (!app) return;
	for (const timer of app.timers) clearInterval(timer);
	app.service.closeAll();
	app.db.close();
	app = null;
}
