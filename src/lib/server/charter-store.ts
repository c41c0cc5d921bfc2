import type { Lang } from '$lib/lessons/types';

/** A row of `charters`, as both databases answer it. */
export interface CharterRow {
	id: number;
	slug: string;
	read_token: string;
	class_name: string;
	school_year: string;
	lang: Lang;
	created_at: number;
	updated_at: number;
}

/** A row of `charter_versions` (its rules as JSON text). */
export interface VersionRow {
	version: number;
	saved_at: number;
	agreed_on: string;
	review_on: string;
	rules: string;
}

/** A charter with its versions, oldest first. */
export interface CharterRecord extends CharterRow {
	versions: VersionRow[];
}

export type NewCharter = Pick<CharterRow, 'slug' | 'read_token' | 'class_name' | 'school_year' | 'lang' | 'created_at'>;

/**
 * Where class charters are kept: SQLite (charter-store-sqlite.ts) or PostgreSQL (charter-store-pg.ts).
 * Only storage: ids, keys, times and the rules' JSON are made and checked by CharterService. Each
 * method is one atomic step; keys and recovery tokens arrive as hashes.
 */
export interface CharterStore {
	find(slug: string): Promise<CharterRecord | null>;
	findByReadToken(token: string): Promise<CharterRecord | null>;
	/** Every charter, by school year (newest first), then class name (byte order), then age. */
	all(): Promise<CharterRecord[]>;
	/** The charter, its first key and its first version together; false (nothing stored) when the slug or token is taken. */
	insert(charter: NewCharter, keyHash: Buffer, first: VersionRow): Promise<boolean>;
	/**
	 * Adds `version` only while the newest version is `version.version - 1`, and sets the charter's
	 * `updated_at` to its `saved_at`; false (nothing stored) otherwise or when there is no such charter.
	 */
	addVersion(slug: string, version: VersionRow): Promise<boolean>;
	hasKey(slug: string, keyHash: Buffer): Promise<boolean>;
	deleteKey(slug: string, keyHash: Buffer): Promise<void>;
	/** Replaces the charter's recovery token; false when there is no such charter. */
	setRecovery(slug: string, tokenHash: Buffer, at: number): Promise<boolean>;
	/**
	 * Spends a recovery token set at `notBefore` or later: every key of the charter is replaced by
	 * `keyHash`. False (nothing changed) when no such token is waiting.
	 */
	redeemRecovery(slug: string, tokenHash: Buffer, notBefore: number, keyHash: Buffer): Promise<boolean>;
	/** Deletes the charter with its keys and versions; false when there was none. */
	delete(slug: string): Promise<boolean>;
	/** Deletes every charter last saved before `before`; answers their slugs. */
	deleteSavedBefore(before: number): Promise<string[]>;
}
