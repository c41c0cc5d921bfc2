import * as act from '$lib/server/actions';
import { apiLang, deviceOf, outcomeResponse, readJson, requireSession } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** An answer to the statement or scenario on screen: `{ activity, choice }`. */
export const POST: RequestHandler = async (event) => {
	const lang = apiLang(event);
	const live = requireSession(event.params.code, lang);
	return outcomeResponse(act.respond(live, deviceOf(event.cookies, live), await readJson(event.request), lang));
};
