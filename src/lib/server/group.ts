import type { Db } from './db';

/**
 * Group commit: the writes of one turn of the event loop share one SQLite transaction. The first
 * write of a turn opens it; it commits in the check phase of the same turn (`setImmediate`), after
 * every request that arrived with it ran. A writer acknowledges only once `committed()` resolves, and
 * nothing is sent on an event stream before then (see `after`), so nothing acknowledged or seen can be
 * lost when the process is killed.
 *
 * Each write still runs in its own `db.transaction()`: inside the open group that is a savepoint, so a
 * write that fails halfway leaves no trace while the others in its group commit.
 */
export class GroupCommit {
	readonly #db: Db;
	readonly #onFailure: (error: unknown) => void;
	#pending: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | null = null;
	#after: Array<() => void> = [];
	readonly #commit = () => this.commit();
	/** Transactions committed, and writes in them: for the benchmark and tests. */
	readonly stats = { groups: 0, writes: 0 };

	constructor(db: Db, onFailure: (error: unknown) => void = () => {}) {
		this.#db = db;
		this.#onFailure = onFailure;
	}

	/** Whether a group is open: its writes are not durable yet. */
	get open(): boolean {
		return this.#pending !== null;
	}

	/** Opens the turn's group if none is open; call before a write that should join it. */
	begin() {
		this.stats.writes++;
		if (this.#pending) return;
		this.#db.exec('BEGIN');
		let resolve!: () => void;
		let reject!: (error: unknown) => void;
		const promise = new Promise<void>((yes, no) => {
			resolve = yes;
			reject = no;
		});
		// A group nobody waits for must not end the process when it fails.
		promise.catch(() => {});
		this.#pending = { promise, resolve, reject };
		setImmediate(this.#commit);
	}

	/** Resolves once everything written so far is committed; rejects if that commit failed. */
	committed(): Promise<void> {
		return this.#pending?.promise ?? Promise.resolve();
	}

	/** Runs `fn` once the open group has committed, or now when none is open. Not run if it fails. */
	after(fn: () => void) {
		if (this.#pending) this.#after.push(fn);
		else fn();
	}

	/** Commits the open group now (a write outside the group calls this first). */
	commit() {
		const pending = this.#pending;
		if (!pending) return;
		this.#pending = null;
		const after = this.#after;
		this.#after = [];
		try {
			this.#db.exec('COMMIT');
		} catch (error) {
			if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
			pending.reject(error);
			this.#onFailure(error);
			return;
		}
		this.stats.groups++;
		pending.resolve();
		for (const fn of after) fn();
	}
}
