import type { Lang } from '$lib/lessons/types';
import { decide, type Actor, type Command, type Decision } from '$lib/session/commands';
import { flagText } from '$lib/session/flags';
import { fold } from '$lib/session/state';
import { BARE_ROUND, type OutlineStep, type StoredEvent } from '$lib/session/types';
import type { Db } from './db';
import { hashSecret, newCode, newSecret } from './keys';
import { LiveSession } from './live';
import { EventStore } from './store';

export interface NewSession {
	lang: Lang;
	moduleId: string | null;
	title: string;
	round?: string;
	theme: string;
	steps?: OutlineStep[];
}

const DAY = 24 * 60 * 60 * 1000;
/** A session nobody watches leaves memory after this long; its log stays in the database. */
const IDLE_MS = 15 * 60 * 1000;

/**
 * The live session service: the only way into sessions for pages, endpoints and the sweep. It keeps
 * sessions in use in memory, each folded once from its log, and writes every change to the log before
 * it touches memory or tells anyone.
 */
export class SessionService {
	readonly store: EventStore;
	readonly #live = new Map<string, LiveSession>();
	readonly #now: () => number;
	readonly #retentionDays: number;

	constructor(db: Db, options: { retentionDays: number; now?: () => number }) {
		this.store = new EventStore(db);
		this.#retentionDays = options.retentionDays;
		this.#now = options.now ?? Date.now;
	}

	create(input: NewSession): { code: string; hostKey: string } {
		const hostKey = newSecret();
		for (let attempt = 0; attempt < 20; attempt++) {
			const code = newCode();
			const row = this.store.createSession(code, hashSecret(hostKey), this.#now(), {
				type: 'session.created',
				code,
				lang: input.lang,
				moduleId: input.moduleId,
				title: input.title,
				round: input.round ?? BARE_ROUND,
				theme: input.theme,
				...(input.steps?.length ? { steps: input.steps } : {})
			});
			if (row) return { code, hostKey };
		}
		throw new Error('no free session code after 20 attempts');
	}

	/** The live session for a code, loaded from the log on first use; null for unknown codes. */
	get(code: string): LiveSession | null {
		const cached = this.#live.get(code);
		if (cached) return cached;
		const row = this.store.findSession(code);
		if (!row) return null;
		const live = new LiveSession(row.id, row.code, fold(this.store.loadEvents(row.id)));
		this.#live.set(code, live);
		return live;
	}

	/** Whether a key is one of the session's host keys; a key once checked is remembered in memory. */
	isHost(live: LiveSession, hostKey: string | undefined): boolean {
		if (!hostKey || hostKey.length > 64) return false;
		if (live.hostKeys.has(hostKey)) return true;
		const valid = this.store.isHostKey(live.id, hashSecret(hostKey));
		if (valid) live.hostKeys.add(hostKey);
		return valid;
	}

	/** The device number behind a cookie; remembered per live session, so a vote costs no lookup. */
	deviceFor(live: LiveSession, token: string | undefined): number | null {
		if (!token || token.length > 64) return null;
		const known = live.devicesByToken.get(token);
		if (known !== undefined) return known;
		const device = this.store.deviceFor(live.id, hashSecret(token));
		if (device !== null) live.devicesByToken.set(token, device);
		return device;
	}

	/** Runs a command; on success its events are stored, then applied and sent out. */
	/** Decides, stores and applies a command; answers with the events as stored (none for a no-op). */
	execute(live: LiveSession, actor: Actor, command: Command): { ok: true; events: StoredEvent[] } | Extract<Decision, { ok: false }> {
		const decision = decide(live.state, actor, command, flagText);
		if (!decision.ok) return decision;
		const events = decision.events.length > 0 ? this.store.append(live.id, live.state.seq, decision.events, this.#now()) : [];
		live.applyStored(events);
		return { ok: true, events };
	}

	/**
	 * Joins a device: a known token keeps its number; otherwise a new token is made and stored (hashed)
	 * in the same transaction as the join event.
	 */
	join(live: LiveSession, token: string | undefined): { ok: true; token: string; device: number } | Extract<Decision, { ok: false }> {
		const known = this.deviceFor(live, token);
		if (known !== null && token) return { ok: true, token, device: known };
		const decision = decide(live.state, { role: 'device', device: null }, { type: 'join' }, flagText);
		if (!decision.ok) return decision;
		const event = decision.events[0];
		if (event?.type !== 'device.joined') throw new Error('join decided no device');
		const fresh = newSecret();
		const stored = this.store.append(live.id, live.state.seq, decision.events, this.#now(), () =>
			this.store.addDevice(live.id, hashSecret(fresh), event.device)
		);
		live.applyStored(stored);
		live.devicesByToken.set(fresh, event.device);
		return { ok: true, token: fresh, device: event.device };
	}

	/** A new one-time recovery link replaces any earlier one. */
	newRecovery(live: LiveSession): string {
		const token = newSecret();
		this.store.setRecovery(live.id, hashSecret(token));
		return token;
	}

	/** Uses a recovery token: a fresh host key for the new device, or null if the token is spent. */
	redeemRecovery(code: string, token: string): string | null {
		const sessionId = this.store.takeRecovery(code, hashSecret(token));
		if (sessionId === null) return null;
		const hostKey = newSecret();
		this.store.addHostKey(sessionId, hashSecret(hostKey));
		return hostKey;
	}

	delete(live: LiveSession) {
		live.closeAll();
		this.store.deleteSession(live.id);
		this.#live.delete(live.code);
	}

	/** Deletes sessions older than the retention period; returns their codes. */
	sweep(): string[] {
		const before = this.#now() - this.#retentionDays * DAY;
		const expired = this.store.expiredSessions(before);
		for (const row of expired) {
			this.#live.get(row.code)?.closeAll();
			this.#live.delete(row.code);
			this.store.deleteSession(row.id);
		}
		for (const [code, live] of this.#live) {
			if (live.streams.size === 0 && Date.now() - live.lastActive > IDLE_MS) this.#live.delete(code);
		}
		return expired.map((row) => row.code);
	}

	heartbeat() {
		for (const live of this.#live.values()) live.heartbeat();
	}

	closeAll() {
		for (const live of this.#live.values()) live.closeAll();
		this.#live.clear();
	}

	get liveCount(): number {
		return this.#live.size;
	}
}
