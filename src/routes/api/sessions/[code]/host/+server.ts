import * as act from '$lib/server/actions';
import { apiLang, outcomeResponse, readJson, requireHost, requireSession } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** A mentor's command, e.g. `{ "type": "approve", "id": "p3" }`; see docs/http.md for all of them. */
export const POST: RequestHandler = async (event) => {
	const lang = apiLang(event);
	const live = requireSession(event.params.code, lang);
	requireHost(event, live, lang);
	return outcomeResponse(act.host(live, await readJson(event.request), lang));
};
