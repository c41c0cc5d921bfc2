import type { Charter, CharterRule, CharterVersion } from '$lib/charter/types';
import type { Lang } from '$lib/lessons/types';
import { reclaim, type Db } from './db';
import { hashSecret, newSecret } from './keys';

export interface CharterServiceOptions {
	/** A charter not saved again for this many days is deleted (CHARTER_RETENTION_DAYS). */
	retentionDays: number;
	recoveryHours: number;
	now?: () => number;
	/**
	 * The sessions' group commit on the same database: a charter write commits it first, then commits
	 * on its own before it returns (see group.ts).
	 */
	group?: { commit(): void } | null;
}

interface CharterRow {
	id: number;
	slug: string;
	read_token: string;
	class_name: string;
	school_year: string;
	lang: Lang;
	created_at: number;
	updated_at: number;
}

interface VersionRow {
	version: number;
	saved_at: number;
	agreed_on: string;
	review_on: string;
	rules: string;
}

/** A charter as a mentor or coordinator sees it, with its read-only token. */
export interface StoredCharter extends Charter {
	readToken: string;
	updatedAt: number;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A charter's id in the mentor's links: 96 random bits, URL-safe. Not a secret: the host key is. */
export function newCharterId(): string {
	return newSecret().slice(0, 16);
}

export const CHARTER_ID = /^[A-Za-z0-9_-]{16}$/;
export const READ_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Class charters in SQLite: the only way in for pages, endpoints and the sweep. A charter is opened by
 * a host key (stored hashed, like a session's), read by its read-only token, and deleted when it was
 * not saved again for `retentionDays`.
 */
export class CharterService {
	readonly #db: Db;
	readonly #now: () => number;
	readonly #options: CharterServiceOptions;
	readonly #q;

	constructor(db: Db, options: CharterServiceOptions) {
		this.#db = db;
		this.#options = options;
		this.#now = options.now ?? Date.now;
		const columns = 'id, slug, read_token, class_name, school_year, lang, created_at, updated_at';
		this.#q = {
			insert: db.prepare<[string, string, string, string, string, number, number]>(
				'INSERT INTO charters (slug, read_token, class_name, school_year, lang, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
			),
			bySlug: db.prepare<[string], CharterRow>(`SELECT ${columns} FROM charters WHERE slug = ?`),
			byToken: db.prepare<[string], CharterRow>(`SELECT ${columns} FROM charters WHERE read_token = ?`),
			all: db.prepare<[], CharterRow>(`SELECT ${columns} FROM charters ORDER BY school_year DESC, class_name, id`),
			versions: db.prepare<[number], VersionRow>(
				'SELECT version, saved_at, agreed_on, review_on, rules FROM charter_versions WHERE charter_id = ? ORDER BY version'
			),
			insertVersion: db.prepare<[number, number, number, string, string, string]>(
				'INSERT INTO charter_versions (charter_id, version, saved_at, agreed_on, review_on, rules) VALUES (?, ?, ?, ?, ?, ?)'
			),
			lastVersion: db.prepare<[number], { version: number | null }>(
				'SELECT MAX(version) AS version FROM charter_versions WHERE charter_id = ?'
			),
			touch: db.prepare<[number, number]>('UPDATE charters SET updated_at = ? WHERE id = ?'),
			addKey: db.prepare<[number, Buffer]>('INSERT OR IGNORE INTO charter_keys (charter_id, key_hash) VALUES (?, ?)'),
			isKey: db.prepare<[number, Buffer], { one: number }>('SELECT 1 AS one FROM charter_keys WHERE charter_id = ? AND key_hash = ?'),
			deleteKey: db.prepare<[number, Buffer]>('DELETE FROM charter_keys WHERE charter_id = ? AND key_hash = ?'),
			deleteKeys: db.prepare<[number]>('DELETE FROM charter_keys WHERE charter_id = ?'),
			setRecovery: db.prepare<[Buffer, number, number]>('UPDATE charters SET recovery_hash = ?, recovery_at = ? WHERE id = ?'),
			takeRecovery: db.prepare<[string, Buffer, number], { id: number }>(
				'UPDATE charters SET recovery_hash = NULL, recovery_at = NULL WHERE slug = ? AND recovery_hash = ? AND recovery_at >= ? RETURNING id'
			),
			delete: db.prepare<[number]>('DELETE FROM charters WHERE id = ?'),
			expired: db.prepare<[number], { id: number; slug: string }>('SELECT id, slug FROM charters WHERE updated_at < ?')
		};
	}

	now(): number {
		return this.#now();
	}

	/** A new charter with its first version; answers its id and the mentor's host key. */
	create(input: { className: string; schoolYear: string; lang: Lang; version: Omit<CharterVersion, 'version' | 'savedAt'> }): {
		id: string;
		hostKey: string;
	} {
		this.#options.group?.commit();
		const hostKey = newSecret();
		const at = this.#now();
		for (let attempt = 0; attempt < 20; attempt++) {
			const slug = newCharterId();
			if (this.#q.bySlug.get(slug)) continue;
			this.#db.transaction(() => {
				const id = Number(this.#q.insert.run(slug, newSecret(), input.className, input.schoolYear, input.lang, at, at).lastInsertRowid);
				this.#q.addKey.run(id, hashSecret(hostKey));
				this.#insertVersion(id, 1, at, input.version);
			})();
			return { id: slug, hostKey };
		}
		throw new Error('no free charter id after 20 attempts');
	}

	#insertVersion(id: number, version: number, at: number, input: Omit<CharterVersion, 'version' | 'savedAt'>) {
		const rules = input.rules.map(({ key, text, support }) => ({ key, text, support }));
		this.#q.insertVersion.run(id, version, at, input.agreedOn, input.reviewOn, JSON.stringify(rules));
	}

	/**
	 * Saves the next version. `basedOn` is the version the check-in started from: when someone saved
	 * a newer one in the meantime, nothing is saved (null), so no change is lost without notice.
	 */
	addVersion(slug: string, basedOn: number, input: Omit<CharterVersion, 'version' | 'savedAt'>): number | null {
		this.#options.group?.commit();
		const row = this.#q.bySlug.get(slug);
		if (!row) return null;
		return this.#db.transaction(() => {
			const last = this.#q.lastVersion.get(row.id)?.version ?? 0;
			if (last !== basedOn) return null;
			const at = this.#now();
			this.#insertVersion(row.id, last + 1, at, input);
			this.#q.touch.run(at, row.id);
			return last + 1;
		})();
	}

	find(slug: string): StoredCharter | null {
		if (!CHARTER_ID.test(slug)) return null;
		const row = this.#q.bySlug.get(slug);
		return row ? this.#load(row) : null;
	}

	/** The charter behind a read-only link, or null. */
	findByReadToken(token: string): StoredCharter | null {
		if (!READ_TOKEN.test(token)) return null;
		const row = this.#q.byToken.get(token);
		return row ? this.#load(row) : null;
	}

	/** Every charter on this server: for the school's coordinator only. */
	all(): StoredCharter[] {
		return this.#q.all.all().map((row) => this.#load(row));
	}

	#load(row: CharterRow): StoredCharter {
		const versions = this.#q.versions.all(row.id).map((version): CharterVersion => ({
			version: version.version,
			savedAt: version.saved_at,
			agreedOn: version.agreed_on,
			reviewOn: version.review_on,
			rules: JSON.parse(version.rules) as CharterRule[]
		}));
		return {
			id: row.slug,
			readToken: row.read_token,
			className: row.class_name,
			schoolYear: row.school_year,
			lang: row.lang,
			createdAt: row.created_at,
			updatedAt: row.updated_at,
			versions
		};
	}

	/** Whether a key opens the charter. */
	isHost(slug: string, hostKey: string | undefined): boolean {
		if (!hostKey || hostKey.length > 64) return false;
		const row = this.#q.bySlug.get(slug);
		return row ? this.#q.isKey.get(row.id, hashSecret(hostKey)) !== undefined : false;
	}

	/** A one-time recovery link's token, replacing any earlier one; it works for RECOVERY_HOURS. */
	newRecovery(slug: string): string | null {
		this.#options.group?.commit();
		const row = this.#q.bySlug.get(slug);
		if (!row) return null;
		const token = newSecret();
		this.#q.setRecovery.run(hashSecret(token), this.#now(), row.id);
		return token;
	}

	/** Spends a recovery token: a fresh host key that replaces every older one, or null. */
	redeemRecovery(slug: string, token: string): string | null {
		this.#options.group?.commit();
		if (!CHARTER_ID.test(slug) || token.length > 64) return null;
		const hostKey = newSecret();
		const notBefore = this.#now() - this.#options.recoveryHours * HOUR;
		return this.#db.transaction(() => {
			const id = this.#q.takeRecovery.get(slug, hashSecret(token), notBefore)?.id;
			if (id === undefined) return null;
			this.#q.deleteKeys.run(id);
			this.#q.addKey.run(id, hashSecret(hostKey));
			return hostKey;
		})();
	}

	/** This browser's key stops opening the charter. */
	signOut(slug: string, hostKey: string | undefined) {
		this.#options.group?.commit();
		const row = this.#q.bySlug.get(slug);
		if (row && hostKey) this.#q.deleteKey.run(row.id, hashSecret(hostKey));
	}

	delete(slug: string): boolean {
		this.#options.group?.commit();
		const row = this.#q.bySlug.get(slug);
		if (!row) return false;
		this.#q.delete.run(row.id);
		reclaim(this.#db);
		return true;
	}

	/** Deletes charters not saved again within the retention period; answers their ids. */
	sweep(): string[] {
		this.#options.group?.commit();
		const expired = this.#q.expired.all(this.#now() - this.#options.retentionDays * DAY);
		if (expired.length === 0) return [];
		this.#db.transaction(() => {
			for (const row of expired) this.#q.delete.run(row.id);
		})();
		reclaim(this.#db);
		return expired.map((row) => row.slug);
	}
}
