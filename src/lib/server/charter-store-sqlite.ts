import type { CharterRecord, CharterRow, CharterStore, NewCharter, VersionRow } from './charter-store';
import { reclaim, type Db } from './db';

/**
 * Class charters in the embedded SQLite, beside the sessions. Every write first commits the sessions'
 * open group (see group.ts), then commits on its own before it returns; deletes give their pages back
 * (`reclaim`), so a deleted charter does not linger in the file.
 */
export class SqliteCharterStore implements CharterStore {
	readonly #db: Db;
	readonly #group: { commit(): void } | null;
	readonly #q;

	constructor(db: Db, group: { commit(): void } | null = null) {
		this.#db = db;
		this.#group = group;
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

	#load(row: CharterRow | undefined): CharterRecord | null {
		return row ? { ...row, versions: this.#q.versions.all(row.id) } : null;
	}

	#insertVersion(id: number, version: VersionRow) {
		this.#q.insertVersion.run(id, version.version, version.saved_at, version.agreed_on, version.review_on, version.rules);
	}

	async find(slug: string) {
		return this.#load(this.#q.bySlug.get(slug));
	}

	async findByReadToken(token: string) {
		return this.#load(this.#q.byToken.get(token));
	}

	async all() {
		return this.#q.all.all().map((row) => this.#load(row)!);
	}

	async insert(charter: NewCharter, keyHash: Buffer, first: VersionRow) {
		this.#group?.commit();
		if (this.#q.bySlug.get(charter.slug) || this.#q.byToken.get(charter.read_token)) return false;
		const at = charter.created_at;
		this.#db.transaction(() => {
			const { slug, read_token, class_name, school_year, lang } = charter;
			const id = Number(this.#q.insert.run(slug, read_token, class_name, school_year, lang, at, at).lastInsertRowid);
			this.#q.addKey.run(id, keyHash);
			this.#insertVersion(id, first);
		})();
		return true;
	}

	async addVersion(slug: string, version: VersionRow) {
		this.#group?.commit();
		const row = this.#q.bySlug.get(slug);
		if (!row) return false;
		return this.#db.transaction(() => {
			const last = this.#q.lastVersion.get(row.id)?.version ?? 0;
			if (last !== version.version - 1) return false;
			this.#insertVersion(row.id, version);
			this.#q.touch.run(version.saved_at, row.id);
			return true;
		})();
	}

	async hasKey(slug: string, keyHash: Buffer) {
		const row = this.#q.bySlug.get(slug);
		return row ? this.#q.isKey.get(row.id, keyHash) !== undefined : false;
	}

	async deleteKey(slug: string, keyHash: Buffer) {
		this.#group?.commit();
		const row = this.#q.bySlug.get(slug);
		if (row) this.#q.deleteKey.run(row.id, keyHash);
	}

	async setRecovery(slug: string, tokenHash: Buffer, at: number) {
		this.#group?.commit();
		const row = this.#q.bySlug.get(slug);
		if (!row) return false;
		this.#q.setRecovery.run(tokenHash, at, row.id);
		return true;
	}

	async redeemRecovery(slug: string, tokenHash: Buffer, notBefore: number, keyHash: Buffer) {
		this.#group?.commit();
		return this.#db.transaction(() => {
			const id = this.#q.takeRecovery.get(slug, tokenHash, notBefore)?.id;
			if (id === undefined) return false;
			this.#q.deleteKeys.run(id);
			this.#q.addKey.run(id, keyHash);
			return true;
		})();
	}

	async delete(slug: string) {
		this.#group?.commit();
		const row = this.#q.bySlug.get(slug);
		if (!row) return false;
		this.#q.delete.run(row.id);
		reclaim(this.#db);
		return true;
	}

	async deleteSavedBefore(before: number) {
		this.#group?.commit();
		const expired = this.#q.expired.all(before);
		if (expired.length === 0) return [];
		this.#db.transaction(() => {
			for (const row of expired) this.#q.delete.run(row.id);
		})();
		reclaim(this.#db);
		return expired.map((row) => row.slug);
	}
}
