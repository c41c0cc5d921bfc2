import type { Charter, CharterRule, CharterVersion } from '$lib/charter/types';
import type { Lang } from '$lib/lessons/types';
import type { CharterRecord, CharterStore, VersionRow } from './charter-store';
import { hashSecret, newSecret } from './keys';

export interface CharterServiceOptions {
	/** A charter not saved again for this many days is deleted (CHARTER_RETENTION_DAYS). */
	retentionDays: number;
	recoveryHours: number;
	now?: () => number;
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
 * Class charters: the only way in for pages, endpoints and the sweep, on either database (the store).
 * A charter is opened by a host key (stored hashed, like a session's), read by its read-only token,
 * and deleted when it was not saved again for `retentionDays`.
 */
export class CharterService {
	readonly #store: CharterStore;
	readonly #now: () => number;
	readonly #options: CharterServiceOptions;

	constructor(store: CharterStore, options: CharterServiceOptions) {
		this.#store = store;
		this.#options = options;
		this.#now = options.now ?? Date.now;
	}

	now(): number {
		return this.#now();
	}

	/** A new charter with its first version; answers its id and the mentor's host key. */
	async create(input: {
		className: string;
		schoolYear: string;
		lang: Lang;
		version: Omit<CharterVersion, 'version' | 'savedAt'>;
	}): Promise<{ id: string; hostKey: string }> {
		const hostKey = newSecret();
		const at = this.#now();
		const first = versionRow(1, at, input.version);
		for (let attempt = 0; attempt < 20; attempt++) {
			const slug = newCharterId();
			const charter = { slug, read_token: newSecret(), class_name: input.className, school_year: input.schoolYear, lang: input.lang };
			if (await this.#store.insert({ ...charter, created_at: at }, hashSecret(hostKey), first)) return { id: slug, hostKey };
		}
		throw new Error('no free charter id after 20 attempts');
	}

	/**
	 * Saves the next version. `basedOn` is the version the check-in started from: when someone saved
	 * a newer one in the meantime, nothing is saved (null), so no change is lost without notice.
	 */
	async addVersion(slug: string, basedOn: number, input: Omit<CharterVersion, 'version' | 'savedAt'>): Promise<number | null> {
		const version = basedOn + 1;
		return (await this.#store.addVersion(slug, versionRow(version, this.#now(), input))) ? version : null;
	}

	async find(slug: string): Promise<StoredCharter | null> {
		if (!CHARTER_ID.test(slug)) return null;
		return stored(await this.#store.find(slug));
	}

	/** The charter behind a read-only link, or null. */
	async findByReadToken(token: string): Promise<StoredCharter | null> {
		if (!READ_TOKEN.test(token)) return null;
		return stored(await this.#store.findByReadToken(token));
	}

	/** Every charter on this server: for the school's coordinator only. */
	async all(): Promise<StoredCharter[]> {
		return (await this.#store.all()).map((record) => stored(record)!);
	}

	/** Whether a key opens the charter. */
	async isHost(slug: string, hostKey: string | undefined): Promise<boolean> {
		if (!hostKey || hostKey.length > 64) return false;
		return this.#store.hasKey(slug, hashSecret(hostKey));
	}

	/** A one-time recovery link's token, replacing any earlier one; it works for RECOVERY_HOURS. */
	async newRecovery(slug: string): Promise<string | null> {
		const token = newSecret();
		return (await this.#store.setRecovery(slug, hashSecret(token), this.#now())) ? token : null;
	}

	/** Spends a recovery token: a fresh host key that replaces every older one, or null. */
	async redeemRecovery(slug: string, token: string): Promise<string | null> {
		if (!CHARTER_ID.test(slug) || token.length > 64) return null;
		const hostKey = newSecret();
		const notBefore = this.#now() - this.#options.recoveryHours * HOUR;
		return (await this.#store.redeemRecovery(slug, hashSecret(token), notBefore, hashSecret(hostKey))) ? hostKey : null;
	}

	/** This browser's key stops opening the charter. */
	async signOut(slug: string, hostKey: string | undefined): Promise<void> {
		if (hostKey) await this.#store.deleteKey(slug, hashSecret(hostKey));
	}

	delete(slug: string): Promise<boolean> {
		return this.#store.delete(slug);
	}

	/** Deletes charters not saved again within the retention period; answers their ids. */
	sweep(): Promise<string[]> {
		return this.#store.deleteSavedBefore(this.#now() - this.#options.retentionDays * DAY);
	}
}

/** Only the fields a rule keeps, as the JSON both databases store. */
function versionRow(version: number, at: number, input: Omit<CharterVersion, 'version' | 'savedAt'>): VersionRow {
	const rules = input.rules.map(({ key, text, support }) => ({ key, text, support }));
	return { version, saved_at: at, agreed_on: input.agreedOn, review_on: input.reviewOn, rules: JSON.stringify(rules) };
}

function stored(record: CharterRecord | null): StoredCharter | null {
	if (!record) return null;
	return {
		id: record.slug,
		readToken: record.read_token,
		className: record.class_name,
		schoolYear: record.school_year,
		lang: record.lang,
		createdAt: record.created_at,
		updatedAt: record.updated_at,
		versions: record.versions.map((version) => ({
			version: version.version,
			savedAt: version.saved_at,
			agreedOn: version.agreed_on,
			reviewOn: version.review_on,
			rules: JSON.parse(version.rules) as CharterRule[]
		}))
	};
}
