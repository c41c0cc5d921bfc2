import { error, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { messages } from '../i18n';
import type { Lang } from '../lessons/types';
import type { DomainError } from '../session/commands';
import { sessions } from './app';
import { normalizeCode } from './keys';
import type { LiveSession } from './live';

export const hostCookie = (code: string) => `kk_host_${code}`;
export const deviceCookie = (code: string) => `kk_dev_${code}`;

/** Host cookies last as long as a session may; device cookies one school day. */
const HOST_MAX_AGE = 60 * 60 * 24 * 30;
const DEVICE_MAX_AGE = 60 * 60 * 12;

/**
 * The address students use. ORIGIN (or the proxy's headers) when configured; otherwise the address
 * the request came in on, over plain http, because adapter-node itself never serves https.
 */
export function publicOrigin(event: Pick<RequestEvent, 'url' | 'platform'>): string {
	if (process.env.ORIGIN || process.env.PROTOCOL_HEADER || !event.platform?.req) return event.url.origin;
	return `http://${event.url.host}`;
}

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

/** The live session for a code in the URL, or a 404 in the visitor's language. */
export function requireSession(rawCode: string, lang: Lang): LiveSession {
	const code = normalizeCode(rawCode);
	const live = code ? sessions().get(code) : null;
	if (!live) error(404, messages(lang).live.errors.unknown_session);
	return live;
}

/** The host key from the cookie, or for tools from `Authorization: Bearer <key>`. */
export function hostKeyOf(event: Pick<RequestEvent, 'cookies' | 'request'>, code: string): string | undefined {
	const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	return bearer ?? event.cookies.get(hostCookie(code));
}

export function requireHost(event: Pick<RequestEvent, 'cookies' | 'request'>, live: LiveSession, lang: Lang) {
	if (!sessions().isHost(live, hostKeyOf(event, live.code))) error(403, messages(lang).live.errors.forbidden);
}

export function deviceOf(cookies: Cookies, live: LiveSession): number | null {
	return sessions().deviceFor(live, cookies.get(deviceCookie(live.code)));
}

export type EdgeError = DomainError | 'invalid' | 'rate_limited' | 'unknown_session';

export function statusOf(code: EdgeError): number {
	switch (code) {
		case 'forbidden':
			return 403;
		case 'unknown_session':
		case 'unknown_proposal':
		case 'unknown_rule':
		case 'unknown_slide':
			return 404;
		case 'closed':
		case 'proposals_closed':
		case 'voting_closed':
		case 'not_now':
		case 'not_votable':
		case 'merge_target':
		case 'same_proposal':
			return 409;
		case 'rate_limited':
			return 429;
		default:
			return 400;
	}
}

export function messageOf(lang: Lang, code: EdgeError): string {
	return messages(lang).live.errors[code];
}

/** The JSON body of a request, or undefined when it is not JSON (or too large to be a real request). */
export async function readJson(request: Request): Promise<unknown> {
	const text = await request.text();
	if (text.length > 16_384) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** A JSON answer for the API: the outcome's data, or `{ error, message }` with its status. */
export function outcomeResponse(outcome: { ok: true } | { ok: false; status: number; code: string; message: string }, okStatus = 200) {
	if (outcome.ok) {
		const { ok: _ok, ...data } = outcome as { ok: true } & Record<string, unknown>;
		delete data.token;
		return Response.json({ ok: true, ...data }, { status: okStatus });
	}
	return Response.json({ ok: false, error: outcome.code, message: outcome.message }, { status: outcome.status });
}

/** The language for an API answer: `?lang=en` or the Accept-Language header, Dutch otherwise. */
export function apiLang(event: Pick<RequestEvent, 'url' | 'request'>): Lang {
	const asked = event.url.searchParams.get('lang') ?? event.request.headers.get('accept-language')?.slice(0, 2);
	return asked === 'en' ? 'en' : 'nl';
}
