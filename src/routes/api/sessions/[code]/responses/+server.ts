import * as act from '$lib/server/actions';
import { deviceOf, session } from '$lib/server/guards';
import { answer, readJson } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** An answer to the statement or scenario on screen: `{ activity, choice }`. */
export const POST: RequestHandler = async (event) => {
	const live = session(event);
	return answer(event, act.respond(live, deviceOf(event, live), await readJson(event.request)));
};
