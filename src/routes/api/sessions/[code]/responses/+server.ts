import * as act from '$lib/server/actions';
import { deviceOf, session } from '$lib/server/guards';
import { answer, readJson, refusal } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** An answer to the statement or scenario on screen: `{ activity, choice }`. */
export const POST: RequestHandler = async (event) => {
	const live = session(event);
	const body = await readJson(event.request);
	if (!body.ok) return refusal(event, body.code);
	return answer(event, await act.respond(live, deviceOf(event, live), body.value));
};
