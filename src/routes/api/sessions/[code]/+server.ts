import { sessions } from '$lib/server/app';
import { hostSession } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** Deletes the session and everything in it at once (mentor only). */
export const DELETE: RequestHandler = async (event) => {
	await sessions().delete(await hostSession(event));
	return new Response(null, { status: 204 });
};
