import type { RequestEvent } from '@sveltejs/kit';
import type { CookieOptions, Edge } from './edge';
import { publicOrigin } from './links';

type CookieEvent = Pick<Edge, 'url' | 'platform'>;

/**
 * Behind HTTPS, cookie names carry the `__Host-` prefix: the browser then accepts them only with
 * Secure, Path=/ and no Domain, so another host under the same domain cannot plant or overwrite them.
 */
function secure(event: CookieEvent): boolean {
	return publicOrigin(event).startsWith('https:');
}

export const hostCookie = (event: CookieEvent, code: string) => `${secure(event) ? '__Host-' : ''}kk_host_${code}`;
export const deviceCookie = (event: CookieEvent, code: string) => `${secure(event) ? '__Host-' : ''}kk_dev_${code}`;

/** Host cookies last a week (signing out on a shared computer ends one at once); device cookies a school day. */
const HOST_MAX_AGE = 60 * 60 * 24 * 7;
const DEVICE_MAX_AGE = 60 * 60 * 12;

function cookieOptions(event: CookieEvent, maxAge: number): CookieOptions {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(event),
		maxAge
	};
}

export function setHostCookie(event: RequestEvent, code: string, hostKey: string) {
	event.cookies.set(hostCookie(event, code), hostKey, cookieOptions(event, HOST_MAX_AGE));
}

export function clearHostCookie(event: RequestEvent, code: string) {
	event.cookies.delete(hostCookie(event, code), { path: '/', secure: secure(event), httpOnly: true, sameSite: 'lax' });
}

export function setDeviceCookie(event: Pick<Edge, 'cookies' | 'url' | 'platform'>, code: string, token: string) {
	event.cookies.set(deviceCookie(event, code), token, cookieOptions(event, DEVICE_MAX_AGE));
}

/** The host key from the cookie, or for tools from `Authorization: Bearer <key>`. */
export function hostKeyOf(event: Pick<Edge, 'cookies' | 'request' | 'url' | 'platform'>, code: string): string | undefined {
	const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	return bearer ?? event.cookies.get(hostCookie(event, code));
}

/** The device token from the cookie. */
export function deviceTokenOf(event: Pick<Edge, 'cookies' | 'url' | 'platform'>, code: string): string | undefined {
	return event.cookies.get(deviceCookie(event, code));
}
