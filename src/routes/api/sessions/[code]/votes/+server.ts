import * as act from '$lib/server/actions';
import { apiLang, deviceOf, outcomeResponse, readJson, requireSession } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** A vote from a joined device: `{ proposal, choice }`, choice agree, disagree or pass. */
export const POST: RequestHandler = async (event) => {
	const lang = apiLang(event);
	const live = requireSession(event.params.code, lang);
	return outcomeResponse(act.vote(live, deviceOf(event.cookies, live), await readJson(event.request), lang));
};
