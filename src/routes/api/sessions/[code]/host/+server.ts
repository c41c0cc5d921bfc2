import * as act from '$lib/server/actions';
import { sessions } from '$lib/server/app';
import { clearHostCookie, hostKeyOf } from '$lib/server/cookies';
import { hostSession } from '$lib/server/guards';
import { answer, BODY_LIMITS, readJson, refusal } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** A mentor's command, e.g. `{ "type": "approve", "id": "p3" }`; see docs/http.md for all of them. */
export const POST: RequestHandler = async (event) => {
	const live = hostSession(event);
	const body = await readJson(event.request, BODY_LIMITS.command);
	if (!body.ok) return refusal(event, body.code);
	return answer(event, await act.host(live, body.value));
};

/** Signs this host key out: the cookie is cleared and the key stops working, on every device. */
export const DELETE: RequestHandler = (event) => {
	const live = hostSession(event);
	sessions().signOut(live, hostKeyOf(event, live.code));
	clearHostCookie(event, live.code);
	return new Response(null, { status: 204 });
};
