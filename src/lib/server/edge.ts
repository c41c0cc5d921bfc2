import type { Lang } from '$lib/lessons/types';
import { toLang } from '$lib/i18n';

/**
 * What the server layer reads of a request. SvelteKit's RequestEvent has all of it; the hot paths of
 * the custom server (hot.ts) build the same from Node's request, so guards, cookies, limits and
 * answers are one implementation for both.
 */
export interface Edge {
	params: { code?: string };
	locals: { lang: Lang };
	url: URL;
	request: { method: string; url: string; headers: { get(name: string): string | null }; body: Body | null };
	cookies: {
		get(name: string): string | undefined;
		set(name: string, value: string, options: CookieOptions): void;
	};
	getClientAddress(): string;
	platform?: { req?: unknown };
}

/** A request body: a web stream (SvelteKit) or Node's request (hot paths). */
export type Body = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface CookieOptions {
	path: string;
	httpOnly: boolean;
	sameSite: 'lax';
	secure: boolean;
	maxAge: number;
}

/** An API answer before it is written: its status and JSON body. */
export interface Reply {
	status: number;
	body: Record<string, unknown>;
	headers?: Record<string, string>;
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
	'cross-origin-opener-policy': 'same-origin'
};

/**
 * The language of a request, resolved once: a page's language is its URL (`/en…` or Dutch); the API
 * has no language in its paths and takes `?lang=en` or the browser's Accept-Language.
 */
export function requestLang(event: {
	params: { lang?: string };
	url: URL;
	request: { headers: { get(name: string): string | null } };
}): Lang {
	const { pathname, searchParams } = event.url;
	if (event.params.lang || pathname === '/en' || pathname.startsWith('/en/')) return 'en';
	if (!pathname.startsWith('/api/')) return 'nl';
	return toLang(searchParams.get('lang') ?? event.request.headers.get('accept-language')?.slice(0, 2));
}
