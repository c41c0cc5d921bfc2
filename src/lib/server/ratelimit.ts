/**
 * Token buckets in memory, per key. Nothing here is stored: a restart forgets every bucket, which is
 * fine for flood control.
 */
export class RateLimiter {
	readonly #capacity: number;
	readonly #perSecond: number;
	readonly #buckets = new Map<string, { tokens: number; at: number }>();
	readonly #now: () => number;

	constructor(capacity: number, perSecond: number, now: () => number = Date.now) {
		this.#capacity = capacity;
		this.#perSecond = perSecond;
		this.#now = now;
	}

	/** Takes one token for the key; false when the key has none left. */
	take(key: string): boolean {
		const now = this.#now();
		const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
		bucket.tokens = Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond);
		bucket.at = now;
		if (bucket.tokens < 1) {
			this.#buckets.set(key, bucket);
			return false;
		}
		bucket.tokens -= 1;
		this.#buckets.set(key, bucket);
		return true;
	}

	/** Forgets full buckets, so the map holds only keys that were busy lately. */
	prune() {
		const now = this.#now();
		for (const [key, bucket] of this.#buckets) {
			if (bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond >= this.#capacity) this.#buckets.delete(key);
		}
	}
}

/** Limits for a classroom: generous for a class at ten times a real lesson's pace, tight for floods. */
export const limits = {
	/** Proposals per device: a burst of 5, then one every 6 seconds. */
	propose: new RateLimiter(5, 1 / 6),
	/** Votes per device: a burst of 60, then 2 a second. */
	vote: new RateLimiter(60, 2),
	/** Every write in one session: a burst of 2,000, then 40 a second (2,400 a minute). */
	session: new RateLimiter(2000, 40),
	/** Joins per session: a burst of 120, then 2 a second. */
	join: new RateLimiter(120, 2),
	/** New sessions on this server: a burst of 300 (a whole school at 8:30), then 5 a second. */
	create: new RateLimiter(300, 5),
	/** Mentor actions per session: a burst of 120, then 5 a second. */
	host: new RateLimiter(120, 5)
};

export function pruneLimits() {
	for (const limiter of Object.values(limits)) limiter.prune();
}
