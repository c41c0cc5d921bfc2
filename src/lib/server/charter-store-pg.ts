import type { CharterRecord, CharterRow, CharterStore, NewCharter, VersionRow } from './charter-store';
import type { Sql } from './pg';

type JoinedRow = CharterRow & VersionRow;

/** Rows of a charter joined with its versions, in order, folded into one record per charter. */
function records(rows: readonly JoinedRow[]): CharterRecord[] {
	const found: CharterRecord[] = [];
	for (const { version, saved_at, agreed_on, review_on, rules, ...charter } of rows) {
		let last = found.at(-1);
		if (last?.id !== charter.id) found.push((last = { ...charter, versions: [] }));
		last.versions.push({ version, saved_at, agreed_on, review_on, rules });
	}
	return found;
}

/**
 * Class charters on PostgreSQL (`DATABASE_URL`), shared by every instance. A charter is read with its
 * versions in one statement, so a read never sees half a save. Names sort by byte order (`COLLATE
 * "C"`), as in SQLite, whatever the database's locale.
 */
export class PgCharterStore implements CharterStore {
	readonly #sql: Sql;

	constructor(sql: Sql) {
		this.#sql = sql;
	}

	async find(slug: string) {
		const rows = await this.#sql<JoinedRow[]>`
			SELECT c.id, c.slug, c.read_token, c.class_name, c.school_year, c.lang, c.created_at, c.updated_at,
				v.version, v.saved_at, v.agreed_on, v.review_on, v.rules
			FROM charters c JOIN charter_versions v ON v.charter_id = c.id
			WHERE c.slug = ${slug} ORDER BY v.version`;
		return records(rows)[0] ?? null;
	}

	async findByReadToken(token: string) {
		const rows = await this.#sql<JoinedRow[]>`
			SELECT c.id, c.slug, c.read_token, c.class_name, c.school_year, c.lang, c.created_at, c.updated_at,
				v.version, v.saved_at, v.agreed_on, v.review_on, v.rules
			FROM charters c JOIN charter_versions v ON v.charter_id = c.id
			WHERE c.read_token = ${token} ORDER BY v.version`;
		return records(rows)[0] ?? null;
	}

	async all() {
		const rows = await this.#sql<JoinedRow[]>`
			SELECT c.id, c.slug, c.read_token, c.class_name, c.school_year, c.lang, c.created_at, c.updated_at,
				v.version, v.saved_at, v.agreed_on, v.review_on, v.rules
			FROM charters c JOIN charter_versions v ON v.charter_id = c.id
			ORDER BY c.school_year COLLATE "C" DESC, c.class_name COLLATE "C", c.id, v.version`;
		return records(rows);
	}

	async insert(charter: NewCharter, keyHash: Buffer, first: VersionRow) {
		const { slug, read_token, class_name, school_year, lang, created_at } = charter;
		return this.#sql.begin(async (tx) => {
			const [row] = await tx<{ id: number }[]>`
				INSERT INTO charters (slug, read_token, class_name, school_year, lang, created_at, updated_at)
				VALUES (${slug}, ${read_token}, ${class_name}, ${school_year}, ${lang}, ${created_at}, ${created_at})
				ON CONFLICT DO NOTHING RETURNING id`;
			if (!row) return false;
			await tx`INSERT INTO charter_keys (charter_id, key_hash) VALUES (${row.id}, ${keyHash})`;
			await tx`
				INSERT INTO charter_versions (charter_id, version, saved_at, agreed_on, review_on, rules)
				VALUES (${row.id}, ${first.version}, ${first.saved_at}, ${first.agreed_on}, ${first.review_on}, ${first.rules})`;
			return true;
		});
	}

	/**
	 * The charter's row lock makes saves of one charter take turns: the second reads the newest version
	 * only after the first committed, and so refuses instead of taking the same number.
	 */
	async addVersion(slug: string, version: VersionRow) {
		return this.#sql.begin(async (tx) => {
			const [row] = await tx<{ id: number }[]>`SELECT id FROM charters WHERE slug = ${slug} FOR UPDATE`;
			if (!row) return false;
			const [{ last } = { last: 0 }] = await tx<{ last: number }[]>`
				SELECT COALESCE(MAX(version), 0) AS last FROM charter_versions WHERE charter_id = ${row.id}`;
			if (last !== version.version - 1) return false;
			await tx`
				INSERT INTO charter_versions (charter_id, version, saved_at, agreed_on, review_on, rules)
				VALUES (${row.id}, ${version.version}, ${version.saved_at}, ${version.agreed_on}, ${version.review_on}, ${version.rules})`;
			await tx`UPDATE charters SET updated_at = ${version.saved_at} WHERE id = ${row.id}`;
			return true;
		});
	}

	async hasKey(slug: string, keyHash: Buffer) {
		const rows = await this.#sql`
			SELECT 1 FROM charter_keys k JOIN charters c ON c.id = k.charter_id WHERE c.slug = ${slug} AND k.key_hash = ${keyHash}`;
		return rows.length > 0;
	}

	async deleteKey(slug: string, keyHash: Buffer) {
		await this.#sql`
			DELETE FROM charter_keys WHERE key_hash = ${keyHash} AND charter_id = (SELECT id FROM charters WHERE slug = ${slug})`;
	}

	async setRecovery(slug: string, tokenHash: Buffer, at: number) {
		const result = await this.#sql`UPDATE charters SET recovery_hash = ${tokenHash}, recovery_at = ${at} WHERE slug = ${slug}`;
		return result.count > 0;
	}

	/** Two redeeming the same token at once: the second's UPDATE waits for the first, then finds no token. */
	async redeemRecovery(slug: string, tokenHash: Buffer, notBefore: number, keyHash: Buffer) {
		return this.#sql.begin(async (tx) => {
			const [row] = await tx<{ id: number }[]>`
				UPDATE charters SET recovery_hash = NULL, recovery_at = NULL
				WHERE slug = ${slug} AND recovery_hash = ${tokenHash} AND recovery_at >= ${notBefore} RETURNING id`;
			if (!row) return false;
			await tx`DELETE FROM charter_keys WHERE charter_id = ${row.id}`;
			await tx`INSERT INTO charter_keys (charter_id, key_hash) VALUES (${row.id}, ${keyHash})`;
			return true;
		});
	}

	async delete(slug: string) {
		const result = await this.#sql`DELETE FROM charters WHERE slug = ${slug}`;
		return result.count > 0;
	}

	async deleteSavedBefore(before: number) {
		const rows = await this.#sql<{ slug: string }[]>`
			WITH gone AS (DELETE FROM charters WHERE updated_at < ${before} RETURNING id, slug, updated_at)
			SELECT slug FROM gone ORDER BY updated_at, id`;
		return rows.map((row) => row.slug);
	}
}
