import type { CharterStore } from './charter-store';
import { PgCharterStore } from './charter-store-pg';
import { SqliteCharterStore } from './charter-store-sqlite';
import { CharterService } from './charters';
import { config } from './config';
import { openDatabase, type Db } from './db';
import { connect, migrate } from './pg';
import { pruneLimits, shareLimits } from './ratelimit';
import { SessionService } from './sessions';
import { PgSessionStore } from './store-pg';
import { clock } from './testclock';

const HEARTBEAT_MS = 20_000;
const SWEEP_MS = 60 * 60 * 1000;

interface App {
	db: Db | null;
	pg: PgSessionStore | null;
	service: SessionService;
	charters: CharterService;
	timers: ReturnType<typeof setInterval>[];
}

let app: App | null = null;

const serviceOptions = () => ({
	retentionDays: config.retentionDays,
	joinCap: config.joinCap,
	joinHours: config.joinHours,
	recoveryHours: config.recoveryHours,
	groupCommit: true,
	now: clock
});

/**
 * Opens the store from configuration: PostgreSQL when DATABASE_URL is set (several instances may share
 * it; nothing is written under DATA_DIR), otherwise SQLite in DATA_DIR. The server's init hook awaits
 * this before anything listens.
 */
export async function start(): Promise<SessionService> {
	if (app) return app.service;
	if (!config.databaseUrl) return sessions();
	const sql = connect(config.databaseUrl, config.databasePool);
	await migrate(sql);
	const pg = new PgSessionStore(sql);
	const service = new SessionService(pg, serviceOptions());
	await pg.listen(service);
	shareLimits((key, capacity, perSecond, now) => pg.take(key, capacity, perSecond, now));
	return begin({ db: null, pg, service, charters: charterServiceOn(new PgCharterStore(sql)) });
}

function begin(parts: Omit<App, 'timers'>): SessionService {
	const { service, charters: charterService } = parts;
	const sweep = () => {
		Promise.all([service.sweep(), charterService.sweep()]).catch((error: unknown) => console.error(error));
		pruneLimits();
	};
	const timers = [setInterval(() => service.heartbeat(), HEARTBEAT_MS), setInterval(sweep, SWEEP_MS)];
	for (const timer of timers) timer.unref();
	app = { ...parts, timers };
	sweep();
	return service;
}

/**
 * The one session service of this process. With SQLite it is opened on first use (the server's init
 * hook makes that the first start); with PostgreSQL `start()` must have run.
 */
export function sessions(): SessionService {
	if (app) return app.service;
	if (config.databaseUrl) throw new Error('DATABASE_URL is set: start() opens PostgreSQL before the first request');
	const db = openDatabase(config.dataDir);
	const service = new SessionService(db, serviceOptions());
	return begin({ db, pg: null, service, charters: charterServiceOn(new SqliteCharterStore(db, service.group)) });
}

/**
 * The class charters on a store (SQLite beside the sessions, or PostgreSQL: `new PgCharterStore(sql)`
 * from charter-store-pg.ts, after pg.ts's `migrate`), with the retention and clock from configuration.
 */
export function charterServiceOn(store: CharterStore): CharterService {
	return new CharterService(store, { retentionDays: config.charterRetentionDays, recoveryHours: config.recoveryHours, now: clock });
}

/** The class charters of this process, on the same database as the sessions. */
export function charters(): CharterService {
	if (!app) sessions();
	return app!.charters;
}

/** Whether the database answers: for /readyz with PostgreSQL (server/health.js checks the SQLite file). */
export async function ready(): Promise<boolean> {
	return app?.pg ? app.pg.ready() : true;
}

/**
 * Ends every event stream, so the HTTP server can finish its graceful close: adapter-node waits for
 * open connections, and event streams never end by themselves.
 */
export function closeStreams() {
	app?.service.closeAll();
}

/** Closes the database once the HTTP server has closed. */
export async function shutdown() {
	if (!app) return;
	const { timers, service, db, pg } = app;
	app = null;
	for (const timer of timers) clearInterval(timer);
	service.closeAll();
	shareLimits(null);
	if (pg) await pg.close();
	else await service.store.close();
	void db;
}
