import * as api from '$lib/server/api';
import { sessions } from '$lib/server/app';
import { clearHostCookie, hostKeyOf } from '$lib/server/cookies';
import { hostSession } from '$lib/server/guards';
import { toResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** See api.ts (the custom server serves this path itself, with the same function). */
export const POST: RequestHandler = async (event) => toResponse(await api.host(event));

/** Signs this host key out: the cookie is cleared and the key stops working, on every device. */
export const DELETE: RequestHandler = async (event) => {
	const live = await hostSession(event);
	await sessions().signOut(live, hostKeyOf(event, live.code));
	clearHostCookie(event, live.code);
	return new Response(null, { status: 204 });
};
