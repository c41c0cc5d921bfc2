import * as act from '$lib/server/actions';
import { deviceCookie, setDeviceCookie } from '$lib/server/cookies';
import { session } from '$lib/server/guards';
import { answer } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** Joins the session as an anonymous device; the device token comes back as a cookie only. */
export const POST: RequestHandler = (event) => {
	const live = session(event);
	const outcome = act.join(live, event.cookies.get(deviceCookie(live.code)));
	if (outcome.ok) setDeviceCookie(event, live.code, outcome.token);
	return answer(event, outcome);
};
