import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import type { Lang } from '$lib/lessons/types';
import { closeStreams, ready, shutdown, start } from '$lib/server/app';
import { lanAddresses } from '$lib/server/links';
import { requestLang, SECURITY_HEADERS } from '$lib/server/edge';
import { registerHot } from '$lib/server/hot';
import { isCrossSite } from '$lib/server/origin';
import { messageOf, type EdgeError } from '$lib/server/respond';

export const init: ServerInit = async () => {
	// Opens (and on first start creates) the database: SQLite in the data directory, or PostgreSQL.
	await start();
	// server/index.js answers /readyz with this when the database is PostgreSQL.
	(globalThis as Record<symbol, unknown>)[Symbol.for('klasakkoord.ready')] = ready;
	// The custom server (server/index.js) serves the live session's hot paths through this.
	registerHot();
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

export const handle: Handle = async ({ event, resolve }) => {
	const lang = requestLang(event);
	event.locals.lang = lang;

	const api = event.url.pathname.startsWith('/api/');

	if (isCrossSite(event.request)) {
		if (api) return Response.json({ ok: false, error: 'cross_site', message: messages(lang).crossSite }, { status: 403 });
		return new Response(messages(lang).crossSite, {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}

	// Errors the framework renders itself then come as JSON, whatever the client accepts.
	if (api) {
		try {
			event.request.headers.set('accept', 'application/json');
		} catch {
			// Immutable headers: errorShape below rebuilds the answer instead.
		}
	}
	let response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang)
	});
	if (api && response.status >= 400) response = await errorShape(response, lang);
	// The mentor's pages hold what only the mentor may see: no browser or proxy keeps a copy.
	// Charters, the school overview and the start page's list of charters are the mentor's too.
	const charterRoute = /\/(charter|c|admin)(\/|$)|\/api\/(charters|admin)\/|\(site\)\/host$/.test(event.route.id ?? '');
	if (
		event.route.id?.includes('/host/[code]') ||
		event.route.id?.includes('/recover/') ||
		event.route.id?.includes('/remote/[code]') ||
		charterRoute
	) {
		response.headers.set('cache-control', 'no-store');
	}
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
};

const CODE_BY_STATUS: Record<number, EdgeError> = {
	400: 'invalid',
	403: 'forbidden',
	404: 'not_found',
	413: 'payload_too_large',
	415: 'unsupported_type',
	429: 'rate_limited'
};

/**
 * One error shape for the whole JSON API, `{ ok: false, error, message }`, also for errors the
 * framework raises itself (an unknown path, a body over BODY_SIZE_LIMIT) or a guard throws.
 */
async function errorShape(response: Response, lang: Lang): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	let body: { ok?: unknown; error?: unknown; message?: unknown } = {};
	if (type.includes('json')) {
		body = (await response
			.clone()
			.json()
			.catch(() => ({}))) as typeof body;
		if (body.ok === false && typeof body.error === 'string' && typeof body.message === 'string') return response;
	}
	const code = typeof body.error === 'string' ? body.error : (CODE_BY_STATUS[response.status] ?? 'invalid');
	const message =
		typeof body.message === 'string' && body.message ? body.message : (messageOf(lang, code as EdgeError) ?? messages(lang).errorTitle);
	const headers = new Headers(response.headers);
	headers.set('content-type', 'application/json');
	headers.delete('content-length');
	return new Response(JSON.stringify({ ok: false, error: code, message }), { status: response.status, headers });
}

/**
 * Errors Kit raises itself. A refused request (such as a body over BODY_SIZE_LIMIT) is the client's
 * problem: it gets a message in its language and nothing is logged. Anything else is logged once.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const t = messages(event.locals.lang ?? requestLang(event));
	if (status === 413) return { message: t.tooLarge, error: 'payload_too_large' };
	if (status === 404) return { message: t.notFound, error: 'not_found' };
	if (status < 500) return { message };
	console.error(error);
	return { message: t.errorTitle };
};
