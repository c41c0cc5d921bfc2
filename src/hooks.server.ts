import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { messages, toLang } from '$lib/i18n';
import type { Lang } from '$lib/lessons/types';
import { closeStreams, sessions, shutdown } from '$lib/server/app';
import { lanAddresses } from '$lib/server/links';
import { isCrossSite } from '$lib/server/origin';

const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
	'cross-origin-opener-policy': 'same-origin'
};

export const init: ServerInit = () => {
	// Opens (and on first start creates) the database in the data directory.
	sessions();
	// adapter-node closes the server on these signals but waits for open connections: end the event
	// streams at once, then close the database when the server is done.
	process.once('SIGTERM', closeStreams);
	process.once('SIGINT', closeStreams);
	process.once('sveltekit:shutdown', shutdown);
	console.log(joinAddressNotice());
};

/** Where phones should go, for the start log: the configured origin or this machine's network address. */
function joinAddressNotice(): string {
	if (process.env.ORIGIN) return `Klasakkoord: phones join at ${process.env.ORIGIN}/join`;
	const host = process.env.HOST ?? '0.0.0.0';
	const lan = lanAddresses()[0];
	if (/^(localhost|127\.|::1$)/.test(host) || !lan) {
		return 'Klasakkoord: listening on this computer only; phones cannot reach it. Set HOST=0.0.0.0 (or ORIGIN behind a proxy).';
	}
	return `Klasakkoord: phones join at http://${lan}:${process.env.PORT ?? 3000}/join`;
}

/**
 * The language of a request, resolved once: a page's language is its URL (`/en…` or Dutch); the API
 * has no language in its paths and takes `?lang=en` or the browser's Accept-Language.
 */
function requestLang(event: Pick<RequestEvent, 'params' | 'url' | 'request'>): Lang {
	const { pathname, searchParams } = event.url;
	if (event.params.lang || pathname === '/en' || pathname.startsWith('/en/')) return 'en';
	if (!pathname.startsWith('/api/')) return 'nl';
	return toLang(searchParams.get('lang') ?? event.request.headers.get('accept-language')?.slice(0, 2));
}

export const handle: Handle = async ({ event, resolve }) => {
	const lang = requestLang(event);
	event.locals.lang = lang;

	if (isCrossSite(event.request)) {
		return new Response(messages(lang).crossSite, {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang)
	});
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
};

/**
 * Errors Kit raises itself. A refused request (such as a body over BODY_SIZE_LIMIT) is the client's
 * problem: it gets a message in its language and nothing is logged. Anything else is logged once.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const t = messages(event.locals.lang ?? requestLang(event));
	if (status === 413) return { message: t.tooLarge };
	if (status < 500) return { message };
	console.error(error);
	return { message: t.errorTitle };
};
