import { error } from '@sveltejs/kit';
import type { Edge } from './edge';
import { sessions } from './app';
import { deviceTokenOf, hostKeyOf } from './cookies';
import { normalizeCode } from './keys';
import type { LiveSession } from './live';
import { limits } from './ratelimit';
import { messageOf, statusOf, type EdgeError } from './respond';

type SessionEvent = Pick<Edge, 'params' | 'locals' | 'cookies' | 'request' | 'getClientAddress' | 'url' | 'platform'>;
type LookupEvent = Pick<Edge, 'locals' | 'cookies' | 'request' | 'getClientAddress' | 'url' | 'platform'>;

/** Throws a refusal as an HTTP error whose body carries its code (hooks.server.ts shapes API errors). */
export function refuseWith(event: Pick<Edge, 'locals'>, code: EdgeError): never {
	error(statusOf(code), { message: messageOf(event.locals.lang, code), error: code });
}

/**
 * The client's network address, for in-memory flood limits only: it is never stored or logged.
 * adapter-node reads it from the socket, or from ADDRESS_HEADER behind a proxy.
 */
export function clientAddress(event: Pick<Edge, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/**
 * Finds a session by a code someone typed or put in a URL. Unknown codes are counted per address and
 * for the whole server: an address that guessed too many (or any address, once guesses from many
 * addresses used up the server's allowance) gets 429 for every code it does not already belong to,
 * known or not, so a refusal tells a guesser nothing. A joined phone or the mentor always gets in.
 */
export async function lookup(
	event: LookupEvent,
	raw: string,
	fresh = true
): Promise<{ ok: true; live: LiveSession } | { ok: false; code: EdgeError }> {
	const address = clientAddress(event);
	const throttled =
		!limits.failedLookupPerAddress.has(address) || (!limits.failedLookup.has('server') && limits.failedLookupPerAddress.used(address));
	const code = normalizeCode(raw);
	const live = code ? await sessions().get(code, fresh) : null;
	if (throttled && !(live && (await belongs(event, live)))) {
		if (!live) limits.failedLookupPerAddress.take(address);
		return { ok: false, code: 'rate_limited' };
	}
	if (!live) {
		limits.failedLookupPerAddress.take(address);
		limits.failedLookup.take('server');
		return { ok: false, code: 'unknown_session' };
	}
	return { ok: true, live };
}

async function belongs(event: Pick<Edge, 'cookies' | 'request' | 'url' | 'platform'>, live: LiveSession): Promise<boolean> {
	return (await deviceOf(event, live)) !== null || sessions().isHost(live, hostKeyOf(event, live.code));
}

/**
 * The live session for the code in the URL, or a 404 (429 for a guesser) in the visitor's language.
 * `fresh` (with several instances): bring it up to date with the log first; a write can skip that, as
 * it catches up under the session's lock (store-pg.ts).
 */
export async function session(event: SessionEvent, fresh = true): Promise<LiveSession> {
	const found = await lookup(event, event.params.code ?? '', fresh);
	if (!found.ok) refuseWith(event, found.code);
	return found.live;
}

/** The session, for its mentor only (host key in the cookie or as a bearer token), or a 403. */
export async function hostSession(event: SessionEvent, fresh = true): Promise<LiveSession> {
	const live = await session(event, fresh);
	if (!(await sessions().isHost(live, hostKeyOf(event, live.code)))) refuseWith(event, 'forbidden');
	return live;
}

/** The device number of this browser in the session, or null when it has not joined. */
export function deviceOf(event: Pick<Edge, 'cookies' | 'url' | 'platform'>, live: LiveSession): Promise<number | null> {
	return sessions().deviceFor(live, deviceTokenOf(event, live.code));
}
