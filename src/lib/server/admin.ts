import { error, type RequestEvent } from '@sveltejs/kit';
import { createHash, timingSafeEqual } from 'node:crypto';
import { messages } from '$lib/i18n';
import { charterMessages } from '$lib/i18n/charter';
import { config } from './config';
import { publicOrigin } from './links';

/**
 * The school overview's key: off (404) unless ADMIN_KEY is set; then the coordinator types the key
 * once, and an httpOnly cookie carries it. Keys are compared as hashes in constant time.
 */
type AdminEvent = Pick<RequestEvent, 'url' | 'platform' | 'cookies' | 'request' | 'locals'>;

const secure = (event: Pick<RequestEvent, 'url' | 'platform'>) => publicOrigin(event).startsWith('https:');
export const adminCookie = (event: Pick<RequestEvent, 'url' | 'platform'>) => `${secure(event) ? '__Host-' : ''}kk_admin`;
/** A working day: the overview is looked at now and then, not kept open. */
const MAX_AGE = 60 * 60 * 12;

const digest = (value: string) => createHash('sha256').update(value).digest();

export function adminKeyMatches(candidate: string | undefined | null): boolean {
	if (!config.adminKey || !candidate || candidate.length > 512) return false;
	return timingSafeEqual(digest(candidate), digest(config.adminKey));
}

/** 404 when the overview is off. */
export function adminEnabled(event: Pick<RequestEvent, 'locals'>) {
	if (!config.adminKey) error(404, { message: messages(event.locals.lang).live.errors.not_found });
}

/** 404 when off, 403 without the right key (cookie, or `Authorization: Bearer` for tools). */
export function requireAdmin(event: AdminEvent) {
	adminEnabled(event);
	const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (!adminKeyMatches(bearer ?? event.cookies.get(adminCookie(event)))) {
		error(403, { message: charterMessages(event.locals.lang).admin.forbidden });
	}
}

export function setAdminCookie(event: AdminEvent, key: string) {
	event.cookies.set(adminCookie(event), key, { path: '/', httpOnly: true, sameSite: 'strict', secure: secure(event), maxAge: MAX_AGE });
}

export function clearAdminCookie(event: AdminEvent) {
	event.cookies.delete(adminCookie(event), { path: '/', httpOnly: true, sameSite: 'strict', secure: secure(event) });
}
