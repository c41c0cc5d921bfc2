import { sessions } from '$lib/server/app';
import { apiLang, requireHost, requireSession } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Deletes the session and everything in it at once (mentor only). */
export const DELETE: RequestHandler = (event) => {
	const lang = apiLang(event);
	const live = requireSession(event.params.code, lang);
	requireHost(event, live, lang);
	sessions().delete(live);
	return new Response(null, { status: 204 });
};
