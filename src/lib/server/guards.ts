import { error, type RequestEvent } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { sessions } from './app';
import { deviceCookie, hostKeyOf } from './cookies';
import { normalizeCode } from './keys';
import type { LiveSession } from './live';

type SessionEvent = Pick<RequestEvent, 'params' | 'locals'>;

/** The live session for the code in the URL, or a 404 in the visitor's language. */
export function session(event: SessionEvent): LiveSession {
	const code = normalizeCode(event.params.code ?? '');
	const live = code ? sessions().get(code) : null;
	if (!live) error(404, messages(event.locals.lang).live.errors.unknown_session);
	return live;
}

/** The session, for its mentor only (host key in the cookie or as a bearer token), or a 403. */
export function hostSession(event: SessionEvent & Pick<RequestEvent, 'cookies' | 'request'>): LiveSession {
	const live = session(event);
	if (!sessions().isHost(live, hostKeyOf(event, live.code))) error(403, messages(event.locals.lang).live.errors.forbidden);
	return live;
}

/** The device number of this browser in the session, or null when it has not joined. */
export function deviceOf(event: Pick<RequestEvent, 'cookies'>, live: LiveSession): number | null {
	return sessions().deviceFor(live, event.cookies.get(deviceCookie(live.code)));
}
