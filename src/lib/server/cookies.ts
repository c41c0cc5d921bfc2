import type { RequestEvent } from '@sveltejs/kit';
import { publicOrigin } from './links';

export const hostCookie = (code: string) => `kk_host_${code}`;
export const deviceCookie = (code: string) => `kk_dev_${code}`;

/** Host cookies last as long as a session may; device cookies one school day. */
const HOST_MAX_AGE = 60 * 60 * 24 * 30;
const DEVICE_MAX_AGE = 60 * 60 * 12;

function cookieOptions(event: Pick<RequestEvent, 'url' | 'platform'>, maxAge: number) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: publicOrigin(event).startsWith('https:'),
		maxAge
	};
}

export function setHostCookie(event: RequestEvent, code: string, hostKey: string) {
	event.cookies.set(hostCookie(code), hostKey, cookieOptions(event, HOST_MAX_AGE));
}

export function setDeviceCookie(event: RequestEvent, code: string, token: string) {
	event.cookies.set(deviceCookie(code), token, cookieOptions(event, DEVICE_MAX_AGE));
}

/** The host key from the cookie, or for tools from `Authorization: Bearer <key>`. */
export function hostKeyOf(event: Pick<RequestEvent, 'cookies' | 'request'>, code: string): string | undefined {
	const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	return bearer ?? event.cookies.get(hostCookie(code));
}
