import { resolve } from 'node:path';
import { DEFAULT_JOIN_CAP, MAX_JOIN_CAP } from '../session/types';

/** Settings from the environment, read once. Documented in README.md and docs/deploy.md. */
export const config = {
	dataDir: resolve(process.env.DATA_DIR || 'data'),
	/** `postgres://user:password@host:port/db`: several instances share PostgreSQL; unset, SQLite in dataDir. */
	databaseUrl: process.env.DATABASE_URL || null,
	/** Connections per instance to PostgreSQL (one more listens for the other instances' changes). */
	databasePool: Math.trunc(positiveNumber(process.env.DATABASE_POOL, 10)),
	lessonsDir: resolve(process.env.LESSONS_DIR || 'lessons'),
	retentionDays: positiveNumber(process.env.RETENTION_DAYS, 30),
	/** A class charter not saved again for this many days is deleted: a school year and a bit. */
	charterRetentionDays: positiveNumber(process.env.CHARTER_RETENTION_DAYS, 400),
	/** The coordinator's key for the school overview (/admin); unset, the overview does not exist. */
	adminKey: process.env.ADMIN_KEY || null,
	/** Devices per session unless the mentor changes it (1 to 500). */
	joinCap: Math.min(MAX_JOIN_CAP, Math.trunc(positiveNumber(process.env.JOIN_CAP, DEFAULT_JOIN_CAP))),
	/** A session that is not closed stops taking new devices this many hours after it started. */
	joinHours: positiveNumber(process.env.JOIN_HOURS, 12),
	/** A recovery link works this many hours after it was made. */
	recoveryHours: positiveNumber(process.env.RECOVERY_HOURS, 24),
	/**
	 * Multiplies every per-address limit and the server-wide limit on failed code lookups. 1 is right for
	 * a school; a test that runs a whole class from one address raises it.
	 */
	clientLimitFactor: positiveNumber(process.env.CLIENT_LIMIT_FACTOR, 1)
};

function positiveNumber(value: string | undefined, fallback: number): number {
	const number = Number(value);
	return value && Number.isFinite(number) && number > 0 ? number : fallback;
}
