import * as act from '$lib/server/actions';
import { apiLang, deviceCookie, outcomeResponse, requireSession, setDeviceCookie } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Joins the session as an anonymous device; the device token comes back as a cookie only. */
export const POST: RequestHandler = (event) => {
	const lang = apiLang(event);
	const live = requireSession(event.params.code, lang);
	const outcome = act.join(live, event.cookies.get(deviceCookie(live.code)), lang);
	if (outcome.ok) setDeviceCookie(event, live.code, outcome.token);
	return outcomeResponse(outcome);
};
