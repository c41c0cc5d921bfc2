import { config } from './config';

/**
 * Token buckets in memory, per key. Nothing here is stored: a restart forgets every bucket, which is
 * fine for flood control. Keys may be a client's network address: such a bucket lives only in this
 * process's memory, is never written to disk or logged, and is forgotten once it is full again.
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

	#tokens(key: string): { tokens: number; at: number } {
		const now = this.#now();
		const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
		bucket.tokens = Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond);
		bucket.at = now;
		return bucket;
	}

	/** Takes one token for the key; false when the key has none left. */
	take(key: string): boolean {
		const bucket = this.#tokens(key);
		this.#buckets.set(key, bucket);
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		return true;
	}

	/** What `take` costs, for a bucket kept elsewhere (see `takeShared`). */
	get shape(): { capacity: number; perSecond: number; now: number } {
		return { capacity: this.#capacity, perSecond: this.#perSecond, now: this.#now() };
	}

	/** Whether the key has a token left, without taking it. */
	has(key: string): boolean {
		if (!this.#buckets.has(key)) return this.#capacity >= 1;
		return this.#tokens(key).tokens >= 1;
	}

	/** Whether the key used any tokens lately (its bucket is not full). */
	used(key: string): boolean {
		if (!this.#buckets.has(key)) return false;
		return this.#tokens(key).tokens < this.#capacity;
	}

	/** Forgets full buckets, so the map holds only keys that were busy lately. */
	prune() {
		const now = this.#now();
		for (const [key, bucket] of this.#buckets) {
			if (bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond >= this.#capacity) this.#buckets.delete(key);
		}
	}

	get size(): number {
		return this.#buckets.size;
	}
}

const f = config.clientLimitFactor;

/**
 * Limits for a classroom: generous for a class at ten times a real lesson's pace, tight for floods.
 * Per-address limits are loose enough for a whole school behind one address (school Wi-Fi), and keep
 * one client from using up what the rest of the server shares.
 */
export const limits = {
	/** Proposals per device: a burst of 5, then one every 6 seconds. */
	propose: new RateLimiter(5, 1 / 6),
	/** Votes per device: a burst of 60, then 2 a second. */
	vote: new RateLimiter(60, 2),
	/** Every write in one session: a burst of 2,000, then 40 a second (2,400 a minute). */
	session: new RateLimiter(2000, 40),
	/** Joins per session: a burst of 120, then 2 a second (the join cap bounds a session anyway). */
	join: new RateLimiter(120, 2),
	/** New sessions on this server: a burst of 300 (a whole school at 8:30), then 5 a second. */
	create: new RateLimiter(300, 5),
	/** Mentor actions per session: a burst of 120, then 5 a second. */
	host: new RateLimiter(120, 5),
	/** New sessions per address: a burst of 30, then one every 10 seconds. */
	createPerAddress: new RateLimiter(30 * f, 0.1 * f),
	/** Joins per address, over all sessions: a burst of 90 (three classes), then one a second. */
	joinPerAddress: new RateLimiter(90 * f, 1 * f),
	/** Proposals per address, over all sessions: a burst of 200, then 2 a second. */
	proposePerAddress: new RateLimiter(200 * f, 2 * f),
	/** Lookups of a code that does not exist, per address: a burst of 30 typos, then one every 5 seconds. */
	failedLookupPerAddress: new RateLimiter(30 * f, 0.2 * f),
	/** Failed lookups on the whole server: a burst of 300, then 2 a second. */
	failedLookup: new RateLimiter(300 * f, 2 * f)
};

/** The limits per session and per device: with several instances, every instance draws on one bucket. */
export type SharedLimit = 'propose' | 'vote' | 'session' | 'join' | 'host';

type SharedBuckets = (key: string, capacity: number, perSecond: number, now: number) => Promise<boolean>;
let sharedBuckets: SharedBuckets | null = null;

/** Keeps the per-session and per-device buckets in a store every instance shares (PostgreSQL). */
export function shareLimits(buckets: SharedBuckets | null) {
	sharedBuckets = buckets;
}

/**
 * Takes a token from a per-session or per-device bucket: in this process's memory with one instance,
 * in the shared store with several. Per-address limits stay in each process's memory (addresses are
 * never stored).
 */
export async function takeShared(name: SharedLimit, key: string): Promise<boolean> {
	const limiter = limits[name];
	if (!sharedBuckets) return limiter.take(key);
	const { capacity, perSecond, now } = limiter.shape;
	return sharedBuckets(`${name}:${key}`, capacity, perSecond, now);
}

/**
 * Takes one token from each bucket; false when any was empty. In memory they are taken in order and
 * stop at the first empty one; in the shared store they are asked at once (one round trip).
 */
export async function takeAllShared(buckets: Array<[SharedLimit, string]>): Promise<boolean> {
	if (!sharedBuckets) return buckets.every(([name, key]) => limits[name].take(key));
	return (await Promise.all(buckets.map(([name, key]) => takeShared(name, key)))).every(Boolean);
}

export function pruneLimits() {
	for (const limiter of Object.values(limits)) limiter.prune();
}

/** Open event streams per address and per session: a class with every phone and a second tab fits. */
export const STREAMS_PER_ADDRESS = Math.round(400 * f);
export const STREAMS_PER_SESSION = 300;

const openStreams = new Map<string, number>();

/** Counts an open event stream for an address; false (and nothing counted) when it has too many. */
export function openStream(address: string): boolean {
	const open = openStreams.get(address) ?? 0;
	if (open >= STREAMS_PER_ADDRESS) return false;
	openStreams.set(address, open + 1);
	return true;
}

export function closeStream(address: string) {
	const open = (openStreams.get(address) ?? 1) - 1;
	if (open <= 0) openStreams.delete(address);
	else openStreams.set(address, open);
}
