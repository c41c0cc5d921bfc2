import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { closeStreams, sessions, shutdown } from '$lib/server/app';
import { messages, toLang } from '$lib/i18n';
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
};

export const handle: Handle = async ({ event, resolve }) => {
	const lang = toLang(event.params.lang);
	event.locals.lang = lang;

	if (isCrossSite(event.request)) {
		return new Response(lang === 'en' ? 'Requests from another site are not accepted.' : 'Verzoeken van een andere site worden niet geaccepteerd.', {
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
	const asked = event.params.lang ?? event.url.searchParams.get('lang') ?? (event.url.pathname.startsWith('/en') ? 'en' : undefined);
	const t = messages(toLang(asked ?? undefined));
	if (status === 413) return { message: t.tooLarge };
	if (status < 500) return { message };
	console.error(error);
	return { message: t.errorTitle };
};
