import * as act from '$lib/server/actions';
import { deviceTokenOf, setDeviceCookie } from '$lib/server/cookies';
import { clientAddress, session } from '$lib/server/guards';
import { answer } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** Joins the session as an anonymous device; the device token comes back as a cookie only. */
export const POST: RequestHandler = async (event) => {
	const live = session(event);
	const outcome = await act.join(live, deviceTokenOf(event, live.code), clientAddress(event));
	if (outcome.ok) setDeviceCookie(event, live.code, outcome.token);
	return answer(event, outcome);
};
